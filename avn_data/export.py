"""The rows in view as CSV or JSON bytes, safe to open in a spreadsheet."""

import json

import pandas as pd

from avn_data.filters import FilterSpec

# Excel reads a leading byte-order mark as "this is UTF-8"; LibreOffice ignores it.
EXCEL_BOM = "\ufeff"
# OWASP CSV-injection guidance: cells starting with these can run as formulas.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading quote; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell neutralised; numbers and booleans untouched."""
    text_columns = frame.select_dtypes(include=["object", "string"]).columns
    return frame.assign(**{name: frame[name].map(neutralise_formula) for name in text_columns})


def to_csv_bytes(frame: pd.DataFrame, *, excel_bom: bool = True) -> bytes:
    """CSV with a header, no index, neutralised formulas; with a BOM for Excel by default."""
    text = safe_for_spreadsheets(frame).to_csv(index=False, lineterminator="\n")
    return ((EXCEL_BOM if excel_bom else "") + text).encode("utf-8")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON list of row objects."""
    records = json.loads(frame.to_json(orient="records"))
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_name(spec: FilterSpec, extension: str = "csv") -> str:
    """Named after the view, e.g. 'avn-treatments_stage-2_max-invasiveness-1.csv'."""
    slug = spec.slug()
    return f"avn-treatments{'_' + slug if slug else ''}.{extension}"
