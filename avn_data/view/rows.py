"""The results a person sees: filtered, ranked, flagged rows, and the columns shown and exported."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from avn_data.evidence.cause_notes import cause_notes
from avn_data.evidence.cautions import caution_levels, cautions_for_you
from avn_data.evidence.ranking import Weights, ranked, rescored
from avn_data.evidence.references import (
    REFERENCE_GROUP,
    WAITING_GROUP,
    reference_ids,
    reference_notes,
    waiting,
)
from avn_data.evidence.verdict import Person
from avn_data.tables import columns as col
from avn_data.tables.columns import TABLE_COLUMNS
from avn_data.tables.stage_numbers import stage_range_label
from avn_data.view.durations import weeks_text
from avn_data.view.filters import FilterSpec
from avn_data.view.text import clip_for_display
from avn_data.view.wording import said_once

# The few columns a person decides by; the rest are a click away under "Choose columns".
DEFAULT_VIEW_COLUMNS = (
    "name",
    "benefit_group",
    "evidence_why",
    "verdict_certainty",
    "invasiveness",
    "side_effect_burden",
    "not_measured",
    "typical_course",
    "applicable_stages",
    "fit",
    "not_beaten",
)
SITUATION_COLUMN = "cautions_for_you"
CAUSE_COLUMN = "cause_note"
DEFAULT_WEIGHTS = Weights()
DERIVED_COLUMNS = (
    "benefit_group",
    "evidence_why",
    "verdict_certainty",
    "benefit_for_you",
    "typical_course",
    "applicable_stages",
    "fit",
    "not_beaten",
    "not_measured",
    SITUATION_COLUMN,
    CAUSE_COLUMN,
)
ALL_VIEW_COLUMNS = tuple(dict.fromkeys([*DEFAULT_VIEW_COLUMNS, *DERIVED_COLUMNS, *TABLE_COLUMNS]))


# What ranking reads; everything else is copied once, after the order is known.
RANK_INPUTS = (
    "treatment_id",
    "name",
    "invasiveness",
    "side_effect_burden",
    "duration_weeks_min",
    "duration_weeks_max",
    "evidence_certainty",
    "aims",
)
# What the derived columns are worded from.
WORDED_FROM = ("stage_min", "stage_max", "causes_studied", "not_effective_in")
# What the charts draw, whatever columns the table shows.
CHART_COLUMNS = (
    "category", "stage_min", "stage_max", "not_beaten", "benefit_group", "benefit_rank",
    *RANK_INPUTS,
)  # fmt: skip


def results(
    table: pd.DataFrame,
    spec: FilterSpec,
    weights: Weights = DEFAULT_WEIGHTS,
    cautions: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
    aims: Sequence[str] = (),
    outcomes: pd.DataFrame | None = None,
    references: pd.DataFrame | None = None,
    person: Person | None = None,
) -> pd.DataFrame:
    """The rows the spec keeps, ranked for the person's aims and weights, derived columns filled.

    `outcomes` (data/outcomes.csv) give each treatment's verdict for the person; without them
    the list is ranked by costs only and says so. `references` (data/references.csv) name the
    rows a specialist would name first, shown first whatever the filters, and not ranked.
    `person` (stage, joints, causes) is whom the verdict is for: the spec's, unless given.

    `columns` limits which of the table's own columns come along: copying long text columns
    is most of the cost on a big table, so they are copied once, only for the kept rows.
    """
    inputs = [name for name in RANK_INPUTS if name in table.columns]
    person = person or person_of(spec)
    scored = ranked(table.loc[spec.mask(table), inputs], weights, aims, outcomes, person)
    if outcomes is not None:
        scored = _with_references(
            table[inputs], scored, weights, aims, outcomes, references, person
        )
    wanted = [
        name
        for name in dict.fromkeys(table.columns if columns is None else columns)
        if name in table.columns and name not in scored.columns
    ]
    # Each kept row's cells are copied once, for the shown columns and what the words need.
    words_from = [name for name in WORDED_FROM if name in table.columns and name not in wanted]
    kept = table.loc[scored.index, [*wanted, *words_from]]
    rows = pd.concat([kept[wanted], scored], axis=1)
    labels = said_once(stage_range_label, kept["stage_min"], kept["stage_max"])
    no_caution = pd.Series("", index=rows.index, dtype=object)
    matched = (
        cautions_for_you(scored["treatment_id"], cautions, spec.situation)
        if cautions is not None
        else no_caution
    )
    levels = (
        caution_levels(scored["treatment_id"], cautions, spec.situation)
        if cautions is not None
        else no_caution
    )
    return rows.assign(
        typical_course=said_once(
            weeks_text, scored["duration_weeks_min"], scored["duration_weeks_max"]
        ),
        applicable_stages=pd.Series(labels, index=rows.index, dtype=object),
        cautions_for_you=matched,
        caution_level=levels,
        cause_note=cause_notes(kept, spec.cause),
        not_measured=said_once(
            _not_measured,
            scored["side_effect_burden"].isna(),
            scored["duration_weeks_min"].isna() | scored["duration_weeks_max"].isna(),
        ),
    ).reset_index(drop=True)


def _not_measured(burden_unknown: bool, course_unknown: bool) -> str:
    said = [
        words
        for unknown, words in (
            (burden_unknown, "harms not measured"),
            (course_unknown, "course not known"),
        )
        if unknown
    ]
    return "; ".join(said)


def _with_references(
    table: pd.DataFrame,
    scored: pd.DataFrame,
    weights: Weights,
    aims: Sequence[str],
    outcomes: pd.DataFrame,
    references: pd.DataFrame | None,
    person: Person,
) -> pd.DataFrame:
    """The ranked rows with the references first (whatever the filters) and the natural
    course's own line. Where the natural course makes waiting reasonable for the lesion, waiting
    leads the references whatever the aims: for a lesion that rarely collapses, watching with
    regular imaging is what a specialist names first."""
    course = waiting(outcomes, person)
    wanted = reference_ids(references, aims, person) if references is not None else []
    if course.judged == "reasonable":
        wanted.insert(0, col.BASELINE_ID)
    wanted = [tid for tid in wanted if tid in set(table["treatment_id"])]
    baseline = scored["treatment_id"].eq(col.BASELINE_ID)
    scored = scored.assign(
        evidence_why=scored["evidence_why"].where(~baseline, course.said),
        verdict_certainty=scored["verdict_certainty"].where(~baseline, course.certainty),
        is_reference=False,
    )
    if not wanted:
        return rescored(scored, weights)
    picked = table[table["treatment_id"].isin(wanted)]
    refs = ranked(picked, weights, aims, outcomes, person)
    refs = refs.iloc[refs["treatment_id"].map(wanted.index).argsort()]
    notes = reference_notes(references) if references is not None else {}
    is_waiting = refs["treatment_id"].eq(col.BASELINE_ID)
    refs = refs.assign(
        is_reference=True,
        verdict_certainty=refs["verdict_certainty"].where(~is_waiting, course.certainty),
        benefit_group=is_waiting.map({True: WAITING_GROUP, False: REFERENCE_GROUP}),
        evidence_why=[
            course.said
            if tid == col.BASELINE_ID
            else f"{group}: {why}. {notes.get(tid, '')}".strip()
            for tid, group, why in zip(
                refs["treatment_id"], refs["benefit_group"], refs["evidence_why"], strict=True
            )
        ],
    )
    rest = scored[~scored["treatment_id"].isin(wanted)]
    return rescored(pd.concat([refs, rest]), weights)


def person_of(spec: Any) -> Person:
    """What the verdict needs from a filter spec: the person's stage, joints and causes."""
    return Person(
        stage=spec.stage, joints=tuple(spec.joint), causes=tuple(spec.cause), lesion=spec.lesion
    )


def default_columns(spec: FilterSpec) -> list[str]:
    """Columns shown until the person picks others; their cautions once they give a
    situation, and what the evidence says about their cause once they give one."""
    columns = list(DEFAULT_VIEW_COLUMNS)
    if spec.cause:
        columns.insert(columns.index("verdict_certainty"), CAUSE_COLUMN)
    if spec.situation:
        columns.insert(columns.index("invasiveness"), SITUATION_COLUMN)
    return columns


def view_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Exactly `columns` of the results, in that order."""
    return rows.loc[:, list(columns)]


def export_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The columns in view, then the treatment id (if not in view already), so that every
    downloaded or exported row can be found again (a link's `?treatment=ID`)."""
    return view_frame(rows, list(dict.fromkeys([*columns, "treatment_id"])))


def chosen(
    table: pd.DataFrame,
    treatment_ids: Sequence[str],
    spec: FilterSpec,
    weights: Weights = DEFAULT_WEIGHTS,
    cautions: pd.DataFrame | None = None,
    aims: Sequence[str] = (),
    outcomes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The named treatments in the order given, whatever the filters, with derived columns."""
    picked = table[table["treatment_id"].isin(treatment_ids)]
    every = FilterSpec(surgical=True, situation=spec.situation, cause=spec.cause)
    rows = results(
        picked, every, weights, cautions, aims=aims, outcomes=outcomes, person=person_of(spec)
    ).set_index("treatment_id", drop=False)
    return rows.loc[[tid for tid in treatment_ids if tid in rows.index]].reset_index(drop=True)


def hidden_to_avoid(table: pd.DataFrame, spec: FilterSpec) -> list[str]:
    """Names of the treatments 'Hide treatments I should avoid' takes out of this view."""
    if not spec.hide_avoid:
        return []
    shown = spec.mask(table)
    without_hiding = replace(spec, hide_avoid=False).mask(table)
    return list(table.loc[without_hiding & ~shown, "name"])


def clipped(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell cut to what a page can show (a note says so)."""
    text = frame.select_dtypes(include=["object", "string"]).columns
    return frame.assign(**{name: frame[name].map(clip_for_display) for name in text})


def places(table: pd.DataFrame) -> list[int | str]:
    """Each row's place in the list as given (best first), from 1; 'Ref' for a reference
    row, which is not ranked. The table, the charts and their data all number rows by this."""
    is_reference = table.get("is_reference", pd.Series(False, index=table.index))
    counted = (~is_reference.astype(bool)).cumsum()
    return ["Ref" if ref else int(place) for ref, place in zip(is_reference, counted, strict=True)]
