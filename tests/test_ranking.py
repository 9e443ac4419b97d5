"""What matters to me: known weights give a known order; the Pareto set is honest."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data.filters import FilterSpec
from avn_data.ranking import (
    COST_COLUMNS,
    Weights,
    costs,
    explain,
    fit_score,
    pareto_mask,
    ranked,
    time_cost,
)


@pytest.mark.parametrize(
    ("weights", "expected_order"),
    [
        # Minding only invasiveness: nothing-enters-the-body first, surgery last; ties by name.
        (Weights(1, 0, 0, 0), ["Crutches", "Watchful waiting", "Pills", "Core decompression", "Shots", "Hip replacement"]),
        # Minding only side effects.
        (Weights(0, 1, 0, 0), ["Crutches", "Watchful waiting", "Shots", "Pills", "Core decompression", "Hip replacement"]),
        # Minding only weak evidence: moderate first, then low, then very low.
        (Weights(0, 0, 0, 1), ["Hip replacement", "Watchful waiting", "Core decompression", "Crutches", "Pills", "Shots"]),
        # Minding only time: shortest typical course first.
        (Weights(0, 0, 1, 0), ["Shots", "Core decompression", "Crutches", "Hip replacement", "Watchful waiting", "Pills"]),
    ],
)  # fmt: skip
def test_a_known_weighting_gives_a_known_order(small_table, weights, expected_order):
    assert list(ranked(small_table, weights)["name"]) == expected_order


@pytest.mark.parametrize(
    ("weeks_min", "weeks_max", "points"),
    [
        (0, 0, 0.0),
        (1, 1, 0.5),
        (3, 3, 1.0),
        (15, 15, 2.0),
        (63, 63, 3.0),
        (255, 255, 4.0),
        (1000, 1000, 4.0),
    ],
)
def test_time_points_grow_by_half_a_point_per_doubling(weeks_min, weeks_max, points):
    assert time_cost(pd.Series([float(weeks_min)]), pd.Series([float(weeks_max)])).iloc[0] == points


def test_fit_runs_from_0_to_100(small_table):
    cost = costs(small_table)
    fits = fit_score(cost, Weights())
    assert fits.between(0, 100).all()
    worst = pd.DataFrame({name: [4.0] for name in COST_COLUMNS})
    best = pd.DataFrame({name: [0.0] for name in COST_COLUMNS})
    assert fit_score(worst, Weights()).iloc[0] == 0 and fit_score(best, Weights()).iloc[0] == 100


def test_minding_nothing_ties_everything(small_table):
    assert set(fit_score(costs(small_table), Weights(0, 0, 0, 0))) == {100.0}


def test_the_explanation_shows_the_persons_own_weights():
    text = explain(Weights(5, 0, 1, 3))
    assert "5 × invasiveness + 0 × side effects + 1 × time + 3 × weak evidence" in text
    assert "÷ 36" in text


def test_a_dominated_treatment_is_never_in_the_pareto_set(small_table):
    rows = ranked(FilterSpec(surgical=True).apply(small_table), Weights())
    best = dict(zip(rows["treatment_id"], rows["not_beaten"], strict=True))
    # Crutches beat pills on every count: less invasive, lighter, shorter, same evidence.
    assert not best["pills"]
    assert best["walk"] and best["wait"] and best["shots"] and best["drill"]


cost_rows = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.floats(0, 4, allow_nan=False), st.integers(0, 4)),
    min_size=1, max_size=25,
)  # fmt: skip


@given(values=cost_rows)
def test_the_pareto_set_is_never_empty_and_holds_no_dominated_row(values):
    cost = pd.DataFrame(values, columns=list(COST_COLUMNS), dtype=float)
    keep = pareto_mask(cost)
    assert keep.any()
    matrix = cost.to_numpy()
    for index, row in enumerate(matrix):
        dominated = ((matrix <= row).all(axis=1) & (matrix < row).any(axis=1)).any()
        assert keep.iloc[index] == (not dominated)
