"""Chart builders: each figure holds exactly the rows it is given, titled and labelled."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from avn_data.evidence.ranking import Weights, ranked
from avn_data.view import figures
from avn_data.view.filters import FilterSpec

BUILDERS = [figures.trade_off_map, figures.stage_coverage, figures.duration_chart]


def ids_in(figure) -> set[str]:
    return {tid for trace in figure.data for tid in trace.customdata if tid is not None}


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "spec", [FilterSpec(), FilterSpec(stage=3), FilterSpec(surgical=True), FilterSpec(max_weeks=0)]
)
def test_a_chart_shows_exactly_the_filtered_treatments(small_table, build, spec):
    rows = spec.apply(small_table)
    assert ids_in(build(rows)) == set(rows["treatment_id"])


@pytest.mark.parametrize(
    ("build", "title", "x_axis", "y_axis"),
    [
        (figures.trade_off_map, "Trade-off map", "Invasiveness", "Side-effect burden"),
        (figures.stage_coverage, "Stage coverage", "Disease stage", "Treatment"),
        (figures.duration_chart, "Course length", "Weeks", "Treatment"),
        (
            lambda rows: figures.compare_chart(ranked(rows, Weights())),
            "four costs",
            "Cost",
            "Points",
        ),
    ],
)
def test_every_chart_has_a_title_and_both_axes_say_what_they_show(
    small_table, build, title, x_axis, y_axis
):
    layout = build(small_table.head(4)).layout
    assert title in layout.title.text
    assert x_axis in layout.xaxis.title.text
    assert y_axis in layout.yaxis.title.text


def test_the_map_puts_each_treatment_at_its_burden_on_the_y_axis(small_table):
    figure = figures.trade_off_map(small_table)
    burden = dict(zip(small_table["treatment_id"], small_table["side_effect_burden"], strict=True))
    for trace in figure.data:
        for tid, y in zip(trace.customdata, trace.y, strict=True):
            assert abs(y - burden[tid]) < 0.5, tid
    assert list(figure.layout.yaxis.tickvals)[-5:] == [0, 1, 2, 3, 4]


def test_the_map_draws_an_unknown_burden_in_its_own_band_below_zero(small_table):
    table = small_table.assign(side_effect_burden=small_table["side_effect_burden"].astype(float))
    table.loc[table["treatment_id"] == "walk", "side_effect_burden"] = float("nan")
    figure = figures.trade_off_map(table)
    y = {tid: y for trace in figure.data for tid, y in zip(trace.customdata, trace.y, strict=True)}
    assert y["walk"] < -0.5
    assert all(value > -0.5 for tid, value in y.items() if tid != "walk")
    ticks = dict(zip(figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext, strict=True))
    assert ticks[round(y["walk"])] == "unknown"


@pytest.mark.parametrize("build", [figures.stage_coverage, figures.duration_chart])
def test_a_per_treatment_chart_has_one_y_axis_row_per_treatment_named_for_it(small_table, build):
    figure = build(small_table)
    names = {tid: figures.short_name(name) for tid, name in zip(small_table["treatment_id"], small_table["name"], strict=True)}  # fmt: skip
    drawn = {
        (tid, label)
        for trace in figure.data
        for tid, label in zip(trace.customdata, trace.y, strict=True)
        if tid is not None
    }
    assert drawn == set(names.items())
    assert sorted(figure.layout.yaxis.categoryarray) == sorted(names.values())


def test_each_stage_bar_spans_the_treatments_stages(small_table):
    figure = figures.stage_coverage(small_table)
    stages = {row.treatment_id: (row.stage_min, row.stage_max) for row in small_table.itertuples()}
    for trace in figure.data:
        for tid, base, width in zip(trace.customdata, trace.base, trace.x, strict=True):
            low, high = stages[tid]
            assert base < low < base + width and base < high < base + width, tid
            assert base > low - 1 and base + width < high + 1, tid


def test_the_compare_chart_plots_each_treatments_scores_on_the_y_axis(small_table):
    rows = ranked(small_table.head(3), Weights())
    figure = figures.compare_chart(rows)
    for trace, row in zip(figure.data, rows.itertuples(), strict=True):
        scores = dict(zip(trace.x, trace.y, strict=True))
        assert scores["Invasiveness"] == row.invasiveness
        assert scores["Side effects"] == row.side_effect_burden
        assert all(0 <= value <= 4 for value in trace.y)


@pytest.mark.parametrize("build", BUILDERS)
def test_hover_names_the_treatment_and_its_scores(small_table, build):
    hover = " ".join(text for trace in build(small_table).data for text in trace.hovertext if text)
    for name in small_table["name"]:
        assert f"<b>{name}</b>" in hover
    assert "Invasiveness" in hover and "Side-effect burden" in hover


def test_points_sharing_a_cell_are_drawn_apart_and_inside_it(small_table):
    # walk and wait share invasiveness 0 and burden 0; drill and shots share nothing else.
    figure = figures.trade_off_map(small_table)
    points = [(x, y) for trace in figure.data for x, y in zip(trace.x, trace.y, strict=True)]
    assert len(set(points)) == len(points)
    for (x, y), row in zip(points, itertools.chain.from_iterable(
        small_table[small_table["category"] == trace.name].itertuples() for trace in figure.data
    ), strict=True):  # fmt: skip
        assert abs(x - row.invasiveness) < 0.5 and abs(y - row.side_effect_burden) < 0.5


def test_the_duration_chart_uses_a_log_axis_that_can_show_one_day(small_table):
    figure = figures.duration_chart(small_table.assign(duration_weeks_min=0.0))
    assert figure.layout.xaxis.type == "log"
    assert min(x for trace in figure.data for x in trace.x if x is not None) > 0


def test_an_empty_selection_still_builds_every_chart(small_table):
    for build in BUILDERS:
        assert build(small_table.iloc[0:0]).data == ()


def big_table(small_table, copies: int):
    """`copies` renamed copies of the small table, ranked order kept."""
    parts = [
        small_table.assign(
            treatment_id=small_table["treatment_id"] + f"-{copy}",
            name=small_table["name"] + f" #{copy}",
        )
        for copy in range(copies)
    ]
    return pd.concat(parts, ignore_index=True)


def test_a_big_table_groups_the_map_into_counted_bubbles(small_table):
    table = big_table(small_table, 60)  # 360 rows, past MAX_POINTS
    figure = figures.trade_off_map(table)
    assert "360 treatments, grouped" in figure.layout.title.text
    counts = [
        int(text.split("<b>")[1].split(" ")[0].replace(",", ""))
        for trace in figure.data
        for text in trace.hovertext
    ]
    assert sum(counts) == 360


@pytest.mark.parametrize("build", [figures.stage_coverage, figures.duration_chart])
def test_a_big_table_draws_the_first_rows_and_says_so(small_table, build):
    table = big_table(small_table, 20)  # 120 rows, past MAX_BARS
    figure = build(table)
    assert f"(first {figures.MAX_BARS} of 120 in the list's order)" in figure.layout.title.text
    assert ids_in(figure) == set(table["treatment_id"].head(figures.MAX_BARS))


@pytest.mark.parametrize("build", [*BUILDERS, figures.compare_chart])
@pytest.mark.parametrize("copies", [1, 60])
def test_every_figure_passes_plotlys_full_validation(small_table, build, copies):
    # The page builds figures unvalidated for speed; this is where they are validated.
    import plotly.graph_objects as go

    figure = build(
        ranked(big_table(small_table, copies).head(4), Weights())
        if build is figures.compare_chart
        else big_table(small_table, copies)
    )
    validated = go.Figure(figure.to_dict())
    assert len(validated.data) == len(figure.data)


def test_the_page_loads_the_pinned_plotly_js_from_a_url_with_its_version():
    import plotly

    from ui.plotly_asset import PLOTLY_JS, PLOTLY_URL, SERVED_PLOTLY_JS

    assert PLOTLY_URL.endswith(f"/static/plotly-{plotly.__version__}.min.js")
    assert SERVED_PLOTLY_JS.name == PLOTLY_URL.rsplit("/", 1)[1]
    # `make` builds it before the tests; the page serves exactly the package's file.
    assert SERVED_PLOTLY_JS.read_bytes() == PLOTLY_JS.read_bytes()


def test_starting_the_page_writes_no_file(tmp_path):
    """A read-only install must work: importing every page module creates or changes nothing."""
    root = Path(__file__).resolve().parent.parent
    watched = [root / "static", root / "ui", root / "avn_data", root / "data"]

    def snapshot() -> dict[str, int]:
        return {
            str(path): path.stat().st_mtime_ns
            for folder in watched
            for path in folder.rglob("*")
            if "__pycache__" not in path.parts
        }

    before = snapshot()
    subprocess.run(
        [sys.executable, "-B", "-c", "import dashboard, ui.plotting"],
        cwd=root, check=True, capture_output=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert snapshot() == before
