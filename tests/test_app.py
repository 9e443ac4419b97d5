"""The Streamlit page, run by AppTest: links open views, widgets change rows, charts match."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from avn_data.cautions import load_cautions, with_caution_columns
from avn_data.filters import FILTER_KEYS, FilterSpec
from avn_data.load import load_treatments
from avn_data.page_state import PAGE_KEYS
from avn_data.ranking import Weights
from avn_data.view import DEFAULT_WEIGHTS, results

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def table():
    return with_caution_columns(load_treatments(), load_cautions())


def expected_ids(table, spec: FilterSpec, weights: Weights = DEFAULT_WEIGHTS) -> list[str]:
    """The page's rows: filtered, then ranked by fit."""
    return list(results(table, spec, weights, load_cautions())["treatment_id"])


def run_app(query: dict | None = None, **params) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in {**(query or {}), **params}.items():
        app.query_params[key] = value
    return app.run()


def shown_ids(app: AppTest) -> list[str]:
    return list(app.dataframe[0].value["treatment_id"])


def chart_ids(app: AppTest) -> list[set[str]]:
    figures = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return [
        {tid for trace in figure["data"] for tid in trace.get("customdata", []) if tid}
        for figure in figures
    ]


def shown_text(markdown_source: str) -> str:
    """What a person reads: markdown escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown_source.replace("\u2060", ""))


def notices(app: AppTest) -> list[str]:
    return [shown_text(warning.value) for warning in app.warning]


def sentence(app: AppTest) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Showing"))


def test_the_page_renders_with_its_disclaimer(table):
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "AVN Treatment Explorer"
    assert "does not replace your doctor" in app.info[0].value
    assert shown_ids(app) == expected_ids(table, FilterSpec())
    assert sentence(app).startswith(f"**Showing {len(FilterSpec().apply(table))} of {len(table)}")


def test_a_link_opens_its_view_in_the_widgets_and_rows(table):
    app = run_app(
        stage="II", max_invasiveness="1", category=["Medication", "Movement & offloading"]
    )
    assert not app.exception and not app.warning
    assert app.button_group(key="stage").value == 2
    assert app.select_slider(key="max_invasiveness").value == 1
    assert app.button_group(key="category").value == ["Medication", "Movement & offloading"]
    expected = FilterSpec(
        stage=2, max_invasiveness=1, category=("Medication", "Movement & offloading")
    )
    assert shown_ids(app) == expected_ids(table, expected)


def test_a_mangled_link_falls_back_to_defaults_with_a_notice(table):
    app = run_app(stage="XIV", max_weeks="soon", foo="bar")
    assert not app.exception
    assert notices(app) == [
        "Ignored stage='XIV': stage must be 0–4 or I–IV.",
        "Ignored max_weeks='soon': max_weeks must be a number of weeks.",
        "Ignored the unknown link setting 'foo'.",
    ]
    assert shown_ids(app) == expected_ids(table, FilterSpec())


def test_changing_a_widget_changes_the_table_and_the_link(table):
    app = run_app()
    before = shown_ids(app)
    app.select_slider(key="max_invasiveness").set_value(0).run()
    after = shown_ids(app)
    assert after == expected_ids(table, FilterSpec(max_invasiveness=0))
    assert len(after) < len(before)
    assert app.query_params["max_invasiveness"] == "0"


def test_the_download_button_saves_without_a_rerun():
    app = run_app(stage="2")
    buttons = {button.proto.label: button for button in app.get("download_button")}
    assert buttons["Download these rows as CSV"].proto.ignore_rerun
    assert buttons["Template (CSV)"].proto.ignore_rerun


def test_charts_hold_exactly_the_filtered_treatments(table):
    app = run_app(stage="3", surgical="true")
    expected = set(FilterSpec(stage=3, surgical=True).apply(table)["treatment_id"])
    assert chart_ids(app) == [expected, expected, expected]


def test_an_empty_result_says_so_and_offers_the_reset(table):
    app = run_app(max_weeks="0", max_invasiveness="0", evidence="high")
    assert not app.exception
    assert any("No treatment matches" in info.value for info in app.info)
    assert not app.dataframe
    app.button(key="reset_empty").click().run()
    assert shown_ids(app) == expected_ids(table, FilterSpec())


def test_a_treatment_link_opens_its_detail_with_equal_benefit_and_harm_detail(table):
    app = run_app(treatment="bisphosphonate-oral", situation="dental-work")
    assert not app.exception
    assert app.selectbox(key="treatment").value == "bisphosphonate-oral"
    headings = [heading.value for heading in app.subheader]
    assert headings[:2] == ["Evidence and what it involves", "Side effects and cautions"]
    assert "Questions to ask your doctor" in headings
    assert any("dental work" in warning.value for warning in app.warning)
    assert [metric.label for metric in app.metric] == [
        "Invasiveness",
        "Side-effect burden",
        "Typical course",
        "Stages",
    ]


def test_an_unknown_treatment_link_gets_a_notice():
    app = run_app(treatment="no-such-thing")
    assert not app.exception
    assert notices(app) == ["There is no treatment 'no-such-thing' in this table."]


def test_a_compare_link_shows_the_grid_and_the_overlay_chart(table):
    app = run_app(compare=["prp-injection", "watchful-waiting"])
    assert not app.exception
    assert app.button_group(key="compare").value == ["prp-injection", "watchful-waiting"]
    grid = app.table[0].value
    assert list(grid.index)[:3] == [
        "How invasive is it?",
        "How long does it take?",
        "At which stages?",
    ]
    assert len(grid.columns) == 2
    (chart,) = app.get("plotly_chart")
    assert {trace["customdata"][0] for trace in json.loads(chart.proto.spec)["data"]} == {
        "prp-injection",
        "watchful-waiting",
    }


def test_the_baseline_can_be_added_to_a_comparison():
    app = run_app(compare=["prp-injection", "bisphosphonate-oral"])
    app.button[0].click().run()
    assert app.button_group(key="compare").value == [
        "prp-injection",
        "bisphosphonate-oral",
        "watchful-waiting",
    ]
    assert app.query_params["compare"] == [
        "prp-injection",
        "bisphosphonate-oral",
        "watchful-waiting",
    ]


def test_a_situation_link_flags_and_can_hide_what_to_avoid(table):
    app = run_app(situation="pregnancy")
    assert app.button_group(key="situation").value == ["pregnancy"]
    assert any("caution for your situation" in warning.value for warning in app.warning)
    frame = app.dataframe[0].value
    assert "cautions_for_you" in frame.columns
    assert frame.set_index("treatment_id").loc["statins", "cautions_for_you"].startswith("Avoid")
    app.toggle(key="hide_avoid").set_value(True).run()
    assert "statins" not in shown_ids(app)
    assert shown_ids(app) == expected_ids(
        table, FilterSpec(situation=("pregnancy",), hide_avoid=True)
    )


def test_priorities_rank_the_list_and_travel_in_the_link(table):
    app = run_app(mind_time="5", mind_invasiveness="0")
    assert shown_ids(app) == expected_ids(table, FilterSpec(), Weights(invasiveness=0, time_cost=5))
    app.slider(key="mind_evidence").set_value(5).run()
    assert app.query_params["mind_evidence"] == "5"
    assert shown_ids(app) == expected_ids(
        table, FilterSpec(), Weights(invasiveness=0, time_cost=5, evidence_gap=5)
    )


def test_the_trade_off_map_rings_the_treatments_nothing_beats(table):
    app = run_app()
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    ringed = next(trace for trace in figure["data"] if trace["name"].startswith("Not beaten"))
    rows = results(table, FilterSpec(), Weights(), load_cautions())
    assert set(ringed["customdata"]) == set(rows.loc[rows["not_beaten"], "treatment_id"])


def test_reset_keeps_the_persons_situation():
    app = run_app(stage="3", situation="dental-work")
    app.button(key="reset_filters").click().run()
    assert app.button_group(key="stage").value is None
    assert app.button_group(key="situation").value == ["dental-work"]


link_keys = st.sampled_from([*FILTER_KEYS, *PAGE_KEYS]) | st.text(max_size=8)
link_values = st.text(max_size=20) | st.sampled_from(
    ["II", "4", "-1", "1e400", "nan", "prp-injection", "<script>", "%00", "true"]
)
any_link = st.dictionaries(
    link_keys, link_values | st.lists(link_values, min_size=1, max_size=3), max_size=5
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=any_link)
def test_any_link_opens_a_valid_view_never_an_exception(query):
    app = run_app(query)
    assert not app.exception
    assert app.title[0].value == "AVN Treatment Explorer"
    assert app.tabs
