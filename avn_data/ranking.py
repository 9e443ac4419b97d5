"""Rank by what a person wants from treatment first, then by how little it costs them.

Benefit comes first on purpose: a ranking of costs alone always puts doing less on top. The
evidence for the person's aims sorts treatments into groups (favours, conflicting, no
difference, no evidence yet, not aimed at it); only within a group do the weighted costs order
them, and the Pareto set ("not beaten") counts the benefit group as one more count.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from avn_data import columns as col
from avn_data.wording import by_distinct, said_once

# The four costs, each on 0–4 where 0 is best, so weights compare like with like.
COST_COLUMNS = ("invasiveness", "side_effect_burden", "time_cost", "evidence_gap")
COST_LABELS = {
    "invasiveness": "Invasiveness",
    "side_effect_burden": "Side effects",
    "time_cost": "Time",
    "evidence_gap": "Weak evidence",
}
TIME_COST_EXPLAINED = "time points = log₂(1 + typical weeks) ÷ 2, at most 4"
EVIDENCE_GAP_EXPLAINED = (
    "weak-evidence points = 4 − how sure we are (none 4 … high 0): for the aims you chose, how "
    "sure the studies that favour it for those aims let us be, else its certainty in AVN"
)
UNKNOWN_EXPLAINED = "an unknown side-effect burden or course counts as the worst (4), never as 0"
MAX_WEIGHT = 5
WEIGHT_PATTERN = re.compile(r"\s*[0-9]\s*")

# Benefit groups, best first: how the evidence speaks to the aims the person chose. Evidence
# from other conditions shares the first group; how sure it lets us be is a cost (below).
NOT_AIMED = "not aimed"
BENEFIT_RANK = {
    "favours": 0,
    "indirect": 0,
    "conflicting": 1,
    "no difference": 2,
    "missing": 3,
    NOT_AIMED: 4,
}
BASELINE_ID = col.BASELINE_ID
GROUP_WORDS = {
    0: "Evidence favours it",
    1: "Studies disagree",
    2: "Best trials found no difference",
    3: "No evidence yet that it helps",
    4: "Not aimed at this",
}
BASELINE_GROUP = "Doing nothing: the natural course"
DIRECTION_WORDS = {
    "favours": "evidence favours it",
    "indirect": "helps in other conditions, not yet studied in AVN",
    "conflicting": "studies disagree",
    "no difference": "best trials found no difference",
    "missing": "no evidence yet",
}
AIM_SHORT = {
    "pain": "easing pain",
    "function": "keeping moving",
    "disease": "keeping the joint (slowing the disease)",
    "prevention": "preventing AVN",
}
# Whole-number counts of the Pareto comparison; time is compared as a real number.
WHOLE_COUNTS = ("benefit_rank", "invasiveness", "side_effect_burden", "evidence_gap")
CELL_BASE = 8


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
    """0–4 points for course length; each doubling of the weeks costs about half a point.

    An unknown course counts as the worst: not knowing is no reason to rank it higher.
    """
    typical = (weeks_min.astype(float) + weeks_max.astype(float)) / 2
    points = (np.log2(1 + typical) / 2).clip(upper=col.SCORE_MAX).round(2)
    return points.fillna(float(col.SCORE_MAX))


def costs(table: pd.DataFrame, aim_certainty: pd.Series | None = None) -> pd.DataFrame:
    """The four 0–4 costs of each row, indexed like the table; unknown burden counts as 4.

    `aim_certainty` (by treatment id) is how sure the evidence for the person's aims lets us
    be; where a row has it, it stands in for the row's overall certainty in AVN.
    """
    certainty = table["evidence_certainty"]
    if aim_certainty is not None and "treatment_id" in table:
        certainty = table["treatment_id"].map(aim_certainty).fillna(certainty)
    rank = certainty.map({word: index for index, word in enumerate(col.EVIDENCE_LEVELS)})
    rank = rank.astype(float)
    return pd.DataFrame(
        {
            "invasiveness": table["invasiveness"].astype(float),
            "side_effect_burden": table["side_effect_burden"]
            .astype(float)
            .fillna(float(col.SCORE_MAX)),
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


def direction_for(table: pd.DataFrame, aim: str) -> pd.Series:
    """How the evidence speaks to `aim` for each row: a direction word, or 'not aimed'."""
    column = f"direction_{aim}"
    if column not in table.columns:
        return pd.Series("missing", index=table.index, dtype=object)
    return table[column].replace("", NOT_AIMED).fillna(NOT_AIMED)


def benefit_ranks(table: pd.DataFrame, aims: Sequence[str]) -> pd.DataFrame:
    """Per row: the best benefit rank over the aims (0 = evidence favours it) and how many of
    the aims the evidence favours. With no aims chosen, a row's own aims count."""
    wanted = list(aims) or list(col.AIMS)
    ranks = pd.DataFrame(
        {
            aim: by_distinct(
                direction_for(table, aim), lambda words: words.map(BENEFIT_RANK)
            ).fillna(3)
            for aim in wanted
        },
        index=table.index,
    )
    return pd.DataFrame(
        {
            "benefit_rank": ranks.min(axis=1).astype(int),
            "aims_favoured": ranks.eq(0).sum(axis=1).astype(int),
        },
        index=table.index,
    )


def aims_phrase(aims: Sequence[str]) -> str:
    """'easing pain or keeping moving'; no aim chosen reads 'what it aims at'."""
    return " or ".join(AIM_SHORT[aim] for aim in aims) if aims else "what it aims at"


def _benefit_words(directions: tuple[str, ...], aims: Sequence[str]) -> str:
    """The words for one row's directions (one per aim of col.AIMS, or NOT_AIMED)."""
    by_aim = dict(zip(col.AIMS, directions, strict=True))
    shown = aims or [aim for aim in col.AIMS if by_aim[aim] != NOT_AIMED]
    parts = [
        f"{AIM_SHORT[aim].capitalize()}: {DIRECTION_WORDS.get(by_aim[aim], 'not aimed at this')}"
        for aim in shown
    ]
    return " · ".join(parts) or "Not aimed at any benefit: the natural course"


def benefit_texts(table: pd.DataFrame, aims: Sequence[str]) -> pd.Series:
    """Per row, what the evidence says for each aim that counts ('Easing pain: evidence
    favours it · …'): the person's aims, or the row's own aims when none is chosen."""
    if table.empty:
        return pd.Series(dtype=object, index=table.index)
    directions = [direction_for(table, aim).astype(object) for aim in col.AIMS]
    words = said_once(lambda *pattern: _benefit_words(pattern, aims), *directions)
    return pd.Series(words, index=table.index, dtype=object)


def pareto_mask(counts: pd.DataFrame) -> pd.Series:
    """True for rows no other row beats: none as good on every count and better on one.

    The whole-number counts (benefit group and three 0–4 costs) put rows into at most 8⁴ cells;
    within a cell only the shortest time can survive. Comparing cells instead of rows keeps
    this linear in the number of rows.
    """
    if counts.empty:
        return pd.Series(dtype=bool, index=counts.index)
    cells = counts[list(WHOLE_COUNTS)].round().astype(int).to_numpy()
    weights = CELL_BASE ** np.arange(len(WHOLE_COUNTS))[::-1]
    key = cells @ weights
    fastest = counts["time_cost"].groupby(key).min()
    scores = fastest.index.to_numpy()[:, None] // weights % CELL_BASE
    times = fastest.to_numpy()
    # For each cell: the fastest time among cells no worse on every count, split by whether
    # the other cell is the same (must be strictly faster to win) or strictly better somewhere.
    no_worse = (scores[None, :, :] <= scores[:, None, :]).all(axis=2)
    same = np.eye(len(scores), dtype=bool)
    best_elsewhere = np.where(no_worse & ~same, times[None, :], np.inf).min(axis=1)
    own_best = fastest.reindex(key).to_numpy()
    other_best = pd.Series(best_elsewhere, index=fastest.index).reindex(key).to_numpy()
    time = counts["time_cost"].to_numpy()
    beaten = (time > own_best) | (time >= other_best)
    return pd.Series(~beaten, index=counts.index)


def group_label(rank: int, is_baseline: bool = False) -> str:
    """The words for a benefit group; the sentence above the list names the aims."""
    return BASELINE_GROUP if is_baseline else GROUP_WORDS[rank]


def ranked(
    table: pd.DataFrame,
    weights: Weights,
    aims: Sequence[str] = (),
    aim_certainty: pd.Series | None = None,
) -> pd.DataFrame:
    """The table with its costs, benefit group, `fit` and `not_beaten`, best first.

    Order: benefit group (favours first), then how many chosen aims the evidence favours, then
    fit, then name; the natural course (watchful waiting) closes the list as the baseline.
    """
    cost = costs(table, aim_certainty)
    benefit = benefit_ranks(table, aims)
    baseline = table["treatment_id"].eq(BASELINE_ID) if "treatment_id" in table else False
    counts = cost.assign(benefit_rank=benefit["benefit_rank"])
    scored = table.assign(
        time_cost=cost["time_cost"],
        evidence_gap=cost["evidence_gap"],
        benefit_rank=benefit["benefit_rank"],
        aims_favoured=benefit["aims_favoured"],
        is_baseline=baseline,
        fit=fit_score(cost, weights),
        not_beaten=pareto_mask(counts) & ~baseline,
    )
    return scored.sort_values(
        ["is_baseline", "benefit_rank", "aims_favoured", "fit", "name"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )


def explain(weights: Weights, aims: Sequence[str] = ()) -> str:
    """How the list is ranked, with the person's own aims and weights filled in."""
    terms = " + ".join(
        f"{getattr(weights, name)} × {COST_LABELS[name].lower()}" for name in COST_COLUMNS
    )
    most = col.SCORE_MAX * weights.total()
    return (
        f"First by what the evidence says about {aims_phrase(aims)}: treatments it favours "
        "(in AVN, or in other conditions where AVN has no study yet), then those where studies "
        "disagree, then those whose best trials found no difference, then those with no "
        "evidence yet, then those not aimed at it; watchful waiting closes "
        f"the list as the baseline. Within each group, by fit = 100 × (1 − ({terms}) ÷ {most}). "
        f"Each cost runs 0 (best) to 4: invasiveness and side effects are the table's scores; "
        f"{TIME_COST_EXPLAINED}; {EVIDENCE_GAP_EXPLAINED}; {UNKNOWN_EXPLAINED}. "
        "Higher fit means less of what you mind."
    )
