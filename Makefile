# Every target works from a fresh clone: the virtual environment is created on first use.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
DATA    ?= ../shared/data

.PHONY: install run test bench package package-test train install-desktop clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/hanyeong-app

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -q

# Prints figures and the hardware, and writes them to benchmarks/results.json.
bench: $(STAMP)
	cd benchmarks && ../$(PYTHON) bench_translation.py
	cd benchmarks && ../$(PYTHON) bench_training.py

# Reproduces the shipped model (assets/model) from the committed settings; resumable: run it again after a stop.
train: $(STAMP)
	$(VENV)/bin/hanyeong train --data $(DATA)/train --dev $(DATA)/dev --config configs/shipped.json \
		--output runs/shipped-bundle --work-dir runs/shipped

clean:
	rm -rf build dist .pytest_cache
