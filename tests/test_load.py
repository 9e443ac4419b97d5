"""The loader: reads tables as people save them, and names the row and column of each problem."""

import pytest

from avn_data.tables.columns import REQUIRED_COLUMNS, TABLE_COLUMNS
from avn_data.tables.csv_text import SAVE_AS_UTF8
from avn_data.tables.load import load_table
from avn_data.tables.problems import Problem, TableError
from tests.tables import csv_bytes, make_row


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(TableError) as caught:
        load_table(data)
    return [str(problem) for problem in caught.value.problems]


def test_a_valid_table_comes_back_typed():
    table = load_table(csv_bytes([make_row(), make_row(treatment_id="other")]))
    assert list(table["treatment_id"]) == ["example", "other"]
    assert table["invasiveness"].dtype == "int64"
    assert table["duration_weeks_max"].dtype == "float64"
    assert table["surgical"].dtype == "bool"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("true", True), ("True", True), ("TRUE", True), ("yes", True), ("Yes", True),
        ("1", True), ("false", False), ("False", False), ("FALSE", False), ("no", False),
        ("NO", False), ("0", False), (" true ", True),
    ],
)  # fmt: skip
def test_booleans_are_read_in_every_common_spelling(cell, expected):
    table = load_table(csv_bytes([make_row(surgical=cell)]))
    assert table["surgical"].dtype == bool
    assert bool(table.at[0, "surgical"]) is expected


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda data: b"\xef\xbb\xbf" + data, id="utf8-bom"),
        pytest.param(lambda data: data.replace(b"\n", b"\r\n"), id="windows-line-endings"),
        pytest.param(lambda data: data.replace(b",", b";"), id="semicolons"),
    ],
)
def test_files_as_spreadsheets_save_them_are_read(encode):
    # No cell of the row holds a comma, so swapping delimiters keeps the cells intact.
    table = load_table(encode(csv_bytes([make_row()])))
    assert table.at[0, "treatment_id"] == "example"
    assert table.at[0, "invasiveness"] == 1


def test_extra_columns_are_kept_and_ignored_by_the_rules():
    data = csv_bytes([make_row(clinic_price="120 EUR")], columns=(*TABLE_COLUMNS, "clinic_price"))
    table = load_table(data)
    assert table.at[0, "clinic_price"] == "120 EUR"


def test_semicolon_files_may_hold_commas_inside_cells():
    data = csv_bytes([make_row(side_effects="Nausea, headache")]).decode()
    semicolons = data.replace(",", ";").replace("Nausea; headache", "Nausea, headache")
    assert load_table(semicolons.encode()).at[0, "side_effects"] == "Nausea, headache"


def test_optional_columns_may_be_left_out():
    table = load_table(csv_bytes([make_row()], columns=REQUIRED_COLUMNS))
    assert set(TABLE_COLUMNS) <= set(table.columns)
    assert table.at[0, "questions_to_ask"] == ""


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"invasiveness": 7}, "row 2, column 'invasiveness': '7' is not a whole number from 0 to 4"),
        ({"invasiveness": "high"}, "row 2, column 'invasiveness': 'high' is not a whole number"),
        ({"invasiveness": 1.5}, "row 2, column 'invasiveness': '1.5' is not a whole number"),
        ({"side_effect_burden": -1}, "row 2, column 'side_effect_burden': '-1' is not a whole number from 0 to 4"),
        ({"stage_max": 5}, "row 2, column 'stage_max': '5' is not a stage from 0 (at risk) to 4, or I to IV (ARCO 2019)"),
        ({"stage_min": 3, "stage_max": 1}, "row 2, column 'stage_min': stage_min (3) is above stage_max (1)"),
        ({"duration_weeks_min": 12, "duration_weeks_max": 4}, "row 2, column 'duration_weeks_min': duration_weeks_min (12) is above duration_weeks_max (4)"),
        ({"duration_weeks_min": "two"}, "row 2, column 'duration_weeks_min': 'two' is not a number of weeks"),
        ({"duration_weeks_max": "inf"}, "row 2, column 'duration_weeks_max': 'inf' is not a number of weeks"),
        ({"surgical": "maybe"}, "row 2, column 'surgical': 'maybe' is not true or false"),
        ({"category": "Magic"}, "row 2, column 'category': 'Magic' is not one of: Injection"),
        ({"evidence_certainty": "strong"}, "row 2, column 'evidence_certainty': 'strong' is not one of: none, very low"),
        ({"treatment_id": "Bad Id"}, "row 2, column 'treatment_id': 'Bad Id' is not a unique id"),
        ({"name": ""}, "row 2, column 'name': is empty; this column must be filled"),
        ({"sources": "  "}, "row 2, column 'sources': is empty"),
    ],
)  # fmt: skip
def test_each_bad_cell_is_named_by_row_and_column(overrides, expected):
    problems = problems_of(csv_bytes([make_row(**overrides)]))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_in_a_file_is_reported_at_once():
    rows = [make_row(), make_row(treatment_id="b", invasiveness=9, category="Magic", surgical="?")]
    problems = problems_of(csv_bytes(rows))
    assert len(problems) == 3
    assert all(problem.startswith("row 3, column") for problem in problems)


def test_duplicate_ids_name_both_rows():
    problems = problems_of(csv_bytes([make_row(), make_row(name="Copy")]))
    assert "row 2, column 'treatment_id': 'example' appears more than once (rows 2, 3)" in problems
    assert "row 3, column 'treatment_id': 'example' appears more than once (rows 2, 3)" in problems


def test_a_missing_column_is_named():
    columns = tuple(name for name in TABLE_COLUMNS if name != "category")
    problems = problems_of(csv_bytes([make_row()], columns=columns))
    assert problems == ["column 'category': this required column is missing from the header row"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "The file is empty.", id="zero-bytes"),
        pytest.param(b"\n \n", "The file is empty.", id="blank-lines"),
        pytest.param(",".join(TABLE_COLUMNS).encode() + b"\n", "The file has a header row but no data rows.", id="header-only"),
    ],
)  # fmt: skip
def test_files_that_are_not_tables_get_one_clear_message(data, expected):
    assert problems_of(data) == [expected]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
        pytest.param("\ufefftreatment_id,name\n".encode("utf-16-le")[2:], id="utf16-without-bom"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", id="xlsx"),
        pytest.param(csv_bytes([make_row()] * 200) + b"\x00", id="nul-after-4k"),
        pytest.param(b"\xff\xfe\x00\x00" + "a,b\n".encode("utf-32-le"), id="utf32"),
    ],
)
def test_binary_files_are_refused_with_advice_to_save_as_utf8(data):
    (problem,) = problems_of(data)
    assert problem.startswith("This is not a CSV text file (it contains binary data).")
    assert SAVE_AS_UTF8 in problem


def excel_unicode_text(rows: list[dict[str, object]], encoding: str) -> bytes:
    """What Excel's 'Save As' > 'Unicode Text' writes: UTF-16 with a BOM, tabs, CRLF."""
    text = csv_bytes(rows).decode().replace(",", "\t").replace("\r\n", "\n").replace("\n", "\r\n")
    return ("\ufeff" + text).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_excel_unicode_text_files_are_read(encoding):
    data = excel_unicode_text(
        [make_row(name="Café ✓ 髋关节 𝄞"), make_row(treatment_id="b")], encoding
    )
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    table = load_table(data)
    assert list(table["treatment_id"]) == ["example", "b"]
    assert table.at[0, "name"] == "Café ✓ 髋关节 𝄞"
    assert table.at[0, "invasiveness"] == 1


def test_a_broken_utf16_file_says_how_to_fix_it():
    data = excel_unicode_text([make_row()], "utf-16-le") + "\ud800".encode(
        "utf-16-le", "surrogatepass"
    )
    (problem,) = problems_of(data)
    assert problem.startswith("The file is not UTF-16 text")
    assert SAVE_AS_UTF8 in problem


def header_file(header: list[str]) -> bytes:
    """A valid table whose header row is exactly `header` (extra names get empty cells)."""
    row = make_row()
    lines = [",".join(header), ",".join(str(row.get(name, "")) for name in header)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["Name"], "columns 'name' and 'Name' are the same column once case and spaces are ignored; keep one"),
        (["Treatment ID"], "columns 'treatment_id' and 'Treatment ID' are the same column once case and spaces are ignored; keep one"),
        (["NAME "], "columns 'name' and 'NAME ' are the same column once case and spaces are ignored; keep one"),
        (["name"], "column 'name' appears more than once in the header row; keep one"),
        (["sources", "sources"], "column 'sources' appears more than once in the header row; keep one"),
    ],
)  # fmt: skip
def test_headers_that_name_one_column_twice_are_reported(extra, expected):
    assert problems_of(header_file([*TABLE_COLUMNS, *extra])) == [expected]


def test_every_colliding_header_is_reported_at_once():
    header = [*TABLE_COLUMNS, "Name", "name", "Category"]
    assert sorted(problems_of(header_file(header))) == [
        "column 'name' appears more than once in the header row; keep one",
        "columns 'category' and 'Category' are the same column once case and spaces are ignored; keep one",
        "columns 'name' and 'Name' are the same column once case and spaces are ignored; keep one",
    ]


def test_headers_are_checked_in_semicolon_and_tab_files():
    data = header_file([*TABLE_COLUMNS, "Name"])
    assert problems_of(data.replace(b",", b";")) == problems_of(data.replace(b",", b"\t"))
    assert len(problems_of(data.replace(b",", b";"))) == 1


def test_blank_header_cells_do_not_collide():
    table = load_table(header_file([*TABLE_COLUMNS, "", ""]))
    assert table.at[0, "treatment_id"] == "example"


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("invasiveness", "inf"), ("invasiveness", "-inf"), ("invasiveness", "1e999"),
        ("invasiveness", "7.5"), ("stage_max", "inf"), ("side_effect_burden", "inf"),
        ("side_effect_burden", "NaN"), ("duration_weeks_max", "inf"),
        ("duration_weeks_min", "-inf"), ("duration_weeks_max", "1e999"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("alone", [True, False], ids=["alone", "with-another-problem"])
def test_a_bad_number_is_reported_once(column, cell, alone):
    rows = [make_row(**{column: cell})] + ([] if alone else [make_row(treatment_id="b", name="")])
    problems = [problem for problem in problems_of(csv_bytes(rows)) if problem.startswith("row 2")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"row 2, column '{column}': '{cell}' is not")


def test_a_file_that_is_not_utf8_says_how_to_fix_it():
    data = csv_bytes([make_row(name="Café")]).decode().encode("latin-1")
    (problem,) = problems_of(data)
    assert problem.startswith("The file is not UTF-8 text: byte 0xe9 on line 2")
    assert "CSV UTF-8" in problem


def test_a_row_with_too_many_cells_is_reported_not_raised():
    data = csv_bytes([make_row()]) + b"a,b,c" + b",x" * len(TABLE_COLUMNS) + b"\n"
    (problem,) = problems_of(data)
    assert problem.startswith("The file is not valid CSV")
    assert "line 3" in problem


def test_problem_text_without_a_place_is_just_the_message():
    assert str(Problem(None, None, "Broken.")) == "Broken."
    assert str(Problem(4, "name", "is empty")) == "row 4, column 'name': is empty"
