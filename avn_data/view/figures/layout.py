"""What every chart shares: colours, fonts, numbering, hover text and the figure's frame."""

from collections.abc import Callable, Iterator
from html import escape
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from avn_data.tables import columns as col
from avn_data.tables.stage_numbers import stage_range_label
from avn_data.view.durations import weeks_text
from avn_data.view.rows import places
from avn_data.view.text import plain_label
from avn_data.view.theme import FONT_FAMILY, PALETTE, TEXT_COLOUR
from avn_data.view.wording import said_once

# A figure part as plotly takes it (a trace, a layout): nested JSON-like dicts.
PlotlyDict = dict[str, Any]

# Okabe–Ito (from the theme): distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = dict(zip(col.CATEGORIES, PALETTE, strict=True))


FONT = {"family": FONT_FAMILY, "size": 13}


INK = {"color": TEXT_COLOUR}


SCORE_TICKS = {"tickvals": list(range(col.SCORE_MIN, col.SCORE_MAX + 1))}


SCORE_RANGE = [col.SCORE_MIN - 0.6, col.SCORE_MAX + 0.6]


CAPTIONS = {
    "trade_off_map": "Lower left is gentler: less invasive, lighter side effects. "
    "Each bubble's number is the treatment's place in the table; bigger bubbles take longer; "
    "points sharing a cell sit around its centre; ringed points are not beaten on every count "
    "by any other.",
    "stage_coverage": "Each bar spans the disease stages a treatment has been used or "
    "studied at; the shaded band is the stage you chose. Numbered and ordered as in the "
    "table, best first.",
    "compare": "Each group is one cost on 0–4, lower is better; time and weak evidence "
    "are scored as 'What matters to me' explains.",
    "duration": "Each line runs from the shortest to the longest typical course; "
    "the dashed line is your time limit. Numbered and ordered as in the table, best first.",
}


SHORT_NAME_LENGTH = 34


TICK_NAME_LENGTH = 24


MAX_BARS = 50


def short_name(name: str) -> str:
    """A name short enough for an axis label or legend, shown as text: Plotly reads <a>, <b>
    and <br> in labels, so the table's text is escaped. The hover text keeps the full name."""
    cut = name if len(name) <= SHORT_NAME_LENGTH else name[: SHORT_NAME_LENGTH - 1] + "…"
    return plain_label(cut)


def numbered(place: int | str, name: str) -> str:
    """'3 · Extracorporeal shockwave…': a treatment's place in the table, then a name short
    enough to leave a phone's chart room for its bars (the hover and the data keep it whole)."""
    cut = name if len(name) <= TICK_NAME_LENGTH else name[: TICK_NAME_LENGTH - 1] + "…"
    return f"{place} · {plain_label(cut)}"


def titled(title: str, note: str) -> str:
    """A chart title with its note on a second, smaller line, so a phone shows both."""
    return f"{title}<br><sup>{note.removeprefix(' · ').strip()}</sup>" if note else title


def typical_weeks(table: pd.DataFrame) -> pd.Series:
    """Midpoint of the typical course, in weeks."""
    return (table["duration_weeks_min"] + table["duration_weeks_max"]) / 2


def out_of_four(score: float | None) -> str:
    return "unknown" if score is None or pd.isna(score) else f"{score:g}/4"


HOVER_COLUMNS = (
    "name", "category", "invasiveness", "side_effect_burden", "duration_weeks_min",
    "duration_weeks_max", "stage_min", "stage_max", "evidence_certainty",
)  # fmt: skip


def hover_text(table: pd.DataFrame) -> list[str]:
    """Name and all four scores, for every chart's hover box; table text is HTML-escaped."""
    # Only the columns it reads, zipped as itertuples would: the stubs type a tuple's fields
    # as any scalar, a column's items as its own.
    return [
        f"<b>{escape(name)}</b><br>{escape(category)}<br>Invasiveness {invasiveness}/4"
        f" · Side-effect burden {out_of_four(burden)}"
        f"<br>Course {weeks_text(weeks_min, weeks_max)}"
        f" · Stages {stage_range_label(stage_min, stage_max)}"
        f"<br>Evidence: {escape(certainty)}"
        for (
            name, category, invasiveness, burden, weeks_min, weeks_max, stage_min, stage_max,
            certainty,
        ) in zip(*(table[column] for column in HOVER_COLUMNS), strict=True)
    ]  # fmt: skip


def figure_of(
    traces: list[PlotlyDict], title: str, x_title: str, y_title: str, **layout: Any
) -> go.Figure:
    # Validation is most of a figure's build time; tests validate every builder's output in
    # full (test_charts.py), so the page skips it. `_validate` is plotly's private switch, with
    # no public equivalent (st.plotly_chart re-validates a dict): plotly is pinned in
    # requirements.txt and tests/test_benchmark.py fails if an upgrade drops or ignores it.
    return go.Figure(
        _validate=False,
        data=traces,
        layout={
            "title": {"text": title},
            # Text in the page's text colour: Streamlit's chart theme draws axis text in a
            # faded grey that does not reach 4.5:1.
            "xaxis": {
                "title": {"text": x_title, "font": INK},
                "tickfont": INK,
                **layout.pop("xaxis", {}),
            },
            "yaxis": {
                "title": {"text": y_title, "font": INK},
                "tickfont": INK,
                **layout.pop("yaxis", {}),
            },
            "font": {**FONT, **INK},
            # Below the chart, where a legend that wraps on a phone pushes the margin down
            # instead of running over the title.
            "legend": {
                "orientation": "h",
                "yref": "container",
                "yanchor": "bottom",
                "y": 0,
                "x": 0,
                "font": INK,
            },
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
            **layout,
        },
    )


def by_category(table: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    for category, rows in table.groupby("category", sort=False, observed=True):
        yield str(category), rows


def in_category_order(traces: list[PlotlyDict]) -> list[PlotlyDict]:
    order = {category: index for index, category in enumerate(col.CATEGORIES)}
    return sorted(traces, key=lambda trace: order.get(trace["name"], len(order)))


def drawn_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows a per-treatment chart draws, in the table's order and numbered as there, and
    a title note.

    Past MAX_BARS rows a bar per treatment is unreadable, so the chart keeps the first
    MAX_BARS in the order given (the page passes them in the list's order) and says so.
    """
    shown = table.head(MAX_BARS)
    note = (
        f" (first {MAX_BARS} of {len(table):,} in the list's order)"
        if len(table) > MAX_BARS
        else ""
    )
    numbers = [
        numbered(place, name) for place, name in zip(places(shown), shown["name"], strict=True)
    ]
    labels = shown["name"].map(short_name)
    return shown.assign(label=labels, numbered=numbers, hover=hover_text(shown)), note


def per_treatment_layout(ordered: pd.DataFrame) -> PlotlyDict:
    # Plotly draws the first category at the bottom; the table's first row goes on top, and
    # each row is labelled with its number in the table.
    return {
        "yaxis": {
            "categoryorder": "array", "categoryarray": ordered["label"].tolist()[::-1],
            "tickmode": "array", "tickvals": ordered["label"].tolist(),
            "ticktext": ordered["numbered"].tolist(),
        },
        "height": 160 + 26 * max(len(ordered), 3),
    }  # fmt: skip


# Text alternatives: each chart's point in a sentence (its `alt`), and its data as a table
# with the same numbers, in the same order. Table text stays as written; the page escapes it.
def one_decimal(value: float) -> str:
    return f"{round(float(value), 1):g}"


# A sentence names this many treatments, then says how many more.
NAMED_IN_SENTENCE = 5


def in_words(place: int, name: str) -> str:
    """'3 · Extracorporeal shockwave therapy (ESWT)': the place and the full name, as text."""
    return f"{place} · {name}"


def score_or_unknown(score: float | None) -> str:
    return "unknown" if score is None or pd.isna(score) else f"{score:g}"


def per_treatment_data(
    table: pd.DataFrame, heading: str, words: Callable[..., str], low: str, high: str
) -> pd.DataFrame:
    """A per-treatment chart's data as a table: place, name and one worded range column."""
    ordered, _ = drawn_rows(table)
    return pd.DataFrame(
        {
            "No.": places(ordered),
            "Treatment": ordered["name"].to_numpy(),
            heading: said_once(words, ordered[low], ordered[high]),
        }
    )
