"""Personal cautions: the data validates, situations match the right rows, and can hide them."""

import pandas as pd
import pytest

from avn_data.evidence.cautions import (
    caution_spec,
    cautions_for_you,
    load_cautions,
    with_caution_columns,
)
from avn_data.tables.conditions import condition_labels
from avn_data.tables.load import load_table, load_treatments
from avn_data.tables.problems import TableError
from avn_data.view.filters import FilterSpec, conflicts
from tests.tables import data_rows

SMALL_CAUTIONS = pd.DataFrame(
    [
        ("pills", "dental-work", "discuss", "Jaw osteonecrosis is rare but serious.", "S27"),
        ("pills", "pregnancy", "avoid", "Not for use in pregnancy.", "S26"),
        ("shots", "bleeding-disorder-anticoagulants", "discuss", "Injection bleeding.", "S19"),
        ("walk", "kidney-disease-x", "avoid", "A slug that extends another slug.", "test"),
    ],
    columns=["treatment_id", "condition", "level", "reason", "source"],
)


@pytest.fixture(scope="module")
def flagged(small_table):
    return with_caution_columns(small_table, SMALL_CAUTIONS)


@pytest.mark.parametrize(
    ("situation", "level", "expected_ids"),
    [
        ((), "avoid", []),
        (("dental-work",), "discuss", ["pills"]),
        (("dental-work",), "avoid", []),
        (("pregnancy",), "avoid", ["pills"]),
        (("pregnancy", "bleeding-disorder-anticoagulants"), "discuss", ["shots"]),
        (("kidney-disease",), "avoid", []),
    ],
)
def test_conflicts_match_whole_situations_at_their_level(flagged, situation, level, expected_ids):
    assert list(flagged.loc[conflicts(flagged, situation, level), "treatment_id"]) == expected_ids


@pytest.mark.parametrize(
    ("spec", "expected_ids"),
    [
        (FilterSpec(situation=("pregnancy",)), ["pills", "shots", "walk", "wait"]),
        (FilterSpec(situation=("pregnancy",), hide_avoid=True), ["shots", "walk", "wait"]),
        (
            FilterSpec(situation=("dental-work",), hide_avoid=True),
            ["pills", "shots", "walk", "wait"],
        ),
        (FilterSpec(hide_avoid=True), ["pills", "shots", "walk", "wait"]),
    ],
)
def test_hiding_drops_only_what_to_avoid(flagged, spec, expected_ids):
    assert list(spec.apply(flagged)["treatment_id"]) == expected_ids


def test_hiding_is_a_no_op_on_a_table_without_cautions(small_table):
    spec = FilterSpec(situation=("pregnancy",), hide_avoid=True)
    assert list(spec.apply(small_table)["treatment_id"]) == ["pills", "shots", "walk", "wait"]


def test_cautions_for_you_puts_avoid_first_in_words(small_table):
    text = cautions_for_you(
        small_table["treatment_id"], SMALL_CAUTIONS, ("dental-work", "pregnancy")
    )
    assert text.iloc[0] == (
        "Avoid (Pregnant or planning a pregnancy): Not for use in pregnancy. | "
        "Discuss (Ongoing or planned dental work): Jaw osteonecrosis is rare but serious."
    )
    assert list(text.iloc[1:]) == ["", "", "", "", ""]


def test_the_situation_is_part_of_the_sentence():
    sentence = FilterSpec(situation=("dental-work",), hide_avoid=True).describe(3, 6)
    assert sentence.endswith(
        "cautions for Ongoing or planned dental work, treatments to avoid hidden."
    )


def test_the_bundled_cautions_are_valid_and_name_real_treatments():
    cautions = load_cautions()
    assert set(cautions["treatment_id"]) <= set(load_treatments()["treatment_id"])
    assert set(cautions["condition"]) <= set(condition_labels())
    assert (cautions["source"].str.strip() != "").all()


@pytest.mark.parametrize("condition", [row["condition"] for row in data_rows("conditions.csv")])
@pytest.mark.parametrize("level", ["avoid", "discuss"])
def test_each_bundled_caution_flags_exactly_its_treatments(condition, level):
    expected = {
        row["treatment_id"]
        for row in data_rows("cautions.csv")
        if row["condition"] == condition and row["level"] == level
    }
    table = with_caution_columns(load_treatments(), load_cautions())
    assert set(table.loc[conflicts(table, (condition,), level), "treatment_id"]) == expected


def test_the_dental_work_warning_reaches_bisphosphonates():
    table = with_caution_columns(load_treatments(), load_cautions())
    flagged = table.loc[conflicts(table, ("dental-work",), "discuss"), "treatment_id"]
    assert {"bisphosphonate-oral", "bisphosphonate-iv"} <= set(flagged)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "pills,dental-work,sometimes,r,s",
            "row 2, column 'level': 'sometimes' is not avoid or discuss",
        ),
        ("pills,toothache,avoid,r,s", "row 2, column 'condition': 'toothache' is not one of: "),
        ("pills,dental-work,avoid,,s", "row 2, column 'reason': is empty"),
        ("Pills!,dental-work,avoid,r,s", "row 2, column 'treatment_id': 'Pills!' is not an id"),
    ],
)
def test_a_broken_cautions_file_names_row_and_column(row, expected):
    data = f"treatment_id,condition,level,reason,source\n{row}\n".encode()
    with pytest.raises(TableError) as caught:
        load_table(data, caution_spec(tuple(condition_labels())))
    assert any(str(problem).startswith(expected) for problem in caught.value.problems)


HEADER = "treatment_id,condition,level,reason,source\n"


def test_one_treatment_may_have_a_caution_for_each_of_several_situations():
    data = (
        HEADER
        + "pills,pregnancy,avoid,r,s\npills,dental-work,discuss,r,s\nshots,pregnancy,avoid,r,s\n"
    )
    cautions = load_table(data.encode(), caution_spec(tuple(condition_labels())))
    assert list(zip(cautions["treatment_id"], cautions["condition"], strict=True)) == [
        ("pills", "pregnancy"), ("pills", "dental-work"), ("shots", "pregnancy"),
    ]  # fmt: skip


def test_a_repeated_treatment_and_situation_pair_is_reported_as_a_repeat_on_its_row():
    data = (
        HEADER
        + "pills,pregnancy,avoid,r,s\nshots,pregnancy,avoid,r,s\npills,pregnancy,discuss,r,s\n"
    )
    with pytest.raises(TableError) as caught:
        load_table(data.encode(), caution_spec(tuple(condition_labels())))
    problems = caught.value.problems
    said = [str(problem) for problem in problems]
    # Row 4 repeats row 2's (pills, pregnancy); row 3 is fine. Every id and slug is valid, so
    # the only complaint is the repeat, on its row and naming the first.
    assert all("more than once" in text for text in said), said
    assert not any("is not" in text for text in said), said
    assert 3 not in {problem.row for problem in problems}
    assert any(problem.row == 4 and "2" in problem.message for problem in problems), said


def test_the_strongest_caution_is_a_level_not_read_back_from_words():
    from avn_data.evidence.cautions import caution_levels

    cautions = pd.DataFrame(
        {
            "treatment_id": ["pills", "pills", "shots"],
            "condition": ["pregnancy", "dental-work", "dental-work"],
            "level": ["discuss", "avoid", "discuss"],
        }
    )
    ids = pd.Series(["pills", "shots", "walk"])
    assert list(caution_levels(ids, cautions, ("pregnancy", "dental-work"))) == [
        "avoid",
        "discuss",
        "",
    ]
    assert list(caution_levels(ids, cautions, ("pregnancy",))) == ["discuss", "", ""]
