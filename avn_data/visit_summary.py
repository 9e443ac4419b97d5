"""A printable page of the chosen treatments for the doctor's visit (HTML with print styles)."""

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from avn_data.about import DISCLAIMER
from avn_data.conditions import condition_labels
from avn_data.filters import stage_label
from avn_data.ranking import COST_COLUMNS, COST_LABELS, Weights
from avn_data.rubric import evidence_text, level_text
from avn_data.wording import questions, source_links, weeks_text

STYLE = (Path(__file__).with_name("visit_summary.css")).read_text(encoding="utf-8")


def _row(label: str, value: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<dt>{escape(label)}</dt><dd{attribute}>{escape(value)}</dd>"


def _treatment_section(row: dict) -> str:
    links = "".join(
        f'<li><a href="{escape(url)}">{escape(url)}</a></li>'
        for url in source_links(row["source_urls"])
    )
    asked = "".join(
        f"<li>{escape(question)}</li>" for question in questions(row["questions_to_ask"])
    )
    details = "".join([
        _row("Invasiveness", level_text("invasiveness", row["invasiveness"])),
        _row("Side-effect burden", level_text("side_effect_burden", row["side_effect_burden"])),
        _row("Typical course", weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])),
        _row("Stages", row["applicable_stages"]),
        _row("Side effects", row["side_effects"]),
        _row("Who should avoid it", row["cautions"]),
        _row("Cautions for me", row["cautions_for_you"] or "None for the situations I gave.",
             "caution" if row["cautions_for_you"] else ""),
        _row("Evidence", f"{evidence_text(row['evidence_certainty'])}. {row['evidence_summary']}"),
        _row("Fit for my priorities", f"{row['fit']:g} / 100"),
    ])  # fmt: skip
    return (
        f"<section><h2>{escape(row['name'])}</h2><dl>{details}</dl>"
        f'<h3>Questions to ask</h3><ol class="questions">{asked}</ol>'
        f'<p class="sources">Sources: {escape(row["sources"])}</p>'
        + (f'<ul class="sources">{links}</ul>' if links else "")
        + "</section>"
    )


def _situation_lines(spec: Any, weights: Weights) -> str:
    labels = condition_labels()
    stage = "not given" if spec.stage is None else stage_label(spec.stage)
    situation = "; ".join(labels[slug] for slug in spec.situation) or "none given"
    minded = ", ".join(
        f"{COST_LABELS[name].lower()} {getattr(weights, name)}/5" for name in COST_COLUMNS
    )
    return "".join([
        _row("My stage", stage),
        _row("My situation", situation),
        _row("How much I mind", minded),
    ])  # fmt: skip


def visit_summary_html(
    chosen: pd.DataFrame, spec: Any, weights: Weights, review_date: str, today: date
) -> str:
    """A self-contained HTML page; every value from the table is escaped, never run."""
    sections = "".join(_treatment_section(row) for row in chosen.to_dict("records"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AVN treatment options: visit summary</title>
<style>{STYLE}</style></head>
<body>
<h1>AVN treatment options to discuss with my doctor</h1>
<p>Made with the AVN Treatment Explorer on {today.isoformat()};
data reviewed {escape(review_date)}.</p>
<p class="no-print">Print this page (Ctrl+P or ⌘P) and bring it to your visit.</p>
<dl>{_situation_lines(spec, weights)}</dl>
{sections or "<p>No treatments were chosen.</p>"}
<p class="note"><strong>{DISCLAIMER}</strong></p>
</body></html>
"""
