"""Sidebar widget values and the filter spec convert both ways; facet counts follow the other filters."""

from dataclasses import replace

import pytest
from hypothesis import given

from avn_data.tables import columns as col
from avn_data.view.filters import FilterSpec, facet_counts, spec_from_widgets
from avn_data.view.page_state import WIDGET_DEFAULTS, PageState, page_from_widgets
from tests.strategies import filter_specs


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


@pytest.mark.parametrize(
    ("spec", "same_as"),
    [
        (FilterSpec(max_invasiveness=col.SCORE_MAX), FilterSpec()),
        (FilterSpec(max_side_effects=col.SCORE_MAX), FilterSpec()),
        (FilterSpec(evidence=col.EVIDENCE_LEVELS[0]), FilterSpec()),
        (FilterSpec(max_invasiveness=col.SCORE_MAX - 1), FilterSpec(max_invasiveness=3)),
        (FilterSpec(evidence=col.EVIDENCE_LEVELS[1]), FilterSpec(evidence="very low")),
    ],
)
def test_a_widget_at_its_widest_setting_filters_nothing(spec, same_as):
    assert spec_from_widgets(spec.widget_values()) == same_as


def widest_as_default(spec: FilterSpec) -> FilterSpec:
    """The spec with each limit that keeps everything (score 4, evidence 'none') left unset."""
    return replace(
        spec,
        max_invasiveness=None if spec.max_invasiveness == col.SCORE_MAX else spec.max_invasiveness,
        max_side_effects=None if spec.max_side_effects == col.SCORE_MAX else spec.max_side_effects,
        evidence=None if spec.evidence == col.EVIDENCE_LEVELS[0] else spec.evidence,
    )


@given(spec=filter_specs)
def test_any_spec_survives_the_widgets(spec):
    assert spec_from_widgets(spec.widget_values()) == widest_as_default(spec)


@given(spec=filter_specs)
def test_any_spec_keeps_the_same_rows_after_the_widgets(small_table, spec):
    shown = spec_from_widgets(spec.widget_values())
    assert list(shown.mask(small_table)) == list(spec.mask(small_table))


def test_default_widgets_filter_nothing_but_surgery():
    assert spec_from_widgets(WIDGET_DEFAULTS) == FilterSpec()
    assert page_from_widgets(WIDGET_DEFAULTS) == PageState()


def test_stage_counts_ignore_the_stage_filter_itself(small_table):
    counts = facet_counts(small_table, FilterSpec(stage=3), "stage")
    assert counts == {0: 1, 1: 4, 2: 4, 3: 2, 4: 0}


def test_category_counts_follow_the_other_filters(small_table):
    counts = facet_counts(
        small_table, FilterSpec(max_invasiveness=0, category=("Injection",)), "category"
    )
    assert counts == {
        "Injection": 0,
        "Medication": 0,
        "Pain relief": 0,
        "Movement & offloading": 1,
        "Complementary": 0,
        "Device": 0,
        "Observation": 1,
        "Surgery": 0,
    }
