"""The words a person picks from: situations (conditions.csv) and causes (causes.csv), as labels."""

import csv
from pathlib import Path

from avn_data.tables.parsing import one_of
from avn_data.tables.paths import DATA_DIR, fresh

CONDITIONS_CSV = DATA_DIR / "conditions.csv"
CAUSES_CSV = DATA_DIR / "causes.csv"


def _labels(path: Path, key: str) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[key]: row["label"] for row in csv.DictReader(handle)}


def condition_labels(path: Path = CONDITIONS_CSV) -> dict[str, str]:
    """Each situation's slug and its plain label, in the file's order."""
    return fresh(_labels, path, "condition")


def _outlooks(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["cause"]: (row["outlook"], row["source"]) for row in csv.DictReader(handle)}


def cause_outlooks(causes: tuple[str, ...], path: Path = CAUSES_CSV) -> list[tuple[str, str, str]]:
    """For each cause given, its label, how it changes the outlook and the source, where the
    sources say it does (causes with no such finding are left out)."""
    outlooks = fresh(_outlooks, path) if path.exists() else {}
    labels = cause_labels(path)
    return [
        (labels[cause], *outlooks[cause])
        for cause in causes
        if cause in outlooks and outlooks[cause][0]
    ]


def cause_labels(path: Path = CAUSES_CSV) -> dict[str, str]:
    """Each cause's slug and its plain label, in the file's order ({} until the file exists)."""
    return fresh(_labels, path, "cause") if path.exists() else {}


def parse_condition(text: str) -> str:
    """A known situation slug."""
    return one_of(text, tuple(condition_labels()))


def parse_cause(text: str) -> str:
    """A known cause slug, e.g. 'sickle-cell'."""
    return one_of(text, tuple(cause_labels()))
