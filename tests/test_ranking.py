"""Ranking: benefit for the person's aims first, costs within; unknown harms never count as none."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data.evidence.ranking import (
    COST_COLUMNS,
    COSTS_ONLY_GROUP,
    WHOLE_COUNTS,
    Weights,
    benefit_columns,
    costs,
    fit_score,
    pareto_mask,
    ranked,
    time_cost,
)
from avn_data.tables.load import load_table
from avn_data.view.filters import FilterSpec
from avn_data.view.ranking_words import explain
from tests.tables import csv_bytes, make_row, no_data_row, outcome_frame, outcome_row


def aimed(treatment_id: str, name: str, *aims: str) -> dict:
    """A treatment row meant for `aims`, e.g. aimed('x', 'X', 'pain')."""
    return make_row(treatment_id=treatment_id, name=name, aims="; ".join(aims))


def trial(treatment_id: str, aim: str, direction: str, number: int = 1, **cells: object) -> dict:
    """An outcome row: by default a randomised trial in AVN against no treatment."""
    return outcome_row(
        outcome_id=f"{treatment_id}-{aim}-{number}", treatment_id=treatment_id, aim=aim,
        direction=direction, study_id=f"PMID {10_000_000 + number}", **cells,
    )  # fmt: skip


def outcomes_of(rows: list[dict]) -> pd.DataFrame:
    return outcome_frame(*rows)


@pytest.mark.parametrize(
    ("weights", "expected_order"),
    [
        # The small table has no benefit data, so every row sits in one group and the costs
        # alone order it. Minding only invasiveness: nothing-enters-the-body first.
        (Weights(1, 0, 0, 0), ["Crutches", "Watchful waiting", "Pills", "Core decompression", "Shots", "Hip replacement"]),
        (Weights(0, 1, 0, 0), ["Crutches", "Watchful waiting", "Shots", "Pills", "Core decompression", "Hip replacement"]),
        (Weights(0, 0, 0, 1), ["Hip replacement", "Watchful waiting", "Core decompression", "Crutches", "Pills", "Shots"]),
        (Weights(0, 0, 1, 0), ["Shots", "Core decompression", "Crutches", "Hip replacement", "Watchful waiting", "Pills"]),
    ],
)  # fmt: skip
def test_within_one_benefit_group_a_known_weighting_gives_a_known_order(
    small_table, weights, expected_order
):
    assert list(ranked(small_table, weights)["name"]) == expected_order


@pytest.fixture(scope="module")
def aims_table() -> pd.DataFrame:
    rows = [
        # Cheap and gentle, but aimed at pain only.
        {**aimed("warm", "Warm packs", "pain"), "invasiveness": 0,
         "side_effect_burden": "", "duration_weeks_min": 0.1, "duration_weeks_max": 0.1},
        # Costly, but a trial favours it for the disease.
        {**aimed("drip", "Drip", "disease"), "invasiveness": 2,
         "side_effect_burden": 3, "duration_weeks_min": 26, "duration_weeks_max": 104},
        {**aimed("tabs", "Tablets", "disease", "pain"), "invasiveness": 1, "side_effect_burden": 2},
        {**aimed("mixed", "Mixed", "disease"), "invasiveness": 1},
        {**aimed("unknown", "Untested", "disease"), "invasiveness": 0, "side_effect_burden": 0},
        {**aimed("watchful-waiting", "Watchful waiting"), "invasiveness": 0,
         "side_effect_burden": 0, "category": "Observation"},
    ]  # fmt: skip
    return load_table(csv_bytes(rows))


@pytest.fixture(scope="module")
def aims_outcomes() -> pd.DataFrame:
    return outcomes_of([
        trial("warm", "pain", "favours", evidence_from="other condition", certainty="low"),
        trial("drip", "disease", "favours", 2),
        trial("tabs", "disease", "no difference", 3),
        trial("tabs", "pain", "favours", 4),
        trial("mixed", "disease", "favours", 5),
        trial("mixed", "disease", "no difference", 6),
        no_data_row("unknown", aim="disease"),
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("aims", "expected_order"),
    [
        # Keep my joint: the favoured drip first however costly, then disagreement, then no
        # evidence, then what is not aimed at it, then the trial that found no benefit.
        (("disease",), ["Drip", "Mixed", "Untested", "Warm packs", "Tablets", "Watchful waiting"]),
        # Ease pain: the tablets a trial in AVN favours, then warm packs (only other
        # conditions), then those not aimed at pain, cheaper first; watchful waiting last.
        (("pain",), ["Tablets", "Warm packs", "Untested", "Mixed", "Drip", "Watchful waiting"]),
    ],
)  # fmt: skip
def test_evidence_for_the_chosen_aim_comes_before_any_cost(
    aims_table, aims_outcomes, aims, expected_order
):
    assert list(ranked(aims_table, Weights(), aims, aims_outcomes)["name"]) == expected_order


def test_with_no_aim_chosen_a_row_is_ranked_by_its_own_best_evidence(aims_table, aims_outcomes):
    order = list(ranked(aims_table, Weights(), (), aims_outcomes)["name"])
    assert order.index("Drip") < order.index("Mixed") < order.index("Untested")
    assert order[-1] == "Watchful waiting"


def test_several_aims_favoured_rank_above_one():
    table = load_table(
        csv_bytes([aimed("both", "Both", "pain", "disease"),
                   {**aimed("one", "One", "pain"), "invasiveness": 0}])
    )  # fmt: skip
    outcomes = outcomes_of([trial("both", "pain", "favours", 1), trial("both", "disease", "favours", 2),
                            trial("one", "pain", "favours", 3)])  # fmt: skip
    assert list(ranked(table, Weights(), ("pain", "disease"), outcomes)["name"]) == ["Both", "One"]


STUDY_KINDS = st.tuples(
    st.sampled_from(["favours", "no difference", "favours comparator", "uncontrolled"]),
    st.sampled_from(["RCT", "cohort", "case series", "meta-analysis"]),
    st.sampled_from(["inactive", "active", "add-on", "none"]),
)


@given(
    studies=st.lists(st.lists(STUDY_KINDS, max_size=3), min_size=1, max_size=8),
    invasiveness=st.lists(st.integers(0, 4), min_size=8, max_size=8),
    weights=st.tuples(*[st.integers(0, 5)] * 4),
)
def test_no_row_without_favouring_evidence_ever_ranks_above_one_with_it(
    studies, invasiveness, weights
):
    table = load_table(csv_bytes([
        {**aimed(f"t{i}", f"T{i}", "disease"), "invasiveness": invasiveness[i]}
        for i in range(len(studies))
    ]))  # fmt: skip
    rows = [
        trial(f"t{i}", "disease", direction, 10 * i + j, design=design, comparison=comparison)
        for i, kinds in enumerate(studies)
        for j, (direction, design, comparison) in enumerate(kinds)
        if not (comparison == "none") ^ (direction == "uncontrolled")
    ]
    outcomes = outcomes_of(rows) if rows else outcomes_of([no_data_row("t0", aim="disease")])
    order = ranked(table, Weights(*weights), ("disease",), outcomes)
    ranks = list(order["benefit_rank"])
    assert ranks == sorted(ranks)
    favoured = order["benefit_group"].eq("Evidence favours it").tolist()
    assert favoured == sorted(favoured, reverse=True)


def test_benefit_words_name_each_aim_and_what_its_evidence_says(aims_table, aims_outcomes):
    def words(aims):
        rows = benefit_columns(aims_table, aims, aims_outcomes)
        return dict(zip(aims_table["treatment_id"], rows["benefit_for_you"], strict=True))

    chosen = words(("disease",))
    assert chosen["drip"] == "Keeping the joint (slowing the disease): evidence favours it"
    assert chosen["warm"] == "Keeping the joint (slowing the disease): not aimed at this"
    own = words(())
    assert (
        own["tabs"]
        == "Easing pain: evidence favours it · Keeping the joint (slowing the disease): best trials found no benefit"
    )
    assert own["warm"] == "Easing pain: helps in other conditions, not yet studied in avn"
    assert own["watchful-waiting"] == "Not aimed at any benefit: the natural course"


def test_an_unknown_burden_or_course_counts_as_the_middle_neither_free_nor_the_worst(aims_table):
    cost = costs(aims_table).set_index(aims_table["treatment_id"])
    assert cost.loc["warm", "side_effect_burden"] == 2
    unknown_course = load_table(csv_bytes([make_row(duration_weeks_min="", duration_weeks_max="")]))
    assert costs(unknown_course)["time_cost"].iloc[0] == 2


def test_the_certainty_for_the_chosen_aim_replaces_the_overall_one(small_table):
    sure_for_pain = small_table["evidence_certainty"].where(
        small_table["treatment_id"].ne("pills"), "high"
    )
    gaps = costs(small_table, sure_for_pain).set_index(small_table["treatment_id"])["evidence_gap"]
    assert gaps["pills"] == 0
    assert gaps["shots"] == 3  # very low, its own certainty, untouched


@pytest.mark.parametrize(
    ("weeks_min", "weeks_max", "points"),
    [(0, 0, 0.0), (1, 1, 0.5), (3, 3, 1.0), (15, 15, 2.0), (63, 63, 3.0), (255, 255, 4.0), (1000, 1000, 4.0)],
)  # fmt: skip
def test_time_points_grow_by_half_a_point_per_doubling(weeks_min, weeks_max, points):
    assert time_cost(pd.Series([float(weeks_min)]), pd.Series([float(weeks_max)])).iloc[0] == points


def test_fit_runs_from_0_to_100():
    worst = pd.DataFrame({name: [4.0] for name in COST_COLUMNS})
    best = pd.DataFrame({name: [0.0] for name in COST_COLUMNS})
    assert fit_score(worst, Weights()).iloc[0] == 0 and fit_score(best, Weights()).iloc[0] == 100


def test_minding_nothing_ties_everything(small_table):
    assert set(fit_score(costs(small_table), Weights(0, 0, 0, 0))) == {100.0}


def test_the_explanation_shows_the_persons_own_aims_and_weights():
    text = explain(Weights(5, 0, 1, 3), ("pain",))
    assert "5 × invasiveness + 0 × side effects + 1 × time + 3 × weak evidence" in text
    assert "÷ 36" in text
    assert "say about easing pain, in this order of groups: Evidence favours it;" in text


def test_a_dominated_treatment_is_never_in_the_pareto_set(small_table):
    rows = ranked(FilterSpec(surgical=True).apply(small_table), Weights())
    best = dict(zip(rows["treatment_id"], rows["not_beaten"], strict=True))
    # Crutches beat pills on every count: less invasive, lighter, shorter, same evidence.
    assert not best["pills"]
    assert best["walk"] and best["wait"] and best["shots"] and best["drill"]


def test_doing_nothing_cannot_beat_a_treatment_the_evidence_favours(aims_table, aims_outcomes):
    rows = ranked(aims_table, Weights(), ("disease",), aims_outcomes).set_index("treatment_id")
    assert rows.loc["drip", "not_beaten"]
    assert not rows.loc["watchful-waiting", "not_beaten"]
    # Untested costs less than Drip on every count, yet the evidence keeps Drip unbeaten.
    assert rows.loc["unknown", "invasiveness"] < rows.loc["drip", "invasiveness"]


count_rows = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4), st.integers(0, 4),
              st.floats(0, 4, allow_nan=False)),
    min_size=1, max_size=25,
)  # fmt: skip


@given(values=count_rows)
def test_the_pareto_set_is_never_empty_and_holds_no_dominated_row(values):
    counts = pd.DataFrame(values, columns=[*WHOLE_COUNTS, "time_cost"], dtype=float)
    keep = pareto_mask(counts)
    assert keep.any()
    matrix = counts.to_numpy()
    for index, row in enumerate(matrix):
        dominated = ((matrix <= row).all(axis=1) & (matrix < row).any(axis=1)).any()
        assert keep.iloc[index] == (not dominated)


def test_benefit_columns_count_the_aims_the_evidence_favours(aims_table, aims_outcomes):
    ranks = benefit_columns(aims_table, ("pain", "disease"), aims_outcomes)
    ranks = ranks.set_index(aims_table["treatment_id"])
    assert ranks.loc["tabs", "benefit_rank"] == 0 and ranks.loc["tabs", "aims_favoured"] == 1
    assert ranks.loc["mixed", "benefit_rank"] == 1


def test_an_empty_view_has_no_benefit_words(aims_table, aims_outcomes):
    assert benefit_columns(aims_table.iloc[0:0], ("pain",), aims_outcomes).empty


def test_a_table_with_no_study_rows_is_ranked_by_costs_and_says_so(aims_table):
    elsewhere = outcomes_of([trial("another-treatment", "disease", "favours")])
    rows = ranked(aims_table, Weights(1, 0, 0, 0), ("disease",), elsewhere)
    assert set(rows.loc[~rows["is_baseline"], "benefit_group"]) == {COSTS_ONLY_GROUP}
    assert list(rows["invasiveness"].iloc[:-1]) == sorted(rows["invasiveness"].iloc[:-1])
