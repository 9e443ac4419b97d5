"""The data dictionary (data/dictionary.csv): each column's label and help, used everywhere."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from avn_data.tables.paths import DATA_DIR, fresh

DICTIONARY_CSV = DATA_DIR / "dictionary.csv"
DATA_README = DATA_DIR / "README.md"


@dataclass(frozen=True)
class ColumnInfo:
    """How a column is labelled and explained to a reader."""

    column: str
    label: str
    unit: str
    help: str


def _read_columns(path: Path) -> dict[str, ColumnInfo]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["column"]: ColumnInfo(**row) for row in csv.DictReader(handle)}


def column_info(path: Path = DICTIONARY_CSV) -> dict[str, ColumnInfo]:
    """Every documented column, by name."""
    return fresh(_read_columns, path)


def label(column: str) -> str:
    """A column's readable header, or the column name tidied when it is not documented."""
    info = column_info().get(column)
    return info.label if info else column.replace("_", " ").capitalize()


def help_text(column: str) -> str | None:
    """A column's one-line explanation, if documented."""
    info = column_info().get(column)
    return info.help if info else None


def _read_review_date(readme: Path) -> str:
    found = re.search(r"\*\*Review date:\*\*\s*(\d{4}-\d{2}-\d{2})", readme.read_text("utf-8"))
    return found.group(1) if found else "unknown"


def review_date(readme: Path = DATA_README) -> str:
    """The date the data was last reviewed, as the data dictionary states it."""
    return fresh(_read_review_date, readme)


def _read_verdict_rule(readme: Path) -> str:
    found = re.search(
        r"<!-- verdict-rule -->\n(.*?)<!-- /verdict-rule -->", readme.read_text("utf-8"), re.S
    )
    return found.group(1).strip() if found else ""


def verdict_rule(readme: Path = DATA_README) -> str:
    """The rule that turns study rows into a verdict, as the data dictionary writes it: written
    once there, shown on the page under 'How we rank'."""
    return fresh(_read_verdict_rule, readme)
