"""The Streamlit page, run by AppTest: links open views, widgets change rows, charts match.

The rows a view should show are worked out here with plain pandas on data/treatments.csv and
data/cautions.csv, never with the app's own filter or ranking code; the order is checked by
properties a person could state ("watchful waiting comes last"), not by re-ranking.
"""

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from avn_data.tables.columns import REQUIRED_COLUMNS
from avn_data.view.filters import FILTER_KEYS
from avn_data.view.page_state import PAGE_KEYS
from tests.conftest import APP_TIMEOUT
from tests.plots import plotted
from tests.tables import DATA_DIR, data_rows
from ui.state import DOWNLOAD_ROWS

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
NUMBERS = (
    "invasiveness", "side_effect_burden", "stage_min", "stage_max",
    "duration_weeks_min", "duration_weeks_max",
)  # fmt: skip
BASELINE = "watchful-waiting"


@pytest.fixture(scope="module")
def csv_table() -> pd.DataFrame:
    """data/treatments.csv read plainly: numbers as numbers (blank = NaN), surgical as bool."""
    frame = pd.read_csv(DATA_DIR / "treatments.csv", dtype=str, keep_default_na=False)
    frame[list(NUMBERS)] = frame[list(NUMBERS)].apply(pd.to_numeric, errors="coerce")
    return frame.assign(surgical=frame["surgical"].eq("true")).set_index("treatment_id", drop=False)


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["treatment_id"])


def non_surgical(table: pd.DataFrame) -> pd.DataFrame:
    return table[~table["surgical"]]


def at_stage(table: pd.DataFrame, stage: int) -> pd.DataFrame:
    return table[(table["stage_min"] <= stage) & (stage <= table["stage_max"])]


def cautioned(condition: str, level: str) -> set[str]:
    return {
        row["treatment_id"]
        for row in data_rows("cautions.csv")
        if row["condition"] == condition and row["level"] == level
    }


def run_app(query: dict | None = None, **params) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=APP_TIMEOUT)
    for key, value in {**(query or {}), **params}.items():
        app.query_params[key] = value
    return app.run()


def shown_text(markdown_source: str) -> str:
    """What a person reads: markdown escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown_source.replace("\u2060", ""))


def shown_rows(app: AppTest) -> pd.DataFrame:
    """The results table as shown, each row with its treatment_id.

    The shown names are numbered and shortened, so the ids come from the rows the download
    button saves, which are the same rows in the same order with the id always included.
    """
    shown = app.dataframe[0].value.reset_index(drop=True)
    saved = app.session_state[DOWNLOAD_ROWS]().reset_index(drop=True)
    assert len(shown) == len(saved)
    return shown.assign(treatment_id=saved["treatment_id"])


def shown_ids(app: AppTest) -> list[str]:
    return list(shown_rows(app)["treatment_id"])


def figures(app: AppTest) -> list[dict]:
    return [chart.figure for chart in plotted(app)]


def figure_titled(app: AppTest, title: str) -> dict:
    """The one chart whose title starts with `title`."""
    (figure,) = [
        figure
        for figure in figures(app)
        if figure["layout"].get("title", {}).get("text", "").startswith(title)
    ]
    return figure


def treatment_ids(figure: dict) -> set[str]:
    return {tid for trace in figure["data"] for tid in trace.get("customdata", []) if tid}


def notices(app: AppTest) -> list[str]:
    return [shown_text(warning.value) for warning in app.warning]


def sentence(app: AppTest) -> str:
    return shown_text(next(md.value for md in app.markdown if md.value.startswith("**Showing")))


def blocks(values: list) -> list:
    """The values in order with runs of equal neighbours folded: [a, a, b, a] -> [a, b, a]."""
    return [value for index, value in enumerate(values) if index == 0 or values[index - 1] != value]


def assert_ranked_by_group_then(frame: pd.DataFrame, cost: pd.Series) -> None:
    """Each benefit group is one block, watchful waiting closes the list, and within a group
    the rows go from the lowest `cost` (indexed by treatment_id) to the highest."""
    groups = list(frame["benefit_group"])
    assert len(blocks(groups)) == len(set(groups)), f"a benefit group is split: {blocks(groups)}"
    if BASELINE in set(frame["treatment_id"]):
        assert frame["treatment_id"].iloc[-1] == BASELINE
    for group, rows in frame.groupby("benefit_group", sort=False):
        values = list(cost.loc[rows["treatment_id"]])
        assert values == sorted(values), f"{group}: {list(rows['treatment_id'])} by {values}"


# ---- opening the page and links ----------------------------------------------------------


def test_the_page_renders_with_its_disclaimer_and_every_non_surgical_treatment(csv_table):
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "AVN Treatment Explorer"
    assert "does not replace your doctor" in app.info[0].value
    assert set(shown_ids(app)) == ids(non_surgical(csv_table))
    expected = f"**Showing {len(non_surgical(csv_table))} of {len(csv_table)} treatments"
    assert sentence(app).startswith(expected)


def test_a_link_opens_its_view_in_the_widgets_and_rows(csv_table):
    categories = ["Medication", "Movement & offloading"]
    app = run_app(stage="II", max_invasiveness="1", category=categories)
    assert not app.exception and not app.warning
    assert app.button_group(key="stage").value == 2
    assert app.select_slider(key="max_invasiveness").value == 1
    assert app.button_group(key="category").value == categories
    table = non_surgical(at_stage(csv_table, 2))
    expected = table[(table["invasiveness"] <= 1) & table["category"].isin(categories)]
    assert set(shown_ids(app)) == ids(expected)


def test_a_mangled_link_falls_back_to_defaults_with_a_notice(csv_table):
    app = run_app(stage="XIV", max_weeks="soon", foo="bar")
    assert not app.exception
    assert notices(app) == [
        "Ignored stage='XIV': stage must be 0–4 or I–IV.",
        "Ignored max_weeks='soon': max_weeks must be a number of weeks.",
        "Ignored the unknown link setting 'foo'.",
    ]
    assert set(shown_ids(app)) == ids(non_surgical(csv_table))


def test_an_unknown_treatment_link_gets_a_notice():
    app = run_app(treatment="no-such-thing")
    assert not app.exception
    assert notices(app) == ["There is no treatment 'no-such-thing' in this table."]


# ---- widgets ---------------------------------------------------------------------------


def test_changing_a_widget_changes_the_table_and_the_link(csv_table):
    app = run_app()
    app.select_slider(key="max_invasiveness").set_value(0).run()
    table = non_surgical(csv_table)
    assert set(shown_ids(app)) == ids(table[table["invasiveness"] == 0])
    assert app.query_params["max_invasiveness"] == "0"


def test_the_download_button_saves_without_a_rerun():
    app = run_app(stage="2")
    buttons = {button.proto.label: button for button in app.get("download_button")}
    assert buttons["Download these rows as CSV"].proto.ignore_rerun
    assert buttons["Template (CSV)"].proto.ignore_rerun


def test_an_empty_result_says_so_and_its_reset_brings_back_every_row(csv_table):
    app = run_app(max_weeks="0", max_invasiveness="0", evidence="high")
    assert not app.exception
    assert any("No treatment matches" in info.value for info in app.info)
    assert not app.dataframe
    app.button(key="reset_empty").click().run()
    assert set(shown_ids(app)) == ids(non_surgical(csv_table))


def test_reset_clears_the_view_but_keeps_the_persons_situation(csv_table):
    app = run_app(stage="3", situation="dental-work")
    app.button(key="reset_filters").click().run()
    assert app.button_group(key="stage").value is None
    assert app.button_group(key="situation").value == ["dental-work"]
    assert set(shown_ids(app)) == ids(non_surgical(csv_table))


# ---- charts ----------------------------------------------------------------------------


def test_charts_hold_exactly_the_filtered_treatments(csv_table):
    app = run_app(stage="3", surgical="true")
    expected = at_stage(csv_table, 3)
    known_course = expected.dropna(subset=["duration_weeks_min", "duration_weeks_max"])
    assert treatment_ids(figure_titled(app, "Trade-off map")) == ids(expected)
    assert treatment_ids(figure_titled(app, "Stage coverage")) == ids(expected)
    # The course chart names the rows with no known course in its title instead of drawing them.
    assert treatment_ids(figure_titled(app, "Course length")) == ids(known_course)


def test_the_trade_off_map_rings_the_rows_the_table_marks_not_beaten():
    app = run_app()
    figure = figure_titled(app, "Trade-off map")
    ringed = next(trace for trace in figure["data"] if trace["name"].startswith("Not beaten"))
    rows = shown_rows(app)
    assert set(ringed["customdata"]) == set(rows.loc[rows["not_beaten"], "treatment_id"])
    assert ringed["customdata"]
    assert BASELINE not in ringed["customdata"]


# ---- one treatment, and the comparison -----------------------------------------------------


def test_a_treatment_link_opens_its_detail_with_equal_benefit_and_harm_detail():
    app = run_app(treatment="bisphosphonate-oral", situation="dental-work")
    assert not app.exception
    assert app.selectbox(key="treatment").value == "bisphosphonate-oral"
    headings = [heading.value for heading in app.subheader]
    assert "What it does for you" in headings and "What it costs you" in headings
    assert "Questions to ask your doctor" in headings
    assert any("dental work" in warning.value for warning in app.warning)
    assert [metric.label for metric in app.metric][:4] == [
        "Invasiveness",
        "Side-effect burden",
        "Typical course",
        "Stages",
    ]


def test_a_compare_link_shows_the_grid_and_the_overlay_chart(csv_table):
    compared = ["prp-injection", BASELINE]
    app = run_app(compare=compared)
    assert not app.exception
    assert app.button_group(key="compare").value == compared
    grid = app.table[0].value.set_index("Question")
    assert [shown_text(name) for name in grid.columns] == list(csv_table.loc[compared, "name"])
    assert {"How invasive is it?", "How long does it take?", "At which stages?"} <= {
        shown_text(question) for question in grid.index
    }
    assert treatment_ids(figure_titled(app, "Side by side")) == set(compared)


def test_the_baseline_button_adds_watchful_waiting_to_a_comparison():
    app = run_app(compare=["prp-injection", "bisphosphonate-oral"])
    app.button(key="add_baseline").click().run()
    expected = ["prp-injection", "bisphosphonate-oral", BASELINE]
    assert app.button_group(key="compare").value == expected
    assert app.query_params["compare"] == expected


# ---- the person: situation, priorities ---------------------------------------------------


def test_a_situation_link_flags_and_can_hide_what_to_avoid(csv_table):
    avoid = cautioned("pregnancy", "avoid") & ids(non_surgical(csv_table))
    assert avoid, "the test needs a non-surgical treatment to avoid in pregnancy"
    app = run_app(situation="pregnancy")
    assert app.button_group(key="situation").value == ["pregnancy"]
    flagged = " ".join(shown_text(error.value) for error in app.error)
    assert all(csv_table.at[tid, "name"] in flagged for tid in avoid)
    rows = shown_rows(app).set_index("treatment_id")
    assert all(rows.at[tid, "cautions_for_you"].startswith("Avoid") for tid in avoid)
    app.toggle(key="hide_avoid").set_value(True).run()
    assert set(shown_ids(app)) == ids(non_surgical(csv_table)) - avoid


def test_priorities_order_each_benefit_group_and_travel_in_the_link(csv_table):
    # One aim, so the groups are fixed; minding only invasiveness orders each group by it.
    app = run_app(aim="pain", mind_invasiveness="5", mind_side_effects="0", mind_time="0", mind_evidence="0")  # fmt: skip
    assert not app.exception
    assert_ranked_by_group_then(shown_rows(app), csv_table["invasiveness"])
    app.select_slider(key="mind_invasiveness").set_value(0).run()
    app.select_slider(key="mind_side_effects").set_value(5).run()
    assert app.query_params["mind_side_effects"] == "5"
    assert app.query_params["mind_invasiveness"] == "0"
    # An unknown burden counts as the middle of the scale: neither free nor the worst.
    burden = csv_table["side_effect_burden"].fillna(2)
    assert_ranked_by_group_then(shown_rows(app), burden)


# ---- any link --------------------------------------------------------------------------

link_keys = st.sampled_from([*FILTER_KEYS, *PAGE_KEYS]) | st.text(max_size=8)
link_values = st.text(max_size=20) | st.sampled_from(
    ["II", "4", "-1", "1e400", "nan", "prp-injection", "<script>", "%00", "true"]
)
any_link = st.dictionaries(
    link_keys, link_values | st.lists(link_values, min_size=1, max_size=3), max_size=5
)


# A handful through the whole app; tests/test_page_state.py runs the same kind of links
# through the pure parser by the hundred.
@settings(max_examples=8)
@given(query=any_link)
def test_any_link_opens_a_valid_view_never_an_exception(query):
    app = run_app(query)
    assert not app.exception
    assert app.title[0].value == "AVN Treatment Explorer"
    assert app.tabs


def test_the_chosen_columns_survive_a_visit_to_another_tab():
    app = run_app()
    picked = ["name", "benefit_group", "regimen"]
    app.multiselect(key="columns").set_value(picked).run()
    assert list(app.dataframe[0].value.columns)[:3] == ["name", "benefit_group", "regimen"]
    app.session_state["tab"] = "Compare"
    app.run()
    app.session_state["tab"] = "Explore"
    app.run()
    assert not app.exception
    assert app.multiselect(key="columns").value == picked
    assert "regimen" in app.dataframe[0].value.columns


def test_the_tables_certainty_shows_as_dots_that_sort_from_least_to_most_sure():
    app = run_app(stage="2")
    app.multiselect(key="columns").set_value(["name", "verdict_certainty", "evidence_certainty"])
    app.run()
    grade = ["none", "very low", "low", "moderate", "high"]
    for column in ("verdict_certainty", "evidence_certainty"):
        cells = list(app.dataframe[0].value[column])
        words = [cell.split(" ", 1)[1] for cell in cells]
        assert set(words) <= set(grade) and len(set(words)) > 1
        assert all(
            cell.startswith("●" * grade.index(w) + "○" * (4 - grade.index(w)))
            for cell, w in zip(cells, words, strict=True)
        )
        assert [cell.split(" ", 1)[1] for cell in sorted(cells)] == sorted(words, key=grade.index)


def test_a_long_list_shows_its_first_thousand_rows_says_so_and_downloads_them_all(
    tmp_path, monkeypatch
):
    from bench.synthetic import synthetic_csv

    rows = 1_200
    path = tmp_path / "long.csv"
    path.write_bytes(synthetic_csv(rows))
    monkeypatch.setattr("sys.argv", ["dashboard.py", "--data", str(path)])
    app = run_app(surgical="true")
    assert not app.exception
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(written) == rows
    assert len(app.dataframe[0].value) == 1_000
    sentence = shown_text(" ".join(md.value for md in app.markdown))
    assert f"The table shows the first 1,000 of {rows:,} rows" in sentence
    saved = app.session_state[DOWNLOAD_ROWS]()
    assert sorted(saved["treatment_id"]) == sorted(written["treatment_id"])


def test_a_broken_started_table_lists_its_problems_and_the_bundled_table_is_shown(
    tmp_path, monkeypatch
):
    path = tmp_path / "broken.csv"
    path.write_text("treatment_id,name\nx,y\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["dashboard.py", "--data", str(path)])
    app = run_app()
    assert not app.exception
    warning = next(error.value for error in app.error if "Could not use" in error.value)
    listed = [line for line in warning.splitlines() if line.startswith("- ")]
    missing = sorted(set(REQUIRED_COLUMNS) - {"treatment_id", "name"})
    assert len(listed) == len(missing)
    for column in missing:
        assert any(f"'{column}'" in line.replace("\\", "") for line in listed), column
    # The page goes on with the bundled table: the same list a page started on it shows.
    monkeypatch.setattr("sys.argv", ["dashboard.py"])
    assert app.dataframe[0].value["name"].tolist() == run_app().dataframe[0].value["name"].tolist()
