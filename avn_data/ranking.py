"""What matters to me: a transparent weighted score, and the treatments nothing beats outright."""

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from avn_data import columns as col

# The four costs, each on 0–4 where 0 is best, so weights compare like with like.
COST_COLUMNS = ("invasiveness", "side_effect_burden", "time_cost", "evidence_gap")
COST_LABELS = {
    "invasiveness": "Invasiveness",
    "side_effect_burden": "Side effects",
    "time_cost": "Time",
    "evidence_gap": "Weak evidence",
}
TIME_COST_EXPLAINED = "time points = log₂(1 + typical weeks) ÷ 2, at most 4"
EVIDENCE_GAP_EXPLAINED = "weak-evidence points = 4 − certainty (none 4 … high 0)"
MAX_WEIGHT = 5
WEIGHT_PATTERN = re.compile(r"\s*[0-9]\s*")
WHOLE_COSTS = ("invasiveness", "side_effect_burden", "evidence_gap")
CELL_BASE = 8
CELL_WEIGHTS = np.array([CELL_BASE**2, CELL_BASE, 1])


@dataclass(frozen=True)
class Weights:
    """How much a person minds each cost, 0 (not at all) to 5 (very much)."""

    invasiveness: int = 2
    side_effect_burden: int = 2
    time_cost: int = 2
    evidence_gap: int = 2

    def total(self) -> int:
        return self.invasiveness + self.side_effect_burden + self.time_cost + self.evidence_gap


def parse_weight(text: str) -> int:
    """How much a cost matters, 0 to 5; the URL and the CLI read weights with this."""
    if not WEIGHT_PATTERN.fullmatch(text) or int(text) > MAX_WEIGHT:
        raise ValueError(f"must be a whole number from 0 to {MAX_WEIGHT}")
    return int(text)


def time_cost(weeks_min: pd.Series, weeks_max: pd.Series) -> pd.Series:
    """0–4 points for course length; each doubling of the weeks costs about half a point."""
    typical = (weeks_min + weeks_max) / 2
    return (np.log2(1 + typical) / 2).clip(upper=col.SCORE_MAX).round(2)


def costs(table: pd.DataFrame) -> pd.DataFrame:
    """The four 0–4 costs of each row, indexed like the table."""
    rank = (
        table["evidence_certainty"]
        .map({word: index for index, word in enumerate(col.EVIDENCE_LEVELS)})
        .astype(float)
    )
    return pd.DataFrame(
        {
            "invasiveness": table["invasiveness"].astype(float),
            "side_effect_burden": table["side_effect_burden"].astype(float),
            "time_cost": time_cost(table["duration_weeks_min"], table["duration_weeks_max"]),
            "evidence_gap": (len(col.EVIDENCE_LEVELS) - 1 - rank).astype(float),
        },
        index=table.index,
    )


def fit_score(cost: pd.DataFrame, weights: Weights) -> pd.Series:
    """100 = costs nothing you mind; 0 = the worst on everything you mind."""
    if weights.total() == 0:
        return pd.Series(100.0, index=cost.index)
    weighted = sum(cost[name] * getattr(weights, name) for name in COST_COLUMNS)
    return (100 * (1 - weighted / (col.SCORE_MAX * weights.total()))).round(1)


def pareto_mask(cost: pd.DataFrame) -> pd.Series:
    """True for rows no other row beats: no other is as good on every cost and better on one.

    Three costs are whole scores 0–4, so rows fall into at most 125 score cells; within a cell
    only the shortest time can survive. Comparing cells instead of rows keeps this linear in
    the number of rows.
    """
    if cost.empty:
        return pd.Series(dtype=bool, index=cost.index)
    cells = cost[list(WHOLE_COSTS)].round().astype(int)
    key = cells.to_numpy() @ CELL_WEIGHTS
    fastest = cost["time_cost"].groupby(key).min()
    scores = fastest.index.to_numpy()[:, None] // CELL_WEIGHTS % CELL_BASE
    times = fastest.to_numpy()
    # For each cell: the fastest time among cells no worse on every score, split by whether
    # the other cell is the same (must be strictly faster to win) or strictly better somewhere.
    no_worse = (scores[None, :, :] <= scores[:, None, :]).all(axis=2)
    same = np.eye(len(scores), dtype=bool)
    best_elsewhere = np.where(no_worse & ~same, times[None, :], np.inf).min(axis=1)
    own_best = fastest.reindex(key).to_numpy()
    other_best = pd.Series(best_elsewhere, index=fastest.index).reindex(key).to_numpy()
    time = cost["time_cost"].to_numpy()
    beaten = (time > own_best) | (time >= other_best)
    return pd.Series(~beaten, index=cost.index)


def ranked(table: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """The table with its costs, `fit` and `not_beaten`, best fit first (ties by name)."""
    cost = costs(table)
    scored = table.assign(
        time_cost=cost["time_cost"],
        evidence_gap=cost["evidence_gap"],
        fit=fit_score(cost, weights),
        not_beaten=pareto_mask(cost),
    )
    return scored.sort_values(["fit", "name"], ascending=[False, True], kind="stable")


def explain(weights: Weights) -> str:
    """How the fit score is computed, with the person's own weights filled in."""
    terms = " + ".join(
        f"{getattr(weights, name)} × {COST_LABELS[name].lower()}" for name in COST_COLUMNS
    )
    most = col.SCORE_MAX * weights.total()
    return (
        f"Fit = 100 × (1 − ({terms}) ÷ {most}). Each cost runs 0 (best) to 4: invasiveness "
        f"and side effects are the table's scores; {TIME_COST_EXPLAINED}; "
        f"{EVIDENCE_GAP_EXPLAINED}. Higher fit means less of what you mind."
    )
