"""Sidebar widget values and the filter spec convert both ways; facet counts follow the other filters."""

import pytest

from avn_data.filters import FilterSpec, facet_counts, spec_from_widgets
from avn_data.page_state import WIDGET_DEFAULTS


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(),
        FilterSpec(stage=2, category=("Injection",), max_invasiveness=1, max_side_effects=2),
        FilterSpec(max_weeks=12.0, evidence="low", q="bike", surgical=True),
        FilterSpec(joint=("knee", "hip"), situation=("pregnancy",), hide_avoid=True),
    ],
)
def test_widgets_show_the_spec_and_give_it_back(spec):
    assert spec_from_widgets(spec.widget_values()) == spec


def test_default_widgets_filter_nothing_but_surgery():
    assert spec_from_widgets(WIDGET_DEFAULTS) == FilterSpec()


def test_stage_counts_ignore_the_stage_filter_itself(small_table):
    counts = facet_counts(small_table, FilterSpec(stage=3), "stage")
    assert counts == {0: 1, 1: 4, 2: 4, 3: 2, 4: 0}


def test_category_counts_follow_the_other_filters(small_table):
    counts = facet_counts(
        small_table, FilterSpec(max_invasiveness=0, category=("Injection",)), "category"
    )
    assert counts["Movement & offloading"] == 1
    assert counts["Observation"] == 1
    assert counts["Injection"] == 0
