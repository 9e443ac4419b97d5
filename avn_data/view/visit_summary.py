"""A printable page for the doctor's visit: what I want, my situation, the options' benefits
beside their costs, my cautions, where I am leaning and my questions (HTML with print styles)."""

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from avn_data.evidence.cautions import LEVELS, CautionLines, cautions_by_condition
from avn_data.evidence.frequencies import in_numbers
from avn_data.evidence.ranking import COST_COLUMNS, COST_LABELS, Weights
from avn_data.evidence.references import load_references
from avn_data.evidence.rubric import evidence_text, level_text
from avn_data.tables.columns import BASELINE_ID, Row
from avn_data.tables.conditions import cause_labels, condition_labels
from avn_data.tables.stage_numbers import stage_label
from avn_data.view.durations import weeks_text
from avn_data.view.front_matter import DISCLAIMER
from avn_data.view.ranking_words import aims_phrase
from avn_data.view.rows import chosen, results
from avn_data.view.wording import questions, source_links

SUMMARY_DEFAULT_COUNT = 5
STYLE = (Path(__file__).with_name("visit_summary.css")).read_text(encoding="utf-8")
# The SURE test (Légaré 2010): four yes/no questions on how settled a decision feels.
SURE_QUESTIONS = (
    "Do you feel SURE about the best choice for you?",
    "Do you know the benefits and risks of each option?",
    "Are you clear about which benefits and risks matter most to you?",
    "Do you have enough support and advice to make a choice?",
)


def _row(label: str, value: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<dt>{escape(label)}</dt><dd{attribute}>{escape(value)}</dd>"


def _list(items: Sequence[str], tag: str = "ul", css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<{tag}{attribute}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"


def _treatment_section(row: Row, found: Sequence[str]) -> str:
    links = "".join(
        f'<li><a href="{escape(url)}">{escape(url)}</a></li>'
        for url in source_links(row["source_urls"])
    )
    benefits = "".join([
        _row("What the evidence says", f"{row['benefit_group']}: {row['evidence_why']}"),
        _row("Who it was studied in", row["cause_note"]) if row["cause_note"] else "",
        _row("How sure we are", evidence_text(row["verdict_certainty"])),
    ])  # fmt: skip
    costs = "".join([
        _row("Invasiveness", level_text("invasiveness", row["invasiveness"])),
        _row("Side-effect burden", level_text("side_effect_burden", row["side_effect_burden"])),
        _row("How long", weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])),
        _row("Side effects", row["side_effects"]),
        _row("Who should avoid it", row["cautions"]),
        _row("Cautions for me", row["cautions_for_you"] or "None for the situations I gave.",
             "caution" if row["cautions_for_you"] else ""),
    ])  # fmt: skip
    numbers = _list(found) if found else "<p>No study has put a number on what it does.</p>"
    return (
        f"<section><h2>{escape(row['name'])}</h2>"
        f"<p>Stages {escape(row['applicable_stages'])} · fit for my priorities "
        f"{row['fit']:g} / 100</p>"
        f"<h3>What it could do for me</h3><dl>{benefits}</dl>"
        f"<h4>In numbers</h4>{numbers}"
        f"<h3>What it costs me</h3><dl>{costs}</dl>"
        f"<h3>Questions to ask</h3>{_list(questions(row['questions_to_ask']), 'ol', 'questions')}"
        f'<p class="sources">Sources: {escape(row["sources"])}</p>'
        + (f'<ul class="sources">{links}</ul>' if links else "")
        + "</section>"
    )


def _about_me(spec: Any, aims: Sequence[str], weights: Weights) -> str:
    labels = condition_labels()
    stage = "not given" if spec.stage is None else stage_label(spec.stage)
    minded = ", ".join(
        f"{COST_LABELS[name].lower()} {getattr(weights, name)}/5" for name in COST_COLUMNS
    )
    causes = "; ".join(cause_labels().get(slug, slug) for slug in spec.cause) or "not given"
    return "".join([
        _row("What I want most", aims_phrase(aims) if aims else "not chosen yet"),
        _row("My stage", stage),
        _row("Joint", ", ".join(spec.joint) or "not given"),
        _row("How my AVN came about", causes),
        _row("My situation", "; ".join(labels[slug] for slug in spec.situation) or "none given"),
        _row("How much I mind", minded),
    ])  # fmt: skip


def _cautions(caution_lines: Mapping[str, CautionLines]) -> str:
    parts = []
    for level, heading in (("avoid", "Avoid"), ("discuss", "Discuss with my doctor first")):
        lines = [
            f"{condition}: " + "; ".join(f"{name} ({reason})" for name, reason in treatments)
            for condition, treatments in caution_lines.get(level, [])
        ]
        if lines:
            parts.append(f"<h3>{heading}</h3>{_list(lines, css='caution')}")
    return "".join(parts) or "<p>None for the situations I gave.</p>"


def _leaning(names: Sequence[str]) -> str:
    rows = "".join(
        f"<tr><td>{escape(question)}</td><td>☐ Yes</td><td>☐ No</td></tr>"
        for question in SURE_QUESTIONS
    )
    options = "".join(f"<li>☐ {escape(name)}</li>" for name in names)
    return (
        "<h2>Where am I leaning?</h2><p>Tick what you lean towards, if anything yet:</p>"
        f'<ul class="tick">{options}<li>☐ Doing nothing for now (watchful waiting)</li>'
        "<li>☐ Not sure yet</li></ul>"
        '<table class="sure"><caption>The SURE test: if you answer No to any, talk it '
        f"through more before deciding.</caption>{rows}</table>"
    )


def visit_summary_html(
    chosen: pd.DataFrame,
    spec: Any,
    weights: Weights,
    review_date: str,
    today: date,
    aims: Sequence[str] = (),
    findings: Mapping[str, Sequence[str]] | None = None,
    caution_lines: Mapping[str, CautionLines] | None = None,
) -> str:
    """A self-contained HTML page; every value from the table is escaped, never run.

    `findings` gives each treatment's natural-frequency sentences; `caution_lines` the
    person's cautions across every treatment in view, by level and condition.
    """
    findings = findings or {}
    sections = "".join(
        _treatment_section(row, findings.get(row["treatment_id"], ()))
        for row in chosen.to_dict("records")
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AVN treatment options: visit summary</title>
<style>{STYLE}</style></head>
<body><main>
<h1>AVN treatment options to discuss with my doctor</h1>
<p>Made with the AVN Treatment Explorer on {today.isoformat()};
data reviewed {escape(review_date)}.</p>
<p class="no-print">Print this page (Ctrl+P or ⌘P) and bring it to your visit.</p>
<h2>About me</h2><dl>{_about_me(spec, aims, weights)}</dl>
<h2>Cautions for me, across the treatments in view</h2>{_cautions(caution_lines or {})}
{sections or "<p>No treatments were chosen.</p>"}
{_leaning(list(chosen["name"]))}
<p class="note"><strong>{escape(DISCLAIMER)}</strong></p>
</main></body></html>
"""


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
    """The whole visit summary for a view: what the page's download button saves."""
    picked, in_view = summary_treatments(table, view, cautions, outcomes)
    numbers = {
        row["treatment_id"]: [
            f"{found.sentence} ({found.source})"
            for found in in_numbers(
                outcomes, row["treatment_id"], row["name"], view.filters, view.aims
            )
        ]
        for row in picked.to_dict("records")
    }
    caution_lines = {
        level: cautions_by_condition(cautions, in_view, view.filters.situation, level)
        for level in LEVELS
    }
    return visit_summary_html(
        picked, view.filters, view.weights, review_date, today, view.aims, numbers, caution_lines
    )
