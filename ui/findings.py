"""Benefits on the page: the natural-course baseline and each finding in numbers, with its
icon array and the same numbers in words (the chart's text alternative)."""

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from avn_data.evidence.frequencies import Frequency, findings, frequency
from avn_data.evidence.frequencies import natural_course as natural_course_rows
from avn_data.evidence.outcomes import OUTCOMES_CSV, outcomes_or_none
from avn_data.tables.conditions import cause_outlooks
from avn_data.tables.paths import fresh
from avn_data.tables.problems import format_problems
from avn_data.view.figures.icon_array import COLOUR_LEGEND, icon_array, icon_array_text
from avn_data.view.filters import FilterSpec
from avn_data.view.text import escape_markdown
from ui.plotting import plot


def outcomes() -> pd.DataFrame:
    """The study rows; none when data/outcomes.csv cannot be used (the page says so)."""
    return outcomes_or_none(OUTCOMES_CSV)[0]


def outcome_problems() -> list:
    return outcomes_or_none(OUTCOMES_CSV)[1]


def study_problem_message(problems: list) -> str:
    """Why the page shows no study results, naming each problem by row and column."""
    lines = format_problems(problems).splitlines()
    return (
        "**The study table (data/outcomes.csv) could not be used**, so the list is ranked by "
        "costs only and no study figures are shown. Fix these and reload:\n\n"
        + "\n".join(f"- {escape_markdown(line)}" for line in lines)
    )


def _natural_course_from(
    path: Path,
    stage: int | None,
    joint: tuple[str, ...],
    cause: tuple[str, ...],
    lesion: str | None,
) -> tuple[pd.DataFrame, list[Frequency]]:
    person = FilterSpec(stage=stage, joint=joint, cause=cause, lesion=lesion)
    return natural_course_rows(outcomes_or_none(path)[0], person)


def course_without_treatment(spec) -> tuple[pd.DataFrame, list[Frequency]]:
    """The natural course for the person's stage, joint, cause and lesion; worked out once per
    such person while the outcomes file is unchanged, since every filter change asks again."""
    return fresh(
        _natural_course_from, OUTCOMES_CSV, spec.stage, spec.joint, spec.cause, spec.lesion
    )


def show_frequency(found: Frequency, treated_label: str, key: str) -> None:
    """The icon array under the one colour legend, then its numbers in words, source and
    certainty beside it."""
    st.caption(COLOUR_LEGEND)
    plot(icon_array(found, treated_label), key, icon_array_text(found))
    st.markdown(escape_markdown(icon_array_text(found)))


def baseline_frequency(spec) -> Frequency | None:
    """The natural course that best fits the person: their stage, joint, cause and lesion."""
    counted = course_without_treatment(spec)[1]
    return counted[0] if counted else None


KNEE_KINDS = {
    "spontaneous": "Spontaneous osteonecrosis of the knee (SONK: often older people, one knee)",
    "secondary": "Secondary osteonecrosis of the knee (after steroids or other causes, "
    "often several joints)",
}


def _knee_kinds(rows: pd.DataFrame) -> None:
    """The knee is two diseases with different courses: each shown with its own figure."""
    st.markdown("**The knee: two diseases, two courses.**")
    for cell, (kind, label) in zip(st.columns(2), KNEE_KINDS.items(), strict=True):
        with cell:
            st.markdown(f"*{escape_markdown(label)}*")
            kind_rows = rows[rows["knee_type"] == kind].to_dict("records")
            found = next((f for row in kind_rows if (f := frequency(row, ""))), None)
            if found is None and kind_rows:
                first = kind_rows[0]
                st.markdown(
                    f"{escape_markdown(first['finding'])} *({escape_markdown(first['source'])})*"
                )
            elif found is None:
                st.markdown("No figure for its course in this table.")
            else:
                show_frequency(found, "Without treatment", key=f"natural_course_{kind}")


def _cause_outlooks(spec) -> None:
    for label, outlook, source in cause_outlooks(tuple(spec.cause)):
        st.info(
            f"**{escape_markdown(label)}:** {escape_markdown(outlook)} "
            f"*({escape_markdown(source)})*",
            icon=":material/info:",
        )


def natural_course(spec) -> None:
    """'Without treatment, about N of 100 …' for the person's stage, joint, cause and lesion."""
    rows, counted = course_without_treatment(spec)
    with st.container(border=True):
        st.header("Doing nothing is an option too: the natural course")
        _cause_outlooks(spec)
        if "knee" in spec.joint:
            _knee_kinds(rows)
            told = set(rows.loc[rows["knee_type"].ne(""), "outcome_id"])
            counted = [found for found in counted if found.outcome_id not in told]
        if not counted:
            st.markdown(
                "No study in this table gives the course without treatment for this choice "
                "of joint, stage and cause."
            )
            return
        show_frequency(counted[0], "Without treatment", key="natural_course")
        first = rows[rows["outcome_id"] == counted[0].outcome_id].iloc[0]
        if first["note"]:
            st.caption(escape_markdown(first["note"]))
        if len(counted) > 1:
            with st.expander("Other figures for the natural course"):
                st.markdown(
                    "\n".join(
                        f"- {escape_markdown(other.sentence)} ({escape_markdown(other.source)})"
                        for other in counted[1:6]
                    )
                )
        st.caption(
            "Hips without symptoms do far better than painful ones: a figure for hips without "
            "symptoms does not describe a painful hip."
        )


def findings_for(treatment_id: str, aims: Sequence[str]) -> pd.DataFrame:
    return findings(outcomes(), treatment_id, aims)


def finding_lines(rows: pd.DataFrame) -> str:
    """Each finding as a markdown bullet: what was found, for whom, how long, how sure."""
    lines = []
    for row in rows.to_dict("records"):
        facts = [row["design"], row["certainty"] and f"certainty {row['certainty']}", row["source"]]
        lines.append(
            f"- **{escape_markdown(row['aim'].capitalize())}:** {escape_markdown(row['finding'])} "
            f"*({escape_markdown('; '.join(fact for fact in facts if fact))})*"
        )
    return "\n".join(lines)
