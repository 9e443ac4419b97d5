"""Sidebar state and the filter spec convert both ways; facet counts follow the other filters."""

import pytest

from avn_data.filters import FilterSpec
from avn_data.widgets import (
    WIDGET_DEFAULTS,
    category_counts,
    spec_from_widgets,
    stage_counts,
    widget_state,
)


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(),
        FilterSpec(stage=2, category=("Injection",), max_invasiveness=1, max_side_effects=2),
        FilterSpec(max_weeks=12.0, evidence="low", q="bike", surgical=True),
    ],
)
def test_widgets_show_the_spec_and_give_it_back(spec):
    assert spec_from_widgets(widget_state(spec)) == spec


def test_default_widgets_filter_nothing_but_surgery():
    assert spec_from_widgets(WIDGET_DEFAULTS) == FilterSpec()


def test_stage_counts_ignore_the_stage_filter_itself(small_table):
    counts = stage_counts(small_table, FilterSpec(stage=3))
    assert counts == {0: 1, 1: 4, 2: 4, 3: 2, 4: 0}


def test_category_counts_follow_the_other_filters(small_table):
    counts = category_counts(small_table, FilterSpec(max_invasiveness=0, category=("Injection",)))
    assert counts["Movement & offloading"] == 1
    assert counts["Observation"] == 1
    assert counts["Injection"] == 0
