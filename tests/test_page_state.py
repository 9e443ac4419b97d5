"""The whole view in a link: what a query reopens, what it reports, and that any query is safe."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data.evidence.ranking import MAX_WEIGHT, Weights
from avn_data.tables import columns as col
from avn_data.view.filters import FILTER_KEYS, FilterSpec
from avn_data.view.page_state import MAX_COMPARE, PAGE_KEYS, WEIGHT_KEYS, PageState, page_from_query
from tests.strategies import filter_specs
from tests.tables import SMALL_TABLE_ROWS

IDS = tuple(row["treatment_id"] for row in SMALL_TABLE_ROWS)
FIVE_IDS = ["pills", "shots", "walk", "wait", "drill"]


def _weight_notice(key: str, text: str) -> str:
    return f"Ignored {key}={text!r}: {key} must be a whole number from 0 to 5."


@pytest.mark.parametrize(
    ("query", "expected", "notices"),
    [
        # Nothing asked: the default view, nothing to report.
        ({}, PageState(), []),
        # The treatment opened.
        ({"treatment": "pills"}, PageState(treatment="pills"), []),
        ({"treatment": " shots "}, PageState(treatment="shots"), []),
        ({"treatment": ["pills", "wait"]}, PageState(treatment="wait"), []),
        ({"treatment": ""}, PageState(), []),
        ({"treatment": "nope"}, PageState(), ["There is no treatment 'nope' in this table."]),
        ({"treatment": "PILLS"}, PageState(), ["There is no treatment 'PILLS' in this table."]),
        ({"treatment": "x" * 60}, PageState(), [f"There is no treatment '{'x' * 40}' in this table."]),
        # The comparison: order kept, repeats folded, unknown ids reported, at most four.
        ({"compare": "walk"}, PageState(compare=("walk",)), []),
        ({"compare": ["wait", "pills"]}, PageState(compare=("wait", "pills")), []),
        ({"compare": ["pills", "pills", "shots", "pills"]}, PageState(compare=("pills", "shots")), []),
        ({"compare": ["pills", "nope", "shots"]}, PageState(compare=("pills", "shots")), ["Left out 'nope' from the comparison: no such treatment."]),
        ({"compare": ["nope", "nada"]}, PageState(), ["Left out 'nope' from the comparison: no such treatment.", "Left out 'nada' from the comparison: no such treatment."]),
        ({"compare": FIVE_IDS[:4]}, PageState(compare=tuple(FIVE_IDS[:4])), []),
        ({"compare": FIVE_IDS}, PageState(compare=tuple(FIVE_IDS[:4])), ["A comparison holds at most 4 treatments; kept the first."]),
        ({"compare": [*FIVE_IDS, "new-hip"]}, PageState(compare=tuple(FIVE_IDS[:4])), ["A comparison holds at most 4 treatments; kept the first."]),
        # Repeats do not count towards the limit.
        ({"compare": ["pills", "pills", "shots", "walk", "wait"]}, PageState(compare=("pills", "shots", "walk", "wait")), []),
        # Priorities: whole numbers 0–5; the last value of a repeated key wins.
        ({"mind_invasiveness": "0"}, PageState(weights=Weights(invasiveness=0)), []),
        ({"mind_side_effects": "5"}, PageState(weights=Weights(side_effect_burden=5)), []),
        ({"mind_time": " 4 "}, PageState(weights=Weights(time_cost=4)), []),
        ({"mind_evidence": ["1", "3"]}, PageState(weights=Weights(evidence_gap=3)), []),
        ({"mind_invasiveness": "5", "mind_side_effects": "4", "mind_time": "0", "mind_evidence": "1"}, PageState(weights=Weights(5, 4, 0, 1)), []),
        ({"mind_invasiveness": "9"}, PageState(), [_weight_notice("mind_invasiveness", "9")]),
        ({"mind_side_effects": "6"}, PageState(), [_weight_notice("mind_side_effects", "6")]),
        ({"mind_time": "-1"}, PageState(), [_weight_notice("mind_time", "-1")]),
        ({"mind_evidence": "²"}, PageState(), [_weight_notice("mind_evidence", "²")]),
        ({"mind_invasiveness": "x"}, PageState(), [_weight_notice("mind_invasiveness", "x")]),
        ({"mind_invasiveness": "3.0"}, PageState(), [_weight_notice("mind_invasiveness", "3.0")]),
        ({"mind_invasiveness": "10"}, PageState(), [_weight_notice("mind_invasiveness", "10")]),
        ({"mind_invasiveness": ""}, PageState(), [_weight_notice("mind_invasiveness", "")]),
        ({"mind_time": ["4", "x"]}, PageState(), [_weight_notice("mind_time", "x")]),
        # One bad weight leaves the good ones.
        ({"mind_time": "9", "mind_evidence": "0"}, PageState(weights=Weights(evidence_gap=0)), [_weight_notice("mind_time", "9")]),
        # Aims: known words only, order kept, repeats folded.
        ({"aim": "pain"}, PageState(aims=("pain",)), []),
        ({"aim": ["function", "pain", "function"]}, PageState(aims=("function", "pain")), []),
        ({"aim": ["pain", "fame"]}, PageState(aims=("pain",)), ["Ignored aim='fame': aim must be one of: pain, function, disease, prevention."]),
        # Filters come through from the filter spec, with its own notices.
        ({"stage": "II", "surgical": "true"}, PageState(filters=FilterSpec(stage=2, surgical=True)), []),
        ({"stage": "7"}, PageState(), ["Ignored stage='7': stage must be 0–4 or I–IV."]),
        ({"bogus": "1"}, PageState(), ["Ignored the unknown link setting 'bogus'."]),
        # Every part bad at once: each is reported and the good parts survive.
        (
            {"stage": "2", "treatment": "nope", "compare": ["walk", "nope"], "mind_time": "x", "mind_evidence": "4"},
            PageState(filters=FilterSpec(stage=2), compare=("walk",), weights=Weights(evidence_gap=4)),
            ["There is no treatment 'nope' in this table.", "Left out 'nope' from the comparison: no such treatment.", _weight_notice("mind_time", "x")],
        ),
        (
            {"stage": "9", "treatment": "pills", "compare": FIVE_IDS, "mind_side_effects": "-1", "mind_invasiveness": "1"},
            PageState(treatment="pills", compare=tuple(FIVE_IDS[:4]), weights=Weights(invasiveness=1)),
            ["Ignored stage='9': stage must be 0–4 or I–IV.", "A comparison holds at most 4 treatments; kept the first.", _weight_notice("mind_side_effects", "-1")],
        ),
    ],
)  # fmt: skip
def test_a_query_gives_its_view_and_a_notice_for_each_bad_part(query, expected, notices):
    assert page_from_query(query, IDS) == (expected, notices)


def test_a_treatment_id_only_counts_when_the_table_has_it():
    assert page_from_query({"treatment": "pills"}, ["shots"])[0].treatment is None
    assert page_from_query({"treatment": "pills"}, []) == (
        PageState(),
        ["There is no treatment 'pills' in this table."],
    )


@pytest.mark.parametrize(
    ("state", "query"),
    [
        (PageState(), {}),
        (PageState(weights=Weights()), {}),
        (PageState(treatment="pills"), {"treatment": "pills"}),
        (PageState(compare=("wait", "pills")), {"compare": ["wait", "pills"]}),
        (PageState(weights=Weights(invasiveness=0)), {"mind_invasiveness": "0"}),
        (PageState(weights=Weights(2, 5, 2, 1)), {"mind_side_effects": "5", "mind_evidence": "1"}),
        (PageState(weights=Weights(5, 4, 3, 0)), {"mind_invasiveness": "5", "mind_side_effects": "4", "mind_time": "3", "mind_evidence": "0"}),
        (PageState(filters=FilterSpec(stage=2)), {"stage": "2"}),
        (
            PageState(filters=FilterSpec(stage=0, surgical=True), treatment="wait", compare=("walk",), weights=Weights(time_cost=1)),
            {"stage": "0", "surgical": "true", "treatment": "wait", "compare": ["walk"], "mind_time": "1"},
        ),
    ],
)  # fmt: skip
def test_to_query_holds_only_what_differs_from_the_default_view(state, query):
    assert state.to_query() == query


def test_weight_keys_name_every_weight_once():
    assert sorted(WEIGHT_KEYS.values()) == sorted(vars(Weights()))
    assert not set(WEIGHT_KEYS) & set(FILTER_KEYS)


weights = st.builds(
    Weights,
    invasiveness=st.integers(0, MAX_WEIGHT),
    side_effect_burden=st.integers(0, MAX_WEIGHT),
    time_cost=st.integers(0, MAX_WEIGHT),
    evidence_gap=st.integers(0, MAX_WEIGHT),
)
valid_states = st.builds(
    PageState,
    filters=st.just(FilterSpec()) | filter_specs,
    treatment=st.none() | st.sampled_from(IDS),
    aims=st.lists(st.sampled_from(col.AIMS), unique=True, max_size=len(col.AIMS)).map(tuple),
    compare=st.lists(st.sampled_from(IDS), unique=True, max_size=MAX_COMPARE).map(tuple),
    weights=weights,
)


@given(state=valid_states)
def test_a_valid_view_survives_its_own_link_unchanged(state):
    assert page_from_query(state.to_query(), IDS) == (state, [])


page_keys = st.sampled_from([*FILTER_KEYS, *PAGE_KEYS])
values = st.text(max_size=20) | st.sampled_from(
    [*IDS, *col.AIMS, "0", "3", "5", "9", "-1", "²", "٣", " 4 ", "II", "true"]
)
any_query = st.dictionaries(
    page_keys | st.text(max_size=12),
    values | st.lists(values, max_size=7),
    max_size=8,
)


@given(query=any_query)
def test_any_query_gives_a_usable_view(query):
    state, notices = page_from_query(query, IDS)
    assert isinstance(state, PageState)
    assert state.treatment is None or state.treatment in IDS
    assert set(state.compare) <= set(IDS)
    assert len(state.compare) <= MAX_COMPARE
    assert len(set(state.compare)) == len(state.compare)
    assert set(state.aims) <= set(col.AIMS)
    assert len(set(state.aims)) == len(state.aims)
    for name in WEIGHT_KEYS.values():
        weight = getattr(state.weights, name)
        assert type(weight) is int
        assert 0 <= weight <= MAX_WEIGHT
    assert all(isinstance(notice, str) for notice in notices)
