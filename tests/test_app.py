"""The Streamlit page, run by AppTest: links open views, widgets change rows, charts match."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from avn_data.filters import FilterSpec
from avn_data.load import load_treatments

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def table():
    return load_treatments()


def run_app(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
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


def sentence(app: AppTest) -> str:
    return next(md.value for md in app.markdown if md.value.startswith("**Showing"))


def test_the_page_renders_with_its_disclaimer(table):
    app = run_app()
    assert not app.exception
    assert app.title[0].value == "AVN Treatment Explorer"
    assert "does not replace your doctor" in app.info[0].value
    assert shown_ids(app) == list(FilterSpec().apply(table)["treatment_id"])
    assert sentence(app).startswith(f"**Showing {len(FilterSpec().apply(table))} of {len(table)}")


def test_a_link_opens_its_view_in_the_widgets_and_rows(table):
    app = run_app(
        stage="II", max_invasiveness="1", category=["Medication", "Movement & offloading"]
    )
    assert not app.exception and not app.warning
    assert app.button_group(key="stage").value == 2
    assert app.slider(key="max_invasiveness").value == 1
    assert app.multiselect(key="category").value == ["Medication", "Movement & offloading"]
    expected = FilterSpec(
        stage=2, max_invasiveness=1, category=("Medication", "Movement & offloading")
    )
    assert shown_ids(app) == list(expected.apply(table)["treatment_id"])


def test_a_mangled_link_falls_back_to_defaults_with_a_notice(table):
    app = run_app(stage="XIV", max_weeks="soon", foo="bar")
    assert not app.exception
    notices = [warning.value for warning in app.warning]
    assert any("stage" in notice for notice in notices)
    assert any("max_weeks" in notice for notice in notices)
    assert any("'foo'" in notice for notice in notices)
    assert shown_ids(app) == list(FilterSpec().apply(table)["treatment_id"])


def test_changing_a_widget_changes_the_table_and_the_link(table):
    app = run_app()
    before = shown_ids(app)
    app.slider(key="max_invasiveness").set_value(0).run()
    after = shown_ids(app)
    assert after == list(FilterSpec(max_invasiveness=0).apply(table)["treatment_id"])
    assert len(after) < len(before)
    assert app.query_params["max_invasiveness"] == "0"


def test_the_download_button_saves_without_a_rerun():
    app = run_app(stage="2")
    (button,) = app.get("download_button")
    assert button.proto.label == "Download these rows as CSV"
    assert button.proto.ignore_rerun


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
    assert shown_ids(app) == list(FilterSpec().apply(table)["treatment_id"])
