"""How the list is ranked, in words: the person's aims and weights filled in."""

from collections.abc import Sequence

from avn_data.evidence.ranking import (
    AIM_SHORT,
    COST_COLUMNS,
    COST_LABELS,
    EVIDENCE_GAP_EXPLAINED,
    TIME_COST_EXPLAINED,
    UNKNOWN_EXPLAINED,
    Weights,
)
from avn_data.evidence.verdict import GROUPS
from avn_data.tables import columns as col


def aims_phrase(aims: Sequence[str]) -> str:
    """'easing pain or keeping moving'; no aim chosen reads 'what it aims at'."""
    return " or ".join(AIM_SHORT[aim] for aim in aims) if aims else "what it aims at"


def explain(weights: Weights, aims: Sequence[str] = ()) -> str:
    """How the list is ranked, with the person's own aims and weights filled in."""
    terms = " + ".join(
        f"{getattr(weights, name)} × {COST_LABELS[name].lower()}" for name in COST_COLUMNS
    )
    most = col.SCORE_MAX * weights.total()
    return (
        f"First by what the studies that apply to you (your joint, stage and cause) say about "
        f"{aims_phrase(aims)}, in this order of groups: "
        + "; ".join(words for _, words in GROUPS)
        + ". Watchful waiting closes "
        "the list as the baseline. Within each group, by "
        f"lightness = 100 × (1 − ({terms}) ÷ {most}). "
        f"Each cost runs 0 (best) to 4: invasiveness and side effects are the table's scores; "
        f"{TIME_COST_EXPLAINED}; {EVIDENCE_GAP_EXPLAINED}; {UNKNOWN_EXPLAINED}. "
        "Higher lightness means less of what you mind; it counts costs only, never benefits."
    )
