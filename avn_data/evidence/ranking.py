"""Rank by what a person wants from treatment first, then by how little it costs them.

Benefit comes first on purpose: a ranking of costs alone always puts doing less on top. The
verdict for the person's aims (avn_data.verdict, computed from the study rows that apply to
them) sorts treatments into groups; only within a group do the weighted costs order them, and
the Pareto set ("not beaten") counts the benefit group as one more count.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from avn_data.evidence.verdict import ANYONE, FAVOURS, NOT_AIMED, Person, Verdict, per_row
from avn_data.tables import columns as col

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
    "weak-evidence points = 4 − how sure we are (none 4 … high 0), where how sure we are is the "
    "certainty of the studies that set its group for the aims you chose"
)
# An unknown is neither free (0, which would hide it) nor the worst (4, which would punish the
# treatment for nobody having measured it): it counts as the middle of its scale, and is said.
UNKNOWN_POINTS = 2.0
UNKNOWN_EXPLAINED = (
    "an unknown side-effect burden or course counts as 2, the middle of its scale (neither "
    "free nor the worst), and the list says 'harms not measured' or 'course not known' beside it"
)
MAX_WEIGHT = 5
WEIGHT_PATTERN = re.compile(r"\s*[0-9]\s*")

# With no study rows (a table of one's own whose ids match none), all rows share one group.
COSTS_ONLY_GROUP = "Ranked by costs only: no study rows for this table"
COSTS_ONLY_WHY = "This table's treatments match no study rows, so the list is ranked by costs only"
BASELINE_ID = col.BASELINE_ID
BASELINE_GROUP = "Doing nothing: the natural course"
AIM_SHORT = {
    "pain": "easing pain",
    "function": "keeping moving",
    "disease": "keeping the joint (slowing the disease)",
    "prevention": "preventing AVN",
}
# Whole-number counts of the Pareto comparison; time is compared as a real number.
WHOLE_COUNTS = ("benefit_rank", "invasiveness", "side_effect_burden", "evidence_gap")
# Above every count's largest value (benefit groups run 0 to len(GROUPS) - 1).
CELL_BASE = 16


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

    An unknown course counts as the middle of the scale (UNKNOWN_POINTS).
    """
    typical = (weeks_min.astype(float) + weeks_max.astype(float)) / 2
    # numpy's stubs type a ufunc of a Series as an array; pandas returns a Series.
    points = (cast(pd.Series, np.log2(1 + typical)) / 2).clip(upper=col.SCORE_MAX).round(2)
    return points.fillna(UNKNOWN_POINTS)


def costs(table: pd.DataFrame, certainty: pd.Series | None = None) -> pd.DataFrame:
    """The four 0–4 costs of each row, indexed like the table; an unknown counts as the middle.

    `certainty` (per row) is how sure the evidence for the person's aims lets us be; without
    it, the table's own `evidence_certainty` (a table with no study rows), else 'none'.
    """
    if certainty is None:
        certainty = (
            table["evidence_certainty"]
            if "evidence_certainty" in table
            else pd.Series("none", index=table.index)
        )
    # Looked up as an index, in one pass: Series.map on text goes cell by cell in Python.
    found = pd.Index(col.EVIDENCE_LEVELS).get_indexer(pd.Index(certainty))
    rank = pd.Series(found, index=certainty.index, dtype=float).where(found >= 0)
    return pd.DataFrame(
        {
            "invasiveness": table["invasiveness"].astype(float),
            "side_effect_burden": table["side_effect_burden"].astype(float).fillna(UNKNOWN_POINTS),
            "time_cost": time_cost(table["duration_weeks_min"], table["duration_weeks_max"]),
            "evidence_gap": (len(col.EVIDENCE_LEVELS) - 1 - rank.astype(float)).fillna(4.0),
        },
        index=table.index,
    )


def shown_costs(rows: pd.DataFrame) -> pd.DataFrame:
    """The four costs of ranked rows as the ranking counted them (an unknown burden as the
    middle of the scale), so that every chart shows the numbers the order came from."""
    return rows[list(COST_COLUMNS)].astype(float).fillna(UNKNOWN_POINTS)


def rescored(rows: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """Ranked rows with weak-evidence points and fit worked out again from their certainty,
    after a certainty was set outside the ranking (the natural course's own)."""
    cost = costs(rows, rows["verdict_certainty"])
    return rows.assign(evidence_gap=cost["evidence_gap"], fit=fit_score(cost, weights))


def fit_score(cost: pd.DataFrame, weights: Weights) -> pd.Series:
    """100 = costs nothing you mind; 0 = the worst on everything you mind."""
    if weights.total() == 0:
        return pd.Series(100.0, index=cost.index)
    weighted: pd.Series = sum(cost[name] * getattr(weights, name) for name in COST_COLUMNS)
    return (100 * (1 - weighted / (col.SCORE_MAX * weights.total()))).round(1)


def _summary(verdicts: tuple[Verdict, ...], aims: Sequence[str]) -> tuple[object, ...]:
    """One row's benefit columns from its verdict per aim (the chosen aims, else all)."""
    wanted = tuple(aims) or col.AIMS
    by_aim = dict(zip(wanted, verdicts, strict=True))
    best = min(verdicts, key=lambda verdict: verdict.rank)
    shown = [aim for aim in wanted if aims or by_aim[aim].group != NOT_AIMED]
    if len(shown) > 1:
        why = " · ".join(f"{AIM_SHORT[aim].capitalize()}: {by_aim[aim].why}" for aim in shown)
    else:
        why = best.why
    words = " · ".join(
        f"{AIM_SHORT[aim].capitalize()}: {by_aim[aim].words.lower()}" for aim in shown
    )
    return (
        best.rank,
        sum(verdict.group == FAVOURS for verdict in verdicts),
        best.words,
        best.certainty,
        why,
        words or "Not aimed at any benefit: the natural course",
    )


BENEFIT_COLUMNS = (
    "benefit_rank",
    "aims_favoured",
    "benefit_group",
    "verdict_certainty",
    "evidence_why",
    "benefit_for_you",
)


def benefit_columns(
    table: pd.DataFrame,
    aims: Sequence[str],
    outcomes: pd.DataFrame | None,
    person: Person = ANYONE,
) -> pd.DataFrame:
    """Per row: benefit rank and group, how many chosen aims the evidence favours, the
    certainty for the aim that set the group, the why-line and the words for each aim.

    Computed from the outcome rows that apply to the person (avn_data.verdict); a table none of
    whose treatments has a study row is ranked by costs only, and every row says so.
    """
    if outcomes is None or not table["treatment_id"].isin(outcomes["treatment_id"]).any():
        certainty = table.get("evidence_certainty", pd.Series("none", index=table.index))
        return pd.DataFrame(
            {
                "benefit_rank": 0,
                "aims_favoured": 0,
                "benefit_group": COSTS_ONLY_GROUP,
                "verdict_certainty": certainty,
                "evidence_why": COSTS_ONLY_WHY,
                "benefit_for_you": COSTS_ONLY_WHY,
            },
            index=table.index,
        )
    verdicts = per_row(table, outcomes, aims, person)
    summaries = {key: _summary(key, aims) for key in dict.fromkeys(verdicts)}
    return pd.DataFrame(
        [summaries[key] for key in verdicts], columns=list(BENEFIT_COLUMNS), index=table.index
    )


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


def ranked(
    table: pd.DataFrame,
    weights: Weights,
    aims: Sequence[str] = (),
    outcomes: pd.DataFrame | None = None,
    person: Person = ANYONE,
) -> pd.DataFrame:
    """The table with its costs, verdict, `fit` and `not_beaten`, best first.

    Order: benefit group (avn_data.verdict.GROUPS), then how many chosen aims the evidence
    favours, then fit, then name; the natural course (watchful waiting) closes the list.
    """
    benefit = benefit_columns(table, aims, outcomes, person)
    cost = costs(table, benefit["verdict_certainty"])
    baseline = table["treatment_id"].eq(BASELINE_ID) if "treatment_id" in table else False
    counts = cost.assign(benefit_rank=benefit["benefit_rank"])
    scored = table.assign(
        time_cost=cost["time_cost"],
        evidence_gap=cost["evidence_gap"],
        **{name: benefit[name] for name in BENEFIT_COLUMNS},
        is_baseline=baseline,
        fit=fit_score(cost, weights),
        not_beaten=pareto_mask(counts) & ~baseline,
    )
    scored["benefit_group"] = scored["benefit_group"].where(~scored["is_baseline"], BASELINE_GROUP)
    return scored.sort_values(
        ["is_baseline", "benefit_rank", "aims_favoured", "fit", "name"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
