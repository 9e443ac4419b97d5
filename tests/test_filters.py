"""The filter spec: what it keeps, how it says so, and how it survives URLs and any input."""

import re
from dataclasses import fields, replace
from typing import get_type_hints

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avn_data.evidence.cautions import with_caution_columns
from avn_data.tables import columns as col
from avn_data.view.filters import FILTER_KEYS, FILTERS, FilterSpec, from_query, parse_stage
from tests.strategies import CAUSES, CONDITIONS, FILTER_VALUES, filter_specs, some_of

ALL_NON_SURGICAL = ["pills", "shots", "walk", "wait"]


@pytest.mark.parametrize(
    ("spec", "expected_ids"),
    [
        (FilterSpec(), ALL_NON_SURGICAL),
        (FilterSpec(stage=0), ["wait"]),
        (FilterSpec(stage=2), ALL_NON_SURGICAL),
        (FilterSpec(stage=3), ["pills", "walk"]),
        (FilterSpec(stage=3, surgical=True), ["pills", "walk", "new-hip"]),
        (FilterSpec(stage=4, surgical=True), ["new-hip"]),
        (FilterSpec(category=("Injection",)), ["shots"]),
        (FilterSpec(category=("Injection", "Observation")), ["shots", "wait"]),
        (FilterSpec(category=("Surgery",)), []),
        (FilterSpec(category=("Surgery",), surgical=True), ["drill", "new-hip"]),
        (FilterSpec(max_invasiveness=0), ["walk", "wait"]),
        (FilterSpec(max_invasiveness=1), ["pills", "walk", "wait"]),
        (FilterSpec(max_side_effects=0), ["walk", "wait"]),
        (FilterSpec(max_side_effects=1), ["shots", "walk", "wait"]),
        (FilterSpec(max_weeks=6), ["shots", "walk"]),
        (FilterSpec(max_weeks=4), ["shots"]),
        (FilterSpec(max_weeks=0), []),
        (FilterSpec(evidence="none"), ALL_NON_SURGICAL),
        (FilterSpec(evidence="low"), ["pills", "walk", "wait"]),
        (FilterSpec(evidence="moderate"), ["wait"]),
        (FilterSpec(evidence="moderate", surgical=True), ["wait", "new-hip"]),
        (FilterSpec(q="injection"), ["shots"]),
        (FilterSpec(q="CRUTCH"), ["walk"]),
        (FilterSpec(q="Lai 2005"), ["pills"]),
        (FilterSpec(q="[regex("), []),
        (FilterSpec(surgical=True), [*ALL_NON_SURGICAL, "drill", "new-hip"]),
        (FilterSpec(stage=2, max_invasiveness=1), ["pills", "walk", "wait"]),
        (
            FilterSpec(
                stage=2,
                category=("Medication", "Movement & offloading", "Observation"),
                max_weeks=26,
            ),
            ["pills", "walk", "wait"],
        ),
    ],
)
def test_each_filter_keeps_exactly_the_matching_rows(small_table, spec, expected_ids):
    assert list(spec.apply(small_table)["treatment_id"]) == expected_ids


@pytest.mark.parametrize(
    ("spec", "sentence"),
    [
        (FilterSpec(), "Showing 4 of 6 treatments: non-surgical only."),
        (FilterSpec(stage=2, max_invasiveness=1), "Showing 3 of 6 treatments: stage II, invasiveness at most 1, non-surgical only."),
        (FilterSpec(stage=0, surgical=True), "Showing 1 of 6 treatments: stage 0 (at risk), surgical rows included."),
        (FilterSpec(category=("Injection", "Observation"), max_side_effects=1, max_weeks=6.5, evidence="low", q="bike"),
         'Showing 0 of 6 treatments: category Injection or Observation, side-effect burden at most 1, shortest course within 6.5 weeks, evidence at least low, matching "bike", non-surgical only.'),
    ],
)  # fmt: skip
def test_the_spec_describes_itself_in_one_sentence(small_table, spec, sentence):
    assert spec.describe(len(spec.apply(small_table)), len(small_table)) == sentence


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stage": "2"}, FilterSpec(stage=2)),
        ({"stage": "II"}, FilterSpec(stage=2)),
        ({"stage": "iv"}, FilterSpec(stage=4)),
        ({"stage": "0"}, FilterSpec(stage=0)),
        (
            {"category": ["Injection", "medication"]},
            FilterSpec(category=("Injection", "Medication")),
        ),
        ({"category": ["Injection", "Injection"]}, FilterSpec(category=("Injection",))),
        (
            {"max_invasiveness": "1", "max_side_effects": "0"},
            FilterSpec(max_invasiveness=1, max_side_effects=0),
        ),
        ({"max_weeks": "12"}, FilterSpec(max_weeks=12.0)),
        ({"evidence": "very-low"}, FilterSpec(evidence="very low")),
        ({"q": "  bike "}, FilterSpec(q="bike")),
        ({"surgical": "true"}, FilterSpec(surgical=True)),
        ({"surgical": "TRUE"}, FilterSpec(surgical=True)),
        ({"stage": ["1", "3"]}, FilterSpec(stage=3)),
    ],
)
def test_url_values_are_read_plainly(query, expected):
    assert from_query(query) == (expected, [])


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"stage": "V"}, "Ignored stage='V': stage must be 0–4 or I–IV."),
        ({"stage": "12"}, "Ignored stage='12': stage must be 0–4 or I–IV."),
        (
            {"max_invasiveness": "9"},
            "Ignored max_invasiveness='9': max_invasiveness must be a whole number from 0 to 4.",
        ),
        ({"max_weeks": "soon"}, "Ignored max_weeks='soon': max_weeks must be a number of weeks."),
        (
            {"max_weeks": "nan"},
            "Ignored max_weeks='nan': max_weeks must be a number of weeks from 0 to 520.",
        ),
        (
            {"category": "Magic"},
            "Ignored category='Magic': category must be one of: Injection, Medication, Pain relief, Movement & offloading, Complementary, Device, Observation, Surgery.",
        ),
        (
            {"evidence": "great"},
            "Ignored evidence='great': evidence must be one of: none, very low, low, moderate, high.",
        ),
        ({"surgical": "perhaps"}, "Ignored surgical='perhaps': surgical must be true or false."),
        ({"utm_source": "mail"}, "Ignored the unknown link setting 'utm_source'."),
    ],
)
def test_malformed_url_values_fall_back_to_defaults_with_a_notice(query, notice):
    assert from_query(query) == (FilterSpec(), [notice])


def test_good_values_survive_beside_bad_ones():
    spec, notices = from_query({"stage": "II", "category": ["Injection", "Nope"]})
    assert spec == FilterSpec(stage=2, category=("Injection",))
    assert len(notices) == 1


def test_keys_the_page_handles_elsewhere_are_not_reported():
    assert from_query({"treatment": "x"}, ignore=("treatment",)) == (FilterSpec(), [])


@pytest.mark.parametrize(
    ("spec", "slug"),
    [
        (FilterSpec(), ""),
        (FilterSpec(stage=2, max_invasiveness=1), "stage-2_max-invasiveness-1"),
        (FilterSpec(category=("Movement & offloading", "Injection"), max_weeks=6.5), "category-movement-offloading-injection_max-weeks-6-5"),
        (FilterSpec(q="../../etc/passwd", surgical=True), "q-etc-passwd_surgical-true"),
    ],
)  # fmt: skip
def test_the_slug_is_a_safe_file_name_part(spec, slug):
    assert spec.slug() == slug


# ---- joints: whole joint names in a '; ' list ---------------------------------------

JOINT_ROWS = {"h": "hip", "hk": "hip; knee", "ks": "knee;shoulder", "af": "ankle-foot", "none": ""}


@pytest.mark.parametrize(
    ("joints", "expected_ids"),
    [
        (("hip",), ["h", "hk"]),
        (("knee",), ["hk", "ks"]),
        (("shoulder",), ["ks"]),
        (("ankle-foot",), ["af"]),
        (("other",), []),
        (("hip", "shoulder"), ["h", "hk", "ks"]),
        ((), ["h", "hk", "ks", "af", "none"]),
    ],
)
def test_the_joint_filter_keeps_rows_that_name_any_chosen_joint(small_table, joints, expected_ids):
    table = pd.concat(
        [small_table.iloc[[0]].assign(treatment_id=tid, joints=cell) for tid, cell in JOINT_ROWS.items()],
        ignore_index=True,
    )  # fmt: skip
    assert list(FilterSpec(joint=joints).apply(table)["treatment_id"]) == expected_ids


# ---- properties -------------------------------------------------------------------


def test_the_spec_declares_each_filter_once_in_order_with_its_default_and_parsed_type():
    assert tuple(field.name for field in fields(FilterSpec)) == FILTER_KEYS
    declared = get_type_hints(FilterSpec)
    for spec_filter, field in zip(FILTERS, fields(FilterSpec), strict=True):
        parsed = get_type_hints(spec_filter.parse)["return"]
        if spec_filter.repeatable:
            expected = tuple[parsed, ...]
        elif spec_filter.default is None:
            expected = parsed | None
        else:
            expected = parsed
        assert declared[field.name] == expected, field.name
        assert field.default == spec_filter.default, field.name


def test_the_shared_spec_strategy_draws_every_filter():
    assert set(FILTER_VALUES) == set(FILTER_KEYS)


SEARCHED = ("name", "category", "side_effects")


@st.composite
def tables(draw) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """A treatment table, some with unknown burden or course, and cautions for its rows."""
    count = draw(st.integers(0, 12))
    rows = []
    for index in range(count):
        low_stage, high_stage = sorted(draw(st.lists(st.integers(0, 4), min_size=2, max_size=2)))
        low_weeks, high_weeks = sorted(draw(st.lists(st.integers(0, 160), min_size=2, max_size=2)))
        course_known = draw(st.booleans())
        rows.append({
            "treatment_id": f"t{index}",
            "name": draw(st.sampled_from(["Pain pills", "Bone drug", "Swim", "A B"])),
            "category": draw(st.sampled_from(col.CATEGORIES)),
            "surgical": draw(st.booleans()),
            "joints": "; ".join(draw(some_of(col.JOINTS))),
            "invasiveness": draw(st.integers(0, 4)),
            "side_effect_burden": draw(st.none() | st.integers(0, 4).map(float)),
            "stage_min": low_stage, "stage_max": high_stage,
            "duration_weeks_min": float(low_weeks) if course_known else None,
            "duration_weeks_max": float(high_weeks) if course_known else None,
            "evidence_certainty": draw(st.sampled_from(col.EVIDENCE_LEVELS)),
            "side_effects": draw(st.sampled_from(["none", "mild pain", "x"])),
        })  # fmt: skip
    columns = ["treatment_id", "name", "category", "surgical", "joints", "invasiveness", "side_effect_burden", "stage_min", "stage_max", "duration_weeks_min", "duration_weeks_max", "evidence_certainty", "side_effects"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns).astype(
        {"surgical": bool, "side_effect_burden": float, "duration_weeks_min": float, "duration_weeks_max": float}
    )  # fmt: skip
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(list(frame["treatment_id"])), st.sampled_from(CONDITIONS)),
            unique=True,
            max_size=6,
        )
        if count and CONDITIONS
        else st.just([])
    )
    cautions = [
        (tid, condition, draw(st.sampled_from(["avoid", "discuss"]))) for tid, condition in pairs
    ]
    frame = with_caution_columns(
        frame, pd.DataFrame(cautions, columns=["treatment_id", "condition", "level"])
    )
    return frame, cautions


def row_passes(row: dict, spec: FilterSpec, cautions: list[tuple[str, str, str]]) -> bool:
    """An independent, row-at-a-time statement of what each filter means.

    An unknown side-effect burden or course passes no limit on it (nothing says it fits);
    the person's situation only hides rows when they ask to hide what to avoid; their causes
    and lesion type never hide a row.
    """
    joints = {joint.strip() for joint in row["joints"].split(";")}
    avoid = {condition for tid, condition, level in cautions if tid == row["treatment_id"] and level == "avoid"}  # fmt: skip
    burden, shortest = row["side_effect_burden"], row["duration_weeks_min"]
    return all([
        spec.stage is None or row["stage_min"] <= spec.stage <= row["stage_max"],
        not spec.joint or bool(joints & set(spec.joint)),
        not spec.category or row["category"] in spec.category,
        spec.max_invasiveness is None or row["invasiveness"] <= spec.max_invasiveness,
        spec.max_side_effects is None or (burden == burden and burden <= spec.max_side_effects),
        spec.max_weeks is None or (shortest == shortest and shortest <= spec.max_weeks),
        spec.evidence is None or col.EVIDENCE_LEVELS.index(row["evidence_certainty"]) >= col.EVIDENCE_LEVELS.index(spec.evidence),
        any(spec.q.lower() in str(row[name]).lower() for name in SEARCHED),
        spec.surgical or not row["surgical"],
        not (spec.hide_avoid and avoid & set(spec.situation)),
    ])  # fmt: skip


@given(drawn=tables(), spec=filter_specs)
def test_kept_rows_are_exactly_the_rows_that_satisfy_every_filter(drawn, spec):
    table, cautions = drawn
    kept = list(spec.apply(table)["treatment_id"])
    expected = [row["treatment_id"] for row in table.to_dict("records") if row_passes(row, spec, cautions)]  # fmt: skip
    assert kept == expected


@pytest.mark.parametrize("key", FILTER_KEYS)
@settings(max_examples=30)
@given(drawn=tables(), data=st.data())
def test_each_filter_alone_keeps_exactly_the_rows_its_rule_keeps(key, drawn, data):
    # All filters at once rarely keep a row; one at a time, each rule is really exercised.
    table, cautions = drawn
    alone = replace(FilterSpec(), **{key: data.draw(FILTER_VALUES[key], label=key)})
    if key == "hide_avoid":
        cautioned = sorted({condition for _, condition, _ in cautions}) or list(CONDITIONS)
        situation = st.lists(st.sampled_from(cautioned), min_size=1, max_size=3, unique=True)
        alone = replace(alone, situation=tuple(data.draw(situation, label="situation")))
    kept = list(alone.apply(table)["treatment_id"])
    expected = [row["treatment_id"] for row in table.to_dict("records") if row_passes(row, alone, cautions)]  # fmt: skip
    assert kept == expected


@given(spec=filter_specs)
def test_the_url_round_trip_is_lossless(spec):
    assert from_query(spec.to_query()) == (spec, [])


@given(spec=filter_specs)
def test_a_file_name_never_holds_the_persons_situation_or_cause(spec):
    slug = spec.slug()
    assert "situation" not in slug and "cause" not in slug and "hide-avoid" not in slug
    assert re.fullmatch(r"[a-z0-9_-]*", slug)


query_values = st.text(max_size=30) | st.sampled_from(
    ["", "II", "4", "-1", "1e400", "nan", "∞", "\x00", "%00", "true", *CONDITIONS[:2], *CAUSES[:2]]
)
any_query = st.dictionaries(
    st.sampled_from(FILTER_KEYS) | st.text(max_size=12),
    st.lists(query_values, max_size=3) | query_values,
    max_size=6,
)  # fmt: skip


@given(query=any_query)
def test_any_query_yields_a_valid_spec_or_a_notice_never_an_exception(query):
    spec, notices = from_query(query)
    assert isinstance(spec, FilterSpec)
    assert spec.stage is None or 0 <= spec.stage <= 4
    assert set(spec.category) <= set(col.CATEGORIES)
    assert set(spec.joint) <= set(col.JOINTS)
    assert set(spec.situation) <= set(CONDITIONS)
    assert set(spec.cause) <= set(CAUSES)
    assert spec.max_weeks is None or 0 <= spec.max_weeks <= 520
    assert all(isinstance(notice, str) and notice for notice in notices)


STAGE_SPELLINGS = {"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}


@given(text=st.text(max_size=5) | st.sampled_from([*STAGE_SPELLINGS, " II ", "Iv", "V", "5"]))
def test_parse_stage_reads_exactly_the_stage_spellings(text):
    expected = STAGE_SPELLINGS.get(text.strip().lower())
    if expected is None:
        with pytest.raises(ValueError, match="must be 0–4 or I–IV"):
            parse_stage(text)
    else:
        assert parse_stage(text) == expected
