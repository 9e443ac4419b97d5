"""The rows in view as CSV or JSON bytes, safe to open in a spreadsheet."""

import csv
import json
import re
from collections.abc import Callable, Sequence

import pandas as pd

from avn_data.view.filters import FilterSpec

# Excel reads a leading byte-order mark as "this is UTF-8"; LibreOffice ignores it.
EXCEL_BOM = "\ufeff"
# OWASP CSV-injection guidance: cells starting with these can run as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a line starts inside a cell: a spreadsheet that splits rows at \r or \n (inside quotes
# or not) reads each line as a cell of its own, so each line gets the guard, not just the first.
_FORMULA_LINE_START = re.compile(
    "(?:^|(?<=[\r\n]))(?=[" + re.escape("".join(FORMULA_STARTS)) + "])"
)


def neutralise_formula(value: object) -> object:
    """Text whose first line, or any later line, a spreadsheet would run as a formula gets a
    leading quote on that line; other values pass."""
    if not isinstance(value, str):
        return value
    if "\n" in value or "\r" in value:
        return _FORMULA_LINE_START.sub("'", value)
    # One line (nearly every cell): the same rule, without the cost of a regex.
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header neutralised; numbers and booleans untouched."""
    text_columns = frame.select_dtypes(exclude=["number", "bool"]).columns
    safe = frame.assign(**{name: frame[name].map(neutralise_formula) for name in text_columns})
    return safe.rename(columns=neutralise_formula)


def to_csv_bytes(frame: pd.DataFrame, *, excel_bom: bool = True) -> bytes:
    """CSV with a header, no index, neutralised formulas; with a BOM for Excel by default.

    Every text cell is quoted: Excel and LibreOffice start a new row at a carriage return or
    line feed outside quotes, and minimal quoting leaves a carriage return unquoted while rows
    end in a line feed, so the rest of such a cell would become a row of its own.
    """
    text = safe_for_spreadsheets(frame).to_csv(
        index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
    )
    return ((EXCEL_BOM if excel_bom else "") + text).encode("utf-8")


PLACE_HEADER = "No."
# Kept as its machine name in every header style: it is what a link's ?treatment= takes.
ID_COLUMN = "treatment_id"


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns whose every known value is whole (scores read back as 0.0, 1.0 beside
    blanks) as whole numbers, blanks kept blank."""
    whole = {
        name: frame[name].astype("Int64")
        for name in frame.select_dtypes(include="float").columns
        if frame[name].dropna().mod(1).eq(0).all()
    }
    return frame.assign(**whole)


def readable_frame(
    frame: pd.DataFrame, places: Sequence[int | str], label: Callable[[str], str]
) -> pd.DataFrame:
    """The rows as the page lists them: its place numbers first, each column headed by its
    `label` (the data dictionary's), whole numbers whole."""
    shown = whole_numbers(frame)
    shown.insert(0, PLACE_HEADER, list(places))
    headers = {name: label(name) for name in frame.columns if name != ID_COLUMN}
    return shown.rename(columns=headers)


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON list of row objects."""
    records = json.loads(frame.to_json(orient="records"))
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_name(spec: FilterSpec, extension: str = "csv") -> str:
    """Named after the view, e.g. 'avn-treatments_stage-2_max-invasiveness-1.csv'."""
    slug = spec.slug()
    return f"avn-treatments{'_' + slug if slug else ''}.{extension}"
