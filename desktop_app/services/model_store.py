"""The models the app knows: the shipped bundle and the user's own under AppDataLocation/models.

Only card.json is read for listing (cheap); the full checksum check happens when a model is loaded. The shipped
model is never deleted, the active one neither, and a new model always gets a fresh folder.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal

from model.api import SHIPPED_MODEL


@dataclass
class ModelInfo:
    path: Path
    name: str
    shipped: bool
    card: dict = field(default_factory=dict)
    problem: str = ""  # why the card could not be read; the model is listed but cannot be used

    @property
    def mean_scores(self) -> dict:
        return (self.card.get("dev_scores") or {}).get("mean") or {}

    @property
    def dev_lines(self) -> int | None:
        """Lines per dev corpus its scores are on (None: the full dev sets): scores on the first N lines compare
        only with scores on the same lines, such as its base model's (base_mean_scores)."""
        return dev_lines(self.card)

    @property
    def base_mean_scores(self) -> dict:
        """A fine-tune's base model scored with the same decoding on the same lines; {} for other models."""
        return (self.card.get("base_dev_scores") or {}).get("mean") or {}

    @property
    def base_name(self) -> str:
        return str(self.card.get("base_model") or "")

    @property
    def date(self) -> str:
        return str(self.card.get("date", ""))[:10]


def dev_lines(card: dict) -> int | None:
    """Lines per dev corpus a card's dev scores are on; None: every line. Cards from before the card said so
    (dev_lines_per_corpus) were scored on their training settings' final_dev_lines."""
    if "dev_lines_per_corpus" in card:
        return card["dev_lines_per_corpus"] or None
    return (card.get("training") or {}).get("final_dev_lines") or None


def score_text(value: float) -> str:
    """A dev score (stored with two decimals) to one decimal, half up, as the README rounds it: 30.65 → 30.7
    (format(30.65, ".1f") gives 30.6, since the float is just below 30.65)."""
    return str(Decimal(str(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def app_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def read_info(path: Path, shipped: bool = False) -> ModelInfo:
    path = Path(path)
    card_path = path / "card.json"
    if not card_path.is_file():
        empty = not path.is_dir() or not any(path.iterdir())
        problem = "missing" if empty else "card.json is missing"
        return ModelInfo(path, path.name, shipped, problem=problem)
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
        if not isinstance(card, dict):
            raise ValueError("not an object")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return ModelInfo(path, path.name, shipped, problem=f"card.json is unreadable ({error})")
    name = str(card.get("name") or path.name)
    if card.get("languages", "ko->en") != "ko->en":  # an English->Korean model is for back-translation only
        return ModelInfo(path, name, shipped, card, problem=f"translates {card['languages']}, not Korean to English")
    return ModelInfo(path, name, shipped, card)


def same_path(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


class ModelStore(QObject):
    """Lists, describes and deletes model bundles; hands out fresh folders for new ones."""

    changed = Signal()

    def __init__(self, shipped: Path = SHIPPED_MODEL, root: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.shipped = Path(shipped)
        self.root = Path(root) if root else app_data_dir()
        self.models_dir = self.root / "models"
        self.training_dir = self.root / "training"

    def models(self, also: str | Path | None = None) -> list[ModelInfo]:
        """The shipped model first (even when missing, so the user sees why), then user models, newest first;
        `also` (the model in use, when it was opened from elsewhere) is listed after the shipped one."""
        listed = [read_info(self.shipped, shipped=True)]
        if self.models_dir.is_dir():
            users = [read_info(folder) for folder in self.models_dir.iterdir()
                     if folder.is_dir() and not folder.name.endswith(".partial")]
            listed += sorted(users, key=lambda info: (info.card.get("date", ""), info.name), reverse=True)
        if also is not None and not any(same_path(info.path, also) for info in listed):
            listed.insert(1, read_info(Path(also)))
        return listed

    def is_shipped(self, path: str | Path) -> bool:
        return same_path(path, self.shipped)

    def resolve(self, selected: str) -> Path:
        """The settings' model path (empty: the shipped one) as a folder."""
        return Path(selected) if selected else self.shipped

    def delete(self, path: str | Path, active: str | Path | None = None) -> None:
        path = Path(path)
        if self.is_shipped(path):
            raise PermissionError("the shipped model cannot be deleted")
        if active is not None and same_path(path, active):
            raise PermissionError("the model in use cannot be deleted; switch to another one first")
        if not same_path(path.parent, self.models_dir):
            raise PermissionError(f"{path} is not one of your models")
        shutil.rmtree(path)
        self.changed.emit()

    def new_model_path(self, name: str) -> Path:
        """A folder that does not exist yet, named after `name` and the time."""
        slug = re.sub(r"[^\w.-]+", "-", name.strip(), flags=re.UNICODE).strip("-.") or "model"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        candidate = self.models_dir / f"{slug}-{stamp}"
        counter = 2
        while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
            candidate = self.models_dir / f"{slug}-{stamp}-{counter}"
            counter += 1
        self.models_dir.mkdir(parents=True, exist_ok=True)
        return candidate

    def import_archive(self, archive: str | Path) -> Path:
        """Unpack a model archive (.zip/.tar…) into a fresh folder among the user's models, checked entry by entry
        and verified as a bundle first (model.api.import_archive); raises BundleError saying why it was refused."""
        from model.api import import_archive

        archive = Path(archive)
        stem = archive.name
        for suffix in (".zip", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".tar"):
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        path = import_archive(archive, self.new_model_path(stem or "imported"))
        self.changed.emit()
        return path

    def new_work_dir(self, output: Path) -> Path:
        self.training_dir.mkdir(parents=True, exist_ok=True)
        return self.training_dir / output.name
