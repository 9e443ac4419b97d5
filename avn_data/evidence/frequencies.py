"""What each treatment was found to do, told as natural frequencies: 'about N of 100 people'.

Every figure comes from one row of data/outcomes.csv: events out of a group, or the percentage
the study reported. The only arithmetic is events ÷ group size × 100, rounded, and the sentence
says the study, its size, the follow-up and the certainty beside it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from avn_data.tables.columns import BASELINE_ID, STAGE_MAX, Row

if TYPE_CHECKING:
    from avn_data.view.filters import FilterSpec

# The last stage before the joint surface collapses (ARCO II).
PRE_COLLAPSE_MAX = 2

# How a counted outcome reads after "about N of 100 people …".
OUTCOME_PHRASES = {
    "collapse": "had collapse of the joint surface",
    "joint replacement": "needed a joint replacement",
    "radiological progression": "got worse on X-ray or MRI",
    "clinical success": "had a good result (as the study defined it)",
    "new AVN": "developed AVN",
    "healing on imaging": "healed on imaging",
    "imaging success": "did not get worse on X-ray or MRI",
    "symptoms began": "became painful",
}
# Outcomes a person wants to have; the rest are ones to avoid. Pictures colour by this, so one
# colour means a good outcome and one a bad outcome everywhere.
GOOD_OUTCOMES = frozenset({"clinical success", "healing on imaging", "imaging success"})
# What a comparison's direction says about the gap between the two numbers, said beside them.
GAP_WORDS = {
    "no difference": "the difference was not statistically significant",
    "conflicting": "studies disagree on the difference",
}
HUNDRED = 100


def _number(value: Any) -> float | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def per_hundred(events: object, size: object, percent: object) -> float | None:
    """Events out of 100: from events and group size when both are known, else the reported
    percentage; None when the study gave neither."""
    counted, total = _number(events), _number(size)
    if counted is not None and total:
        return HUNDRED * counted / total
    return _number(percent)


def about(share: float) -> str:
    """'about 24'; a share between 0 and 1 reads 'fewer than 1'."""
    if 0 < share < 0.5:
        return "fewer than 1"
    if share == 0:
        return "0"
    return f"about {round(share)}"


def horizon_words(months: object) -> str:
    """'within 8 years', 'within 6 months'; '' when the study gave no follow-up."""
    value = _number(months)
    if value is None:
        return ""
    if value >= 24:
        years = round(value / 12, 1)
        return f"within {years:g} years"
    return f"within {round(value):g} month{'s' * (round(value) != 1)}"


def group_size(row: Row) -> str:
    """'48 patients' or '664 hips', from the study's treated group (and comparator)."""
    sizes = [_number(row.get("treated_n")), _number(row.get("comparator_n"))]
    total = sum(size for size in sizes if size)
    unit = row.get("unit") or "people"
    return f"{total:g} {unit}" if total else "size not reported"


def _counted(row: Row, compared: bool) -> str:
    """The real size behind 'about N of 100': '7 of 9 hips, no comparison group'."""
    events, size = _number(row.get("treated_events")), _number(row.get("treated_n"))
    unit = row.get("unit") or "people"
    counted = f"{events:g} of {size:g} {unit}" if events is not None and size else group_size(row)
    return counted if compared else f"{counted}, no comparison group"


@dataclass(frozen=True)
class Frequency:
    """One counted finding on a common denominator of 100."""

    outcome_id: str
    sentence: str
    treated: float
    comparator: float | None
    comparator_name: str
    phrase: str
    source: str
    certainty: str
    design: str
    size: str
    horizon: str
    # The study's own reading of the comparison ('no difference', 'favours', …), which the
    # figures alone can hide.
    direction: str = ""
    good: bool = False
    counted: str = ""


def frequency(row: Row, treatment_name: str) -> Frequency | None:
    """The finding of one outcome row as 'out of 100 people …', or None when it is not a
    count (pain and function scores) or the study reported no figure."""
    phrase = OUTCOME_PHRASES.get(row["outcome"])
    treated = per_hundred(
        row.get("treated_events"), row.get("treated_n"), row.get("treated_percent")
    )
    if phrase is None or treated is None:
        return None
    comparator = per_hundred(
        row.get("comparator_events"), row.get("comparator_n"), row.get("comparator_percent")
    )
    horizon = horizon_words(row.get("horizon_months"))
    who = row.get("population") or "as studied"
    when = f" {horizon}" if horizon else ""
    if row["treatment_id"] == BASELINE_ID:
        sentence = f"Without treatment, out of 100 people like those studied ({who}), "
        sentence += f"{about(treated)} {phrase}{when}"
    else:
        sentence = f"Out of 100 people like those studied ({who}), {about(treated)} {phrase}"
        sentence += f"{when} after {treatment_name}"
    comparator_name = row.get("comparator") or ""
    if comparator is not None:
        sentence += f", against {about(comparator)} with {comparator_name}"
        if gap := GAP_WORDS.get(str(row.get("direction"))):
            sentence += f" ({gap})"
    return Frequency(
        outcome_id=row["outcome_id"],
        sentence=sentence + ".",
        treated=treated,
        comparator=comparator,
        comparator_name=comparator_name,
        phrase=phrase,
        source=row.get("source", ""),
        certainty=row.get("certainty", ""),
        design=row.get("design", ""),
        size=group_size(row),
        horizon=horizon,
        direction=row.get("direction", ""),
        good=row["outcome"] in GOOD_OUTCOMES,
        counted=_counted(row, comparator is not None),
    )


def findings(outcomes: pd.DataFrame, treatment_id: str, aims: Sequence[str] = ()) -> pd.DataFrame:
    """The outcome rows of one treatment, those for the person's aims first."""
    rows = outcomes[outcomes["treatment_id"] == treatment_id]
    if aims:
        rows = rows.assign(_first=~rows["aim"].isin(aims)).sort_values("_first", kind="stable")
        rows = rows.drop(columns="_first")
    return rows


def _covers_stage(rows: pd.DataFrame, stage: int | None) -> pd.Series:
    if stage is None:
        return pd.Series(True, index=rows.index)
    low = pd.to_numeric(rows["stage_min"], errors="coerce")
    high = pd.to_numeric(rows["stage_max"], errors="coerce")
    return (low.isna() | low.le(stage)) & (high.isna() | high.ge(stage))


def baseline_rows(
    outcomes: pd.DataFrame,
    stage: int | None = None,
    joints: Sequence[str] = (),
    causes: Sequence[str] = (),
    lesion_type: str | None = None,
) -> pd.DataFrame:
    """The natural-course rows for a person, most specific first.

    Rows must match the person's joint (the hip when none is given) and cover their stage;
    among those, a row for their lesion type comes first, then one for their cause, then
    painful hips before hips without symptoms (which do far better and must never stand in
    for painful ones), then the general figures; the longest follow-up first within each.
    """
    rows = outcomes[outcomes["treatment_id"] == BASELINE_ID]
    wanted_joints = list(joints) or ["hip"]
    rows = rows[rows["joint"].isin(wanted_joints) & _covers_stage(rows, stage)]
    if stage is not None and stage > PRE_COLLAPSE_MAX:
        # Natural-course studies without a stage followed hips before collapse; after collapse
        # only a figure for that stage speaks, or none.
        rows = rows[pd.to_numeric(rows["stage_min"], errors="coerce").notna()]
    # Lesion-type figures stand for that lesion only; without one, the general rows speak.
    rows = rows[rows["lesion_type"].isin(["", lesion_type] if lesion_type else [""])]
    # Someone who names no cause is, to us, of unknown cause: the idiopathic rows (SONK) speak.
    causes_wanted = [*causes, "any"] if causes else ["any", "unknown"]
    rows = rows[rows["cause"].isin(causes_wanted)]
    order = pd.DataFrame(
        {
            "lesion": ~rows["lesion_type"].eq(lesion_type or "\0"),
            "cause": ~rows["cause"].isin(causes),
            "symptoms": rows["symptoms"].map({"with": 0, "any": 1, "without": 2}).fillna(1),
            # The narrower the stage range, the closer the figure is to the person's stage.
            "span": (
                pd.to_numeric(rows["stage_max"], errors="coerce")
                - pd.to_numeric(rows["stage_min"], errors="coerce")
            ).fillna(STAGE_MAX + 1),
            "horizon": -pd.to_numeric(rows["horizon_months"], errors="coerce").fillna(0),
            "no_figure": [
                per_hundred(e, n, p) is None
                for e, n, p in zip(
                    rows["treated_events"], rows["treated_n"], rows["treated_percent"], strict=True
                )
            ],
        },
        index=rows.index,
    )
    ordered = order.sort_values(
        ["lesion", "cause", "no_figure", "symptoms", "span", "horizon"], kind="stable"
    )
    return rows.loc[ordered.index]


def headline(rows: pd.DataFrame, name: str) -> Frequency | None:
    """The first finding in `rows` that can be counted out of 100, in the order given."""
    for row in rows.to_dict("records"):
        if row["treatment_id"] != BASELINE_ID and (found := frequency(row, name)):
            return found
    return None


def natural_course(
    outcomes: pd.DataFrame, spec: "FilterSpec"
) -> tuple[pd.DataFrame, list[Frequency]]:
    """The natural-course rows for the person the filter spec describes (stage, joint, cause,
    lesion type), most specific first, and those that can be counted out of 100."""
    rows = baseline_rows(outcomes, spec.stage, spec.joint, spec.cause, spec.lesion)
    return rows, [found for row in rows.to_dict("records") if (found := frequency(row, ""))]


def in_numbers(
    outcomes: pd.DataFrame, treatment_id: str, name: str, spec: "FilterSpec", aims: Sequence[str]
) -> list[Frequency]:
    """Every finding of a treatment that can be counted out of 100, the person's aims first;
    for watchful waiting, the natural course that fits the person."""
    if treatment_id == BASELINE_ID:
        return natural_course(outcomes, spec)[1][:1]
    rows = findings(outcomes, treatment_id, aims).to_dict("records")
    return [found for row in rows if (found := frequency(row, name))]


def horizon_note(found: Sequence[tuple[str, Frequency]]) -> str:
    """A warning when figures put side by side cover different follow-up times ('' when they
    cover the same, or fewer than two are counted)."""
    horizons = {name: frequency.horizon or "follow-up not given" for name, frequency in found}
    if len(horizons) < 2 or len(set(horizons.values())) == 1:
        return ""
    listed = "; ".join(f"{name}: {horizon}" for name, horizon in horizons.items())
    return (
        f"These figures cover different follow-up times ({listed}), so they are not directly "
        "comparable: a longer follow-up counts more events."
    )
