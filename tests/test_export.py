"""Export: the rows in view as CSV or JSON, named after the view, inert in spreadsheets."""

import io
import json

import pandas as pd
import pytest

from avn_data.tables.load import load_table
from avn_data.view.export import file_name, neutralise_formula, to_csv_bytes, to_json_bytes
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import DEFAULT_VIEW_COLUMNS, export_frame, results, view_frame
from tests.tables import csv_bytes, make_row


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (3, 3),
        # A spreadsheet starts a new row at each line break, so every line is a cell start.
        ("Mild nausea\r=HYPERLINK(1)", "Mild nausea\r'=HYPERLINK(1)"),
        ("a\n+1", "a\n'+1"),
        ("a\r\n-1", "a\r\n'-1"),
        ("a\n@x", "a\n'@x"),
        ("a\n\tx", "a\n'\tx"),
        ("a\r\r=x", "a\r'\r'=x"),
        ("\r\n=x", "'\r\n'=x"),
        ("=a\n=b", "'=a\n'=b"),
        ("a\nb=c\n", "a\nb=c\n"),
    ],
)
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise_formula(cell) == expected


def test_a_formula_in_an_uploaded_table_comes_out_inert():
    table = load_table(csv_bytes([make_row(name="=cmd|' /C calc'!A0")]))
    exported = to_csv_bytes(
        export_frame(results(table, FilterSpec()), DEFAULT_VIEW_COLUMNS), excel_bom=False
    ).decode()
    assert "\"'=cmd|' /C calc'!A0\"" in exported
    assert "\n=cmd" not in exported and ",=cmd" not in exported


def test_csv_opens_in_excel_as_utf8_and_round_trips(small_table):
    frame = export_frame(results(small_table, FilterSpec(surgical=True)), DEFAULT_VIEW_COLUMNS)
    data = to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == [*DEFAULT_VIEW_COLUMNS, "treatment_id"]
    assert list(back["treatment_id"]) == list(frame["treatment_id"])
    stages = dict(zip(back["treatment_id"], back["applicable_stages"], strict=True))
    assert stages == {
        "pills": "I–III",
        "shots": "I–II",
        "walk": "I–III",
        "wait": "0–II",
        "drill": "I–II",
        "new-hip": "III–IV",
    }


def test_json_holds_one_object_per_row(small_table):
    records = json.loads(
        to_json_bytes(view_frame(small_table.head(2), ["treatment_id", "invasiveness"]))
    )
    assert records == [
        {"treatment_id": "pills", "invasiveness": 1},
        {"treatment_id": "shots", "invasiveness": 3},
    ]


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        (FilterSpec(), "avn-treatments.csv"),
        (FilterSpec(stage=2, max_invasiveness=1), "avn-treatments_stage-2_max-invasiveness-1.csv"),
        (FilterSpec(category=("Injection",), surgical=True), "avn-treatments_category-injection_surgical-true.csv"),
    ],
)  # fmt: skip
def test_the_file_is_named_after_the_view(spec, name):
    assert file_name(spec) == name
