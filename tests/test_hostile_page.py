"""Hostile tables and links on the page: text stays text in notices, the comparison grid and
chart labels; huge cells are cut; a removed upload does not come back."""

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from avn_data.tables.load import load_table
from avn_data.tables.problems import Problem, TableError
from avn_data.tables.uploads import REPLACE_SECONDS, UploadMemory, remember, showing
from avn_data.view import figures
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import results
from avn_data.view.text import DISPLAY_LIMIT
from tests.tables import csv_bytes, make_row

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LINK_NAME = '<a href="https://evil.example/x">Click me</a>'
MARKDOWN_NAME = (
    "[Click here](https://evil.example) ![t](https://evil.example/i.png) <https://evil.example>"
)


def rendered(markdown_source: str) -> str:
    return MarkdownIt("gfm-like", {"linkify": True}).render(markdown_source)


def assert_no_link_or_image(markdown_source: str) -> None:
    html = rendered(markdown_source)
    assert "<a " not in html and "<img" not in html, html


@pytest.fixture(scope="module")
def hostile_rows() -> pd.DataFrame:
    table = load_table(
        csv_bytes([
            make_row(treatment_id="link", name=LINK_NAME, category="Injection"),
            make_row(treatment_id="md", name=MARKDOWN_NAME, side_effect_burden=""),
        ])
    )  # fmt: skip
    return results(table, FilterSpec(surgical=True))


@pytest.mark.parametrize(
    "build",
    [
        figures.trade_off_map,
        figures.stage_coverage,
        figures.duration_chart,
        figures.compare_chart,
    ],
)
def test_chart_labels_and_legends_show_table_text_as_text(hostile_rows, build):
    figure = build(hostile_rows).to_plotly_json()
    text = json.dumps(figure)
    assert "<a href" not in text and "<a " not in text
    labels = [
        value
        for trace in figure["data"]
        for value in [trace.get("name", ""), *(trace.get("y") or []), *(trace.get("x") or [])]
        if isinstance(value, str)
    ]
    assert not any("<" in label for label in labels), labels


def run(query: dict[str, str | list[str]], data: Path | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    argv = sys.argv
    sys.argv = ["dashboard.py", *(["--data", str(data)] if data else [])]
    try:
        return app.run()
    finally:
        sys.argv = argv


def test_a_links_own_keys_and_values_come_back_as_text_not_links():
    app = run({"[Your table is out of date: click to fix](https://evil.example)": "1",
               "stage": "[x](https://evil.example)"})  # fmt: skip
    assert not app.exception
    assert len(app.warning) == 2
    for warning in app.warning:
        assert_no_link_or_image(warning.value)


def test_a_huge_unknown_link_key_is_trimmed_in_its_notice():
    app = run({"k" * 100_000: "1"})
    (warning,) = app.warning
    assert len(warning.value) < 200


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    path.write_bytes(
        csv_bytes([
            make_row(treatment_id="md", name=MARKDOWN_NAME, side_effects=MARKDOWN_NAME),
            make_row(treatment_id="big", name="Big", side_effects="x" * (DISPLAY_LIMIT * 40)),
        ])
    )  # fmt: skip
    return path


def test_the_comparison_grid_shows_table_markdown_as_text(hostile_file):
    app = run({"compare": ["md", "big"]}, hostile_file)
    assert not app.exception
    grid = app.table[0].value.set_index("Question")
    for cell in [*grid.to_numpy().ravel(), *grid.columns, *grid.index]:
        assert_no_link_or_image(str(cell))


def test_a_huge_cell_is_cut_on_the_detail_page_with_a_note(hostile_file):
    app = run({"treatment": "big"}, hostile_file)
    assert not app.exception
    side_effects = next(md.value for md in app.markdown if md.value.startswith("**Side effects:**"))
    assert len(side_effects) < DISPLAY_LIMIT * 3
    assert re.search(r"cut: the full text is 200,000 characters", side_effects.replace("\\", ""))


def _broken() -> pd.DataFrame:
    raise TableError([Problem(2, "name", "is empty")])


def test_after_removing_an_upload_a_broken_one_falls_back_to_the_bundled_table():
    bundled, good = pd.DataFrame({"t": [1]}), pd.DataFrame({"t": [2]})
    memory = remember(UploadMemory(), "f1", "good.csv", lambda: good, now=0.0)
    assert showing(memory, bundled)[1] == "good.csv"
    memory = remember(memory, None, "", _broken, now=1.0)  # the person removes it
    memory = remember(memory, "f2", "broken.csv", _broken, now=1.0 + REPLACE_SECONDS + 5)
    table, name = showing(memory, bundled)
    assert table is bundled and name == "the bundled table"
    assert memory.problems


def test_replacing_a_good_upload_with_a_broken_one_keeps_the_good_one():
    bundled, good = pd.DataFrame({"t": [1]}), pd.DataFrame({"t": [2]})
    memory = remember(UploadMemory(), "f1", "good.csv", lambda: good, now=0.0)
    # Replacing passes through one run with no file, some time before the new file arrives
    # (seconds on a busy server).
    memory = remember(memory, None, "", _broken, now=10.0)
    memory = remember(memory, "f2", "broken.csv", _broken, now=10.0 + REPLACE_SECONDS - 1)
    table, name = showing(memory, bundled)
    assert table is good and name == "good.csv"


def test_a_file_already_checked_is_not_read_again():
    calls = []
    memory = remember(UploadMemory(), "f1", "a.csv", lambda: calls.append(1) or pd.DataFrame(), 0.0)
    assert remember(memory, "f1", "a.csv", lambda: calls.append(1) or pd.DataFrame(), 1.0) is memory
    assert calls == [1]
