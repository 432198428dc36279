# Every target works from a fresh clone: the virtual environment is created on first use.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
DATA    ?= ../shared/data
PACKAGE_STAMP := $(VENV)/.package-stamp
GPU_STAMP := $(VENV)/.gpu-stamp
TF_VERSION := 2.21.0
APP     := dist/Hanyeong/Hanyeong
XDG_DATA_HOME ?= $(HOME)/.local/share

.PHONY: install install-gpu install-cpu gpu-tensorflow run test bench package package-test train install-desktop clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	@if [ -f $(GPU_STAMP) ]; then $(MAKE) --no-print-directory gpu-tensorflow; fi
	touch $(STAMP)

install: $(STAMP)

# Training on an NVIDIA GPU: the `gpu` extra (TensorFlow's CUDA and cuDNN wheels), then TensorFlow with CUDA in
# place of tensorflow-cpu. The two distributions write the same files, so both are removed and `tensorflow` alone
# is put back; pip then notes that hanyeong asks for tensorflow-cpu, which is expected. The venv remembers the
# choice ($(GPU_STAMP)): later installs by make keep the GPU TensorFlow. `make install-cpu` goes back.
install-gpu: $(STAMP)
	$(PYTHON) -m pip install --quiet -e ".[test,gpu]"
	$(MAKE) --no-print-directory gpu-tensorflow
	touch $(GPU_STAMP)
	$(VENV)/bin/hanyeong devices

gpu-tensorflow:
	$(PYTHON) -m pip uninstall --quiet -y tensorflow-cpu tensorflow
	$(PYTHON) -m pip install --quiet --no-deps --force-reinstall "tensorflow==$(TF_VERSION)"

install-cpu: $(STAMP)
	rm -f $(GPU_STAMP)
	$(PYTHON) -m pip uninstall --quiet -y tensorflow-cpu tensorflow
	$(PYTHON) -m pip install --quiet --no-deps --force-reinstall "tensorflow-cpu==$(TF_VERSION)"
	$(VENV)/bin/hanyeong devices

run: $(STAMP)
	$(VENV)/bin/hanyeong-app

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -q

# Prints figures and the hardware, and writes them to benchmarks/results.json (start-up includes the packaged
# app when dist/Hanyeong has been built with make package).
bench: $(STAMP)
	cd benchmarks && ../$(PYTHON) bench_translation.py
	cd benchmarks && ../$(PYTHON) bench_trace.py
	cd benchmarks && ../$(PYTHON) bench_startup.py
	cd benchmarks && ../$(PYTHON) bench_training.py

# Trains base v1 (the first shipped model) from configs/shipped.json on this machine, ~2 h on 2 CPU cores; resumable.
# The shipped base v2 is the same model trained longer on a GPU: docs/training.md says how to rerun it.
train: $(STAMP)
	$(VENV)/bin/hanyeong train --data $(DATA)/train --dev $(DATA)/dev --config configs/shipped.json \
		--output runs/shipped-bundle --work-dir runs/shipped

$(PACKAGE_STAMP): $(STAMP)
	$(PYTHON) -m pip install --quiet -e ".[test,package]"
	touch $(PACKAGE_STAMP)

# The packaged app, one folder that runs without Python: dist/Hanyeong/Hanyeong (build.spec; ~3 min on 2 cores).
package: $(PACKAGE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec
	@du -sh dist/Hanyeong

# Builds the bundle, then uses it as a person would: the self-test from another folder with an empty HOME and no
# network, a translation and a short training run through its command line (tests/packaging/test_packaging.py).
package-test: package
	HANYEONG_PACKAGE_TEST=1 $(PYTHON) -m pytest -q tests/packaging/test_packaging.py

# A menu entry (and icon) for the packaged app if it is built, otherwise for .venv/bin/hanyeong-app.
install-desktop:
	@if [ -x "$(APP)" ]; then exe="$(CURDIR)/$(APP)"; \
	else $(MAKE) --no-print-directory install && exe="$(CURDIR)/$(VENV)/bin/hanyeong-app"; fi; \
	mkdir -p "$(XDG_DATA_HOME)/applications"; \
	sed -e "s|^Exec=.*|Exec=\"$$exe\"|" -e "s|^TryExec=.*|TryExec=$$exe|" assets/hanyeong.desktop \
		> "$(XDG_DATA_HOME)/applications/hanyeong.desktop"; \
	for size in 16 24 32 48 64 128 256 512; do \
		install -D -m 644 assets/icons/hanyeong-$$size.png \
			"$(XDG_DATA_HOME)/icons/hicolor/$${size}x$${size}/apps/hanyeong.png"; done; \
	install -D -m 644 assets/icons/hanyeong.svg "$(XDG_DATA_HOME)/icons/hicolor/scalable/apps/hanyeong.svg"; \
	update-desktop-database "$(XDG_DATA_HOME)/applications" 2>/dev/null || true; \
	echo "Hanyeong is in the applications menu: $(XDG_DATA_HOME)/applications/hanyeong.desktop runs $$exe"

clean:
	rm -rf build dist .pytest_cache
