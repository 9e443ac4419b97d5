"""The evidence verdict: one rule from the study rows to a group, a certainty and a reason.

Each expectation below was worked out by hand from the rule in data/README.md ("How the
verdict is computed"); the properties check what the rule promises for any rows at all.
"""

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avn_data.evidence.outcomes import OUTCOME_COLUMNS, load_outcomes, outcomes_from_bytes
from avn_data.evidence.verdict import GROUP_RANK, Person, applies, judge, per_row
from avn_data.tables.load import load_treatments
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import chosen, results
from tests.tables import no_data_row, outcome_frame, outcome_row, outcomes_bytes

ANYONE = Person()


def study(number: int, direction: str = "favours", **cells: object) -> dict:
    """A randomised trial in AVN against no treatment, unless the cells say otherwise."""
    cells = {"source": f"Author{number} 2020", **cells}
    return outcome_row(
        outcome_id=f"row-{number}", study_id=f"PMID {10_000_000 + number}",
        direction=direction, **cells,
    )  # fmt: skip


def test_rows_built_here_match_what_the_loader_gives():
    row = study(1, stage_min="", cause="steroids")
    loaded = outcomes_from_bytes(outcomes_bytes([row]))
    built = outcome_frame(row)
    for name in ("direction", "comparison", "design", "cause", "study_id", "certainty"):
        assert built.at[0, name] == loaded.at[0, name]
    assert pd.isna(built.at[0, "stage_min"]) and pd.isna(loaded.at[0, "stage_min"])
    assert built.at[0, "stage_max"] == loaded.at[0, "stage_max"]


def verdict(*rows: dict, person: Person = ANYONE, aimed: bool = True):
    return judge(outcome_frame(*rows).to_dict("records") if rows else [], person, aimed)


@pytest.mark.parametrize(
    ("rows", "group", "certainty"),
    [
        # One randomised trial against no treatment favours it.
        ([study(1)], "favours", "low"),
        # A cohort favours it but a randomised trial found nothing: the better design decides.
        ([study(1, design="cohort"), study(2, "no difference")], "conflicting", "very low"),
        # A randomised trial favours it and a weaker cohort found nothing: still favours.
        ([study(1), study(2, "no difference", design="cohort")], "favours", "low"),
        # Two trials of the same design split.
        ([study(1), study(2, "no difference")], "conflicting", "very low"),
        # Only a null trial against another treatment: about as good as it.
        ([study(1, "no difference", comparison="active", comparator="core decompression")],
         "as good as", "low"),
        # Better than another treatment is a comparison that favours it.
        ([study(1, comparison="active", comparator="core decompression")], "favours", "low"),
        # Null against placebo.
        ([study(1, "no difference", comparator="placebo")], "no benefit", "low"),
        # Worse than another treatment.
        ([study(1, "favours comparator", comparison="active", comparator="surgery")],
         "no benefit", "low"),
        # A benefit seen only added to an operation.
        ([study(1, comparison="add-on", comparator="core decompression alone", design="cohort",
                certainty="very low")], "add-on", "very low"),
        # Single-group reports only, however many and whatever they say.
        ([study(1, "uncontrolled", comparison="none", design="case series", certainty="very low"),
          study(2, "uncontrolled", comparison="none", design="meta-analysis")],
         "uncontrolled", "very low"),
        # Trials in another condition only.
        ([study(1, evidence_from="other condition", population="knee arthritis (not AVN)")],
         "indirect", "low"),
        # Nothing measured.
        ([no_data_row("x", aim="disease")], "missing", "none"),
    ],
)  # fmt: skip
def test_each_kind_of_evidence_lands_in_the_group_the_rule_names(rows, group, certainty):
    found = verdict(*rows)
    assert (found.group, found.certainty) == (group, certainty)


def test_no_rows_reads_no_evidence_for_an_aim_it_is_meant_for_and_not_aimed_otherwise():
    assert verdict(aimed=True).group == "missing"
    assert verdict(aimed=False).group == "not aimed"


def test_a_failure_in_the_persons_cause_outranks_a_favouring_trial_and_names_the_study():
    rows = [
        study(1),
        study(2, "failed", comparison="none", design="case series", cause="steroids",
              source="Glueck 2005, Clin Orthop", certainty="very low"),
    ]  # fmt: skip
    for_them = verdict(*rows, person=Person(causes=("steroids",)))
    assert for_them.group == "failed for you"
    assert for_them.why == "Did not work in steroid-related AVN: Glueck 2005"
    # Someone whose AVN has another cause never sees the steroid-only row at all.
    assert verdict(*rows, person=Person(causes=("alcohol",))).group == "favours"
    # Someone who gave no cause: the trial still favours it.
    assert verdict(*rows).group == "favours"


def test_a_null_trial_at_exactly_the_persons_stage_is_a_failure_for_them():
    rows = [study(1, stage_min=1, stage_max=3), study(2, "no difference", stage_min=3, stage_max=3)]
    assert verdict(*rows, person=Person(stage=3)).group == "failed for you"
    assert verdict(*rows, person=Person(stage=2)).group == "favours"


def test_rows_for_another_joint_stage_or_cause_do_not_apply():
    knee = study(1, joint="knee")
    assert verdict(knee, person=Person(joints=("hip",))).group == "missing"
    assert verdict(knee, person=Person(joints=("knee",))).group == "favours"
    late = study(2, stage_min=3, stage_max=4)
    assert verdict(late, person=Person(stage=1)).why == (
        "No study for your joint, stage or cause (1 study in others)"
    )


def test_the_reason_counts_distinct_studies_by_design_and_names_the_comparator():
    rows = [
        study(1, outcome="collapse"), study(1, outcome="joint replacement"),
        study(2, "no difference", comparator="placebo"),
    ]  # fmt: skip
    found = verdict(*rows)
    assert found.group == "conflicting"
    assert found.why == (
        "1 randomised trial favours it (against no treatment), "
        "1 randomised trial found it no better than placebo"
    )


def test_no_difference_from_another_treatment_reads_as_about_as_good_as_it():
    active = study(2, "no difference", comparator="core decompression", comparison="active")
    found = verdict(study(1, outcome="collapse"), active)
    assert found.why.endswith("1 randomised trial found it about as good as core decompression")


KINDS = st.sampled_from(
    [
        ("favours", "RCT", "inactive"), ("favours", "cohort", "inactive"),
        ("favours", "RCT", "active"), ("no difference", "RCT", "active"),
        ("favours", "cohort", "add-on"), ("no difference", "RCT", "add-on"),
        ("uncontrolled", "case series", "none"), ("failed", "case series", "none"),
        ("no difference", "cohort", "inactive"), ("favours comparator", "RCT", "active"),
    ]
)  # fmt: skip
CAUSES = st.sampled_from(["any", "any", "steroids", "alcohol"])
PEOPLE = st.builds(
    Person,
    stage=st.sampled_from([None, 1, 2, 3]),
    causes=st.sampled_from([(), ("steroids",), ("alcohol",)]),
)


def _rows(kinds: list[tuple[tuple[str, str, str], str]]) -> list[dict]:
    return [
        study(number, direction, design=design, comparison=comparison, cause=cause,
              certainty="very low" if comparison == "none" else "low")
        for number, ((direction, design, comparison), cause) in enumerate(kinds, start=1)
    ]  # fmt: skip


@settings(max_examples=60)
@given(
    kinds=st.lists(st.tuples(KINDS, CAUSES), max_size=5),
    null=st.sampled_from([("no difference", "RCT"), ("no difference", "cohort"),
                          ("favours comparator", "RCT")]),
    comparison=st.sampled_from(["inactive", "active"]),
    cause=CAUSES,
    person=PEOPLE,
)  # fmt: skip
def test_adding_a_null_controlled_trial_never_moves_a_treatment_up(
    kinds, null, comparison, cause, person
):
    before = _rows(kinds)
    direction, design = null
    added = study(99, direction, design=design, comparison=comparison, cause=cause)
    rank_before = verdict(*before, person=person).rank if before else GROUP_RANK["missing"]
    assert verdict(*before, added, person=person).rank >= rank_before


@settings(max_examples=60)
@given(kinds=st.lists(st.tuples(KINDS, CAUSES), max_size=5), person=PEOPLE)
def test_adding_an_uncontrolled_series_never_moves_a_treatment_into_favours(kinds, person):
    before = _rows(kinds)
    series = study(
        99, "uncontrolled", design="case series", comparison="none", certainty="very low"
    )
    was = verdict(*before, person=person).group if before else "missing"
    now = verdict(*before, series, person=person).group
    assert now != "favours" or was == "favours"


@settings(max_examples=60)
@given(kinds=st.lists(st.tuples(KINDS, CAUSES), max_size=5), person=PEOPLE)
def test_favours_always_has_a_controlled_comparison_in_avn_that_favours_it(kinds, person):
    rows = _rows(kinds)
    if rows and verdict(*rows, person=person).group == "favours":
        favouring = [
            row for row in rows
            if row["direction"] == "favours" and row["comparison"] in ("inactive", "active")
            and (not person.causes or row["cause"] in ("any", *person.causes))
        ]  # fmt: skip
        assert favouring


# ---- the bundled data, view by view ------------------------------------------------------
# Each expected group was worked out by hand from data/outcomes.csv and the rule; the comment
# says which rows decide it.


@pytest.fixture(scope="module")
def bundled():
    return load_treatments(), load_outcomes()


def group_in_view(bundled, treatment_id: str, aim: str, **spec: object) -> str:
    """The group the page gives a treatment for this person, whether or not the filters show
    it (as the Compare tab does)."""
    table, outcomes = bundled
    rows = chosen(table, [treatment_id], FilterSpec(**spec), aims=(aim,), outcomes=outcomes)
    return rows.set_index("treatment_id").loc[treatment_id, "benefit_group"]


@pytest.mark.parametrize(
    ("treatment_id", "aim", "spec", "expected"),
    [
        # Wang 2005/2012: randomised, better than core decompression with grafting; no null
        # controlled trial for the disease.
        ("shockwave-therapy", "disease", {"stage": 2, "joint": ("hip",)}, "Evidence favours it"),
        # Lee 2015: randomised, zoledronate no better than no zoledronate at stages I–II.
        ("bisphosphonate-iv", "disease", {"stage": 2, "joint": ("hip",)}, "Best trials found no benefit"),
        # Koo 1995 and Chen 2022: no difference against core decompression or surgery.
        ("protected-weight-bearing", "disease", {"stage": 2, "joint": ("hip",)}, "About as good as another treatment"),
        # Massari 2006 and Al-Jabri 2017: single groups only.
        ("pemf", "disease", {"stage": 2, "joint": ("hip",)}, "Only reports without a comparison group"),
        # Glueck: series only, in clotting disorders; the steroid failure is a series too.
        ("enoxaparin", "disease", {"stage": 2, "joint": ("hip",)}, "Only reports without a comparison group"),
        # ... and for steroid-related AVN that failure is the person's own cause.
        ("enoxaparin", "disease", {"stage": 2, "joint": ("hip",), "cause": ("steroids",)}, "Did not work for people like you"),
        # ... while for a clotting disorder the series still speak.
        ("enoxaparin", "disease", {"stage": 2, "joint": ("hip",), "cause": ("clotting-disorder",)}, "Only reports without a comparison group"),
        # Aggarwal 2018 and Fernandez 2023: PRP added to core decompression; Lyu 2023's null
        # add-on cohort is a weaker design than the randomised add-on trial.
        ("prp-injection", "disease", {"stage": 2, "joint": ("hip",)}, "Helped only when added to an operation"),
        # Classen 2016: at ARCO III most joints were replaced; the authors say it failed there.
        ("iloprost", "disease", {"stage": 3, "joint": ("hip",)}, "Did not work for people like you"),
        # ... at ARCO II the same series is only a single group.
        ("iloprost", "disease", {"stage": 2, "joint": ("hip",)}, "Only reports without a comparison group"),
        # No AVN study of pain; the Cochrane review of hip arthritis favours exercise therapy.
        ("physical-therapy", "pain", {"stage": 2, "joint": ("hip",)}, "Helps in other conditions, not yet studied in AVN"),
        # Neumayr 2006: physical therapy alone did as well as with core decompression (sickle cell).
        ("physical-therapy", "function", {"stage": 2, "joint": ("hip",)}, "About as good as another treatment"),
        # ... that trial was in sickle cell disease only, so for steroid AVN only arthritis speaks.
        ("physical-therapy", "function", {"stage": 2, "joint": ("hip",), "cause": ("steroids",)}, "Helps in other conditions, not yet studied in AVN"),
        # Pain: Wang favours, Luan (PRP did better) and Hao 2018 (no difference) are as strong.
        ("shockwave-therapy", "pain", {"stage": 2, "joint": ("hip",)}, "Studies disagree"),
        # Knee: Meier 2014, randomised, ibandronate no better than placebo.
        ("bisphosphonate-iv", "disease", {"joint": ("knee",)}, "Best trials found no benefit"),
        # Heat and ice are not meant to slow the disease, and no study says otherwise.
        ("heat-ice", "disease", {"stage": 1, "joint": ("hip",)}, "Not aimed at this"),
    ],
)  # fmt: skip
def test_the_group_of_each_view_is_the_one_worked_out_by_hand(
    bundled, treatment_id, aim, spec, expected
):
    assert group_in_view(bundled, treatment_id, aim, **spec) == expected


def test_a_failure_at_the_persons_stage_is_said_beside_the_group(bundled):
    table, outcomes = bundled
    spec = FilterSpec(stage=3, joint=("hip",))
    rows = results(table, spec, aims=("disease",), outcomes=outcomes).set_index("treatment_id")
    why = rows.loc["shockwave-therapy", "evidence_why"]
    assert "at stage III, its own series did worst (Xie 2018: 88 of 100 did badly" in why
    pemf = chosen(table, ["pemf"], spec, aims=("disease",), outcomes=outcomes)
    assert "Massari 2006: 12 of its 15 joint replacements" in pemf.at[0, "evidence_why"]


JOINTS = ("hip", "knee", "shoulder")
STAGES = (None, 0, 1, 2, 3, 4)
CAUSE_CHOICES = (
    (),
    ("steroids",),
    ("alcohol",),
    ("sickle-cell",),
    ("lupus",),
    ("clotting-disorder",),
)


def test_in_every_view_the_data_cover_the_first_group_rests_on_a_controlled_comparison(bundled):
    table, outcomes = bundled
    records = outcomes.to_dict("records")
    aims = ("pain", "function", "disease", "prevention")
    for joint, stage, causes in itertools.product(JOINTS, STAGES, CAUSE_CHOICES):
        person = Person(stage=stage, joints=(joint,), causes=causes)
        verdicts = per_row(table, outcomes, aims, person)
        for treatment_id, by_aim in zip(table["treatment_id"], verdicts, strict=True):
            for aim, found in zip(aims, by_aim, strict=True):
                avn = [
                    row for row in records
                    if row["treatment_id"] == treatment_id and row["aim"] == aim
                    and applies(row, person) and row["evidence_from"] == "avn"
                ]  # fmt: skip
                if found.group == "favours":
                    assert any(
                        row["direction"] == "favours"
                        and row["comparison"] in ("inactive", "active")
                        for row in avn
                    ), (treatment_id, aim, person)
                    assert not any(
                        row["direction"] == "failed" and row["cause"] in causes for row in avn
                    ), (treatment_id, aim, person)
                if found.group == "indirect":
                    assert not any(row["direction"] in ("favours", "uncontrolled") for row in avn)


# ---- when there are no study rows ---------------------------------------------------------


def test_a_broken_study_table_names_its_problems_and_the_list_falls_back_to_costs(tmp_path):
    from avn_data.evidence.outcomes import outcomes_or_none

    path = tmp_path / "outcomes.csv"
    path.write_bytes(outcomes_bytes([outcome_row(treated_n="many")]))
    empty, problems = outcomes_or_none(path)
    assert empty.empty and list(empty.columns) == list(OUTCOME_COLUMNS)
    assert [str(problem) for problem in problems] == [
        "outcomes.csv row 2, column 'treated_n': 'many' is not a whole number, 1 or more, or empty"
    ]
    table = load_treatments()
    rows = results(table, FilterSpec(stage=2), aims=("disease",), outcomes=empty)
    assert set(rows.loc[rows["treatment_id"].ne("watchful-waiting"), "benefit_group"]) == {
        "Ranked by costs only: no study rows for this table"
    }


def test_a_table_of_ones_own_with_no_study_rows_says_it_is_ranked_by_costs(tmp_path):
    import sys

    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_TIMEOUT
    from tests.tables import SMALL_TABLE_ROWS, csv_bytes

    own = tmp_path / "own.csv"
    own.write_bytes(csv_bytes(SMALL_TABLE_ROWS))
    app = AppTest.from_file("../dashboard.py", default_timeout=APP_TIMEOUT)
    app.query_params["aim"] = "disease"
    argv, sys.argv = sys.argv, ["dashboard.py", "--data", str(own)]
    try:
        app.run()
    finally:
        sys.argv = argv
    assert not app.exception
    assert any(info.value.startswith("**Ranked by costs only.**") for info in app.info)


@pytest.mark.parametrize(
    ("spec", "aims", "expected"),
    [
        ({"stage": 2, "joint": ("hip",)}, ("disease",), ["core-decompression", "core-decompression-cells"]),
        ({"stage": 2}, ("disease",), ["core-decompression", "core-decompression-cells"]),
        # After collapse, for another aim, or for the knee (the review is about the hip): none.
        ({"stage": 3, "joint": ("hip",)}, ("disease",), []),
        ({"stage": 2, "joint": ("hip",)}, ("pain",), []),
        ({"stage": 2, "joint": ("knee",)}, ("disease",), []),
        # A small lesion that rarely collapses: waiting leads them, whatever the aims.
        ({"stage": 1, "lesion": "A"}, ("disease",), ["watchful-waiting", "core-decompression", "core-decompression-cells"]),
        ({"stage": 1, "lesion": "A"}, (), ["watchful-waiting"]),
        ({"stage": 1, "lesion": "A"}, ("pain",), ["watchful-waiting"]),
        # A large lesion that mostly collapses: waiting is not a reference.
        ({"stage": 1, "lesion": "C2"}, ("disease",), ["core-decompression", "core-decompression-cells"]),
    ],
)  # fmt: skip
def test_references_come_first_only_where_a_specialist_would_name_them(
    bundled, spec, aims, expected
):
    from avn_data.evidence.references import load_references

    table, outcomes = bundled
    rows = results(
        table, FilterSpec(**spec), aims=aims, outcomes=outcomes, references=load_references()
    )
    assert list(rows.loc[rows["is_reference"], "treatment_id"]) == expected
    assert rows["is_reference"].tolist() == sorted(rows["is_reference"], reverse=True)
