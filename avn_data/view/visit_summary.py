"""A printable page for the doctor's visit: what I want, my situation, my cautions, my natural
course, the options' benefits beside their costs, where I am leaning and my questions.

The page is a Jinja2 template with autoescaping: every value from the tables is text, never
markup. It is shown in the app and downloaded as the same bytes, and fits two A4 pages for up
to four treatments, so each treatment keeps only what a visit needs.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2
import pandas as pd
from markupsafe import Markup

from avn_data.evidence.cautions import LEVELS, CautionLines, cautions_by_condition
from avn_data.evidence.frequencies import GAP_WORDS, Frequency, about, in_numbers, natural_course
from avn_data.evidence.ranking import COST_COLUMNS, COST_LABELS, Weights
from avn_data.evidence.references import load_references
from avn_data.evidence.rubric import UNKNOWN, evidence_text, scale_levels
from avn_data.evidence.verdict import DESIGN_NOUNS
from avn_data.tables.columns import BASELINE_ID, Row
from avn_data.tables.conditions import cause_labels, condition_labels
from avn_data.tables.stage_numbers import stage_label
from avn_data.view.durations import weeks_text
from avn_data.view.front_matter import DISCLAIMER
from avn_data.view.ranking_words import aims_phrase
from avn_data.view.rows import chosen, results
from avn_data.view.wording import questions, source_links

TEMPLATES = Path(__file__).with_name("templates")
TEMPLATE = "visit_summary.html.j2"
STYLE = (TEMPLATES / "visit_summary.css").read_text(encoding="utf-8")
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
SUMMARY_DEFAULT_COUNT = 4
# Two A4 pages hold four treatments only with this much of each; the app has the rest.
MOST_NUMBERS = 2
MOST_QUESTIONS = 3
# Past this many characters of reasons (about six printed lines) the cautions pushed four
# treatments onto a third sheet: each treatment then names its conditions on one line.
MOST_CAUTION_REASON_CHARACTERS = 700
# The SURE test (Légaré 2010): four yes/no questions on how settled a decision feels.
SURE_QUESTIONS = (
    "Do you feel SURE about the best choice for you?",
    "Do you know the benefits and risks of each option?",
    "Are you clear about which benefits and risks matter most to you?",
    "Do you have enough support and advice to make a choice?",
)
# Offered when watchful waiting is not among the treatments: doing nothing is always an option.
DOING_NOTHING = "Doing nothing for now (watchful waiting)"
CAUTION_LEVEL_WORDS = {"avoid": "Avoid", "discuss": "Discuss first"}
# Two figures side by side read as a difference; these say when the study found none.
DIRECTION_WORDS = {
    **GAP_WORDS,
    "favours comparator": "the comparison group did better",
    "uncontrolled": "not a like-for-like comparison",
}
# Causes that a visit can act on: the dose or the drinking.
REMOVABLE_CAUSES = ("steroids", "alcohol")
CAUSE_REMOVABLE_QUESTION = "Can my steroid dose be lowered, or my alcohol intake reduced?"
CAUSE_UNKNOWN_QUESTION = "Is the cause of my AVN known, and can it be removed?"


@dataclass(frozen=True)
class Treatment:
    """One treatment as the page tells it."""

    name: str
    evidence: str
    certainty: str
    studied_in: str
    numbers: list[str]
    more_numbers: int
    invasiveness: float | None
    burden: float | None
    course: str
    questions: list[str]
    # Each site once, with the addresses at it: a list of every address fills half a page.
    sources: dict[str, list[str]]


def by_site(urls: Sequence[str]) -> dict[str, list[str]]:
    """The addresses grouped by site ('pubmed.ncbi.nlm.nih.gov'), in first-seen order."""
    sites: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        sites.setdefault(urlparse(url).netloc.removeprefix("www."), []).append(url)
    return sites


def number_line(found: Frequency) -> str:
    """A counted finding in one line: the figures, what the study made of any comparison, the
    design and size, and the study's short name."""
    counted = f"{about(found.treated)} of 100 {found.phrase}"
    if found.horizon:
        counted += f" {found.horizon}"
    if found.comparator is not None:
        counted += f", against {about(found.comparator)} with {found.comparator_name}"
        if words := DIRECTION_WORDS.get(found.direction):
            counted += f" ({words})"
    return f"{counted[0].upper()}{counted[1:]} [{study(found)}]."


def study(found: Frequency) -> str:
    """'randomised trial, 54 hips, Lai 2005': the design, size and the source's first words."""
    design = DESIGN_NOUNS.get(found.design, ("", ""))[0]
    return ", ".join(part for part in (design, found.size, found.source.split(",")[0]) if part)


def _score(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


def score_text(score: float | None) -> str:
    """'2 of 4', or 'unknown' where nobody has recorded it."""
    return "unknown" if score is None else f"{score:g} of 4"


def score_key(treatments: Sequence[Treatment]) -> list[tuple[str, list[str]]]:
    """What each score on the page means, once: the levels the treatments use, per scale."""
    used = {
        "invasiveness": {each.invasiveness for each in treatments},
        "side_effect_burden": {each.burden for each in treatments},
    }
    key = []
    for scale, label in (
        ("invasiveness", "Invasiveness"),
        ("side_effect_burden", "Side-effect burden"),
    ):
        meanings = [
            f"{score_text(level)}: {meaning}"
            for level, meaning in scale_levels(scale).items()
            if level in used[scale]
        ]
        if None in used[scale]:
            meanings.append(f"unknown: {UNKNOWN}")
        key.append((label, meanings))
    return key


def _treatment(row: Row, found: Sequence[Frequency]) -> Treatment:
    return Treatment(
        name=row["name"],
        evidence=f"{row['benefit_group']}: {row['evidence_why']}",
        certainty=evidence_text(row["verdict_certainty"]),
        studied_in=row["cause_note"],
        numbers=[number_line(each) for each in found[:MOST_NUMBERS]],
        more_numbers=max(0, len(found) - MOST_NUMBERS),
        invasiveness=_score(row["invasiveness"]),
        burden=_score(row["side_effect_burden"]),
        course=weeks_text(row["duration_weeks_min"], row["duration_weeks_max"]),
        questions=questions(row["questions_to_ask"])[:MOST_QUESTIONS],
        sources=by_site(source_links(row["source_urls"])),
    )


def _about_me(spec: Any, aims: Sequence[str], weights: Weights) -> list[tuple[str, str]]:
    labels = condition_labels()
    minded = ", ".join(
        f"{COST_LABELS[name].lower()} {getattr(weights, name)}/5" for name in COST_COLUMNS
    )
    causes = "; ".join(cause_labels().get(slug, slug) for slug in spec.cause) or "not given"
    return [
        ("What I want most", aims_phrase(aims) if aims else "not chosen yet"),
        ("My stage", "not given" if spec.stage is None else stage_label(spec.stage)),
        ("Lesion type (JIC)", spec.lesion or "not given"),
        ("Joint", ", ".join(spec.joint) or "not given"),
        ("How my AVN came about", causes),
        ("My situation", "; ".join(labels[slug] for slug in spec.situation) or "none given"),
        ("How much I mind", minded),
    ]


@dataclass(frozen=True)
class CautionItems:
    """The cautions as the page lists them, (lead words, the rest) each, and whether the
    reasons were left to the app."""

    items: list[tuple[str, str]]
    reasons_in_app: bool


def caution_items(caution_lines: Mapping[str, CautionLines]) -> CautionItems:
    """One (level word, caution with its reason) per treatment and condition, those to avoid
    first; past MOST_CAUTION_REASON_CHARACTERS of reasons, one (treatment, its conditions by
    level) per treatment instead, those with one to avoid first."""
    listed = [
        (level, name, condition.lower(), reason)
        for level in LEVELS
        for condition, treatments in caution_lines.get(level, [])
        for name, reason in treatments
    ]
    if sum(len(reason) for *_, reason in listed) <= MOST_CAUTION_REASON_CHARACTERS:
        return CautionItems(
            [
                (CAUTION_LEVEL_WORDS[level], f"{name}, with {condition}: {reason}")
                for level, name, condition, reason in listed
            ],
            reasons_in_app=False,
        )
    by_treatment: dict[str, dict[str, list[str]]] = {}
    for level, name, condition, _ in listed:
        by_treatment.setdefault(name, {}).setdefault(level, []).append(condition)
    return CautionItems(
        [
            (name, ". ".join(
                f"{CAUTION_LEVEL_WORDS[level]} with {'; '.join(named)}"
                for level, named in levels.items()
            ) + ".")
            for name, levels in by_treatment.items()
        ],
        reasons_in_app=True,
    )  # fmt: skip


def general_questions(causes: Sequence[str]) -> list[str]:
    """Questions for any visit, beside each treatment's own."""
    cause = (
        CAUSE_REMOVABLE_QUESTION
        if any(slug in REMOVABLE_CAUSES for slug in causes)
        else CAUSE_UNKNOWN_QUESTION
    )
    return [
        "Is joint-preserving surgery (such as core decompression) an option for me?",
        cause,
        "When is my next MRI, and what would change the plan?",
        "What about my other joints (for example my knees)?",
    ]


def _leaning_options(rows: Sequence[Row]) -> list[str]:
    """The treatments to tick, with doing nothing once: watchful waiting's own row when it is
    among them, else a line for it."""
    names = [row["name"] for row in rows if row["treatment_id"] != BASELINE_ID]
    waiting = [row["name"] for row in rows if row["treatment_id"] == BASELINE_ID]
    return [*names, *(waiting or [DOING_NOTHING]), "Not sure yet"]


def natural_course_line(course: Frequency | None, spec: Any) -> str:
    """The first counted figure of the course without treatment for the person, or that none
    is stored for their stage and lesion."""
    if course is not None:
        return f"{course.sentence} [{study(course)}]"
    stage = "my stage" if spec.stage is None else f"stage {stage_label(spec.stage)}"
    lesion = f" and lesion type {spec.lesion}" if spec.lesion else ""
    return f"No figure for the course without treatment is stored for {stage}{lesion}."


def visit_summary_html(
    chosen: pd.DataFrame,
    spec: Any,
    weights: Weights,
    review_date: str,
    today: date,
    aims: Sequence[str] = (),
    findings: Mapping[str, Sequence[Frequency]] | None = None,
    caution_lines: Mapping[str, CautionLines] | None = None,
    course: Frequency | None = None,
    others_to_avoid: Sequence[str] = (),
) -> str:
    """A self-contained HTML page; every value from the table is escaped, never run.

    `findings` gives each treatment's counted findings; `caution_lines` the person's cautions
    for the treatments in the summary, by level and condition; `others_to_avoid` the names of
    the other treatments in view that a source says to avoid in the person's situation;
    `course` the first counted figure of the natural course for the person's stage and lesion,
    if one is stored.
    """
    findings = findings or {}
    rows = chosen.to_dict("records")
    treatments = [_treatment(row, findings.get(row["treatment_id"], ())) for row in rows]
    return ENVIRONMENT.get_template(TEMPLATE).render(
        style=Markup(STYLE),
        today=today.isoformat(),
        review_date=review_date,
        about_me=_about_me(spec, aims, weights),
        cautions=caution_items(caution_lines or {}),
        others_to_avoid=list(others_to_avoid),
        course=natural_course_line(course, spec),
        treatments=treatments,
        score_key=score_key(treatments),
        score_text=score_text,
        leaning=_leaning_options(rows),
        sure_questions=SURE_QUESTIONS,
        general_questions=general_questions(spec.cause),
        disclaimer=DISCLAIMER,
    )


def summary_treatments(
    table: pd.DataFrame, view: Any, cautions: pd.DataFrame, outcomes: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The treatments the summary holds (those compared, else the best-ranked for the
    person's aims, doing nothing aside) and every treatment in view."""
    in_view = results(
        table, view.filters, view.weights, cautions, aims=view.aims, outcomes=outcomes,
        references=load_references(),
    )  # fmt: skip
    if view.compare:
        picked = chosen(
            table, view.compare, view.filters, view.weights, cautions, view.aims, outcomes
        )
    else:
        ranked_only = ~in_view["is_reference"] & in_view["treatment_id"].ne(BASELINE_ID)
        picked = in_view[ranked_only].head(SUMMARY_DEFAULT_COUNT)
    return picked, in_view


def summary_page(
    table: pd.DataFrame,
    view: Any,
    cautions: pd.DataFrame,
    outcomes: pd.DataFrame,
    review_date: str,
    today: date,
) -> str:
    """The whole visit summary for a view: what the page shows and its download saves."""
    picked, in_view = summary_treatments(table, view, cautions, outcomes)
    numbers = {
        row["treatment_id"]: in_numbers(
            outcomes, row["treatment_id"], row["name"], view.filters, view.aims
        )
        for row in picked.to_dict("records")
    }
    # The cautions in full for the treatments on the page; the rest of the view by name only,
    # so that many conditions do not push the summary past two pages.
    caution_lines = {
        level: cautions_by_condition(cautions, picked, view.filters.situation, level)
        for level in LEVELS
    }
    others = in_view[~in_view["treatment_id"].isin(picked["treatment_id"])]
    others_to_avoid = list(others.loc[others["caution_level"].eq("avoid"), "name"])
    counted = natural_course(outcomes, view.filters)[1]
    return visit_summary_html(
        picked, view.filters, view.weights, review_date, today, view.aims, numbers,
        caution_lines, counted[0] if counted else None, others_to_avoid,
    )  # fmt: skip
