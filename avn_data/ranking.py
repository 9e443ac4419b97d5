"""What matters to me: a transparent weighted score, and the treatments nothing beats outright."""

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


@dataclass(frozen=True)
class Weights:
    """How much a person minds each cost, 0 (not at all) to 5 (very much)."""

    invasiveness: int = 2
    side_effect_burden: int = 2
    time_cost: int = 2
    evidence_gap: int = 2

    def total(self) -> int:
        return self.invasiveness + self.side_effect_burden + self.time_cost + self.evidence_gap


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
    """True for rows no other row beats: no other is as good on every cost and better on one."""
    # Rows with identical costs share one verdict, so compare each distinct vector once.
    distinct, which = np.unique(cost[list(COST_COLUMNS)].to_numpy(), axis=0, return_inverse=True)
    keep = np.ones(len(distinct), dtype=bool)
    for index, row in enumerate(distinct):
        beaten_by = (distinct <= row).all(axis=1) & (distinct < row).any(axis=1)
        keep[index] = not beaten_by.any()
    return pd.Series(keep[which.ravel()], index=cost.index)


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
