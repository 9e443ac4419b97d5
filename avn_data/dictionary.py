"""The data dictionary (data/dictionary.csv): each column's label and help, used everywhere."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from avn_data.load import DATA_DIR

DICTIONARY_CSV = DATA_DIR / "dictionary.csv"


@dataclass(frozen=True)
class ColumnInfo:
    """How a column is labelled and explained to a reader."""

    column: str
    label: str
    unit: str
    help: str


@cache
def column_info(path: Path = DICTIONARY_CSV) -> dict[str, ColumnInfo]:
    """Every documented column, by name."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["column"]: ColumnInfo(**row) for row in csv.DictReader(handle)}


def label(column: str) -> str:
    """A column's readable header, or the column name tidied when it is not documented."""
    info = column_info().get(column)
    return info.label if info else column.replace("_", " ").capitalize()


def help_text(column: str) -> str | None:
    """A column's one-line explanation, if documented."""
    info = column_info().get(column)
    return info.help if info else None
