"""Plotly figures of the filtered treatments; pure functions a test can read trace by trace."""

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from avn_data import columns as col
from avn_data.filters import stage_range_label
from avn_data.ranking import COST_COLUMNS, COST_LABELS, costs

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = dict(
    zip(
        col.CATEGORIES,
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999"),
        strict=True,
    )
)
FONT = {"family": "sans-serif", "size": 13}
STAGE_TICKS = {"tickvals": list(col.STAGE_LABELS), "ticktext": list(col.STAGE_LABELS.values())}
SCORE_TICKS = {"tickvals": list(range(col.SCORE_MIN, col.SCORE_MAX + 1))}
CAPTIONS = {
    "trade_off_map": "Lower left is gentler: less invasive, lighter side effects. "
    "Bigger bubbles take longer; points sharing a cell sit around its centre; "
    "ringed points are not beaten on every count by any other.",
    "stage_coverage": "Each bar spans the disease stages a treatment has been used or "
    "studied at; the shaded band is the stage you chose.",
    "compare": "Each group is one cost on 0–4, lower is better; time and weak evidence "
    "are scored as 'What matters to me' explains.",
    "duration": "Each line runs from the shortest to the longest typical course; "
    "the dashed line is your time limit.",
}
# Points sharing a cell sit on a circle that grows with their number but stays inside the cell.
CELL_SPREAD_BASE = 0.15
CELL_SPREAD_PER_POINT = 0.035
CELL_SPREAD_MAX = 0.42
SHORT_NAME_LENGTH = 34


def short_name(name: str) -> str:
    """A name short enough for an axis label; the hover text keeps the full one."""
    return name if len(name) <= SHORT_NAME_LENGTH else name[: SHORT_NAME_LENGTH - 1] + "…"


def typical_weeks(table: pd.DataFrame) -> pd.Series:
    """Midpoint of the typical course, in weeks."""
    return (table["duration_weeks_min"] + table["duration_weeks_max"]) / 2


def hover_text(table: pd.DataFrame) -> list[str]:
    """Name and all four scores, for every chart's hover box."""
    return [
        f"<b>{row.name}</b><br>{row.category}<br>Invasiveness {row.invasiveness}/4"
        f" · Side-effect burden {row.side_effect_burden}/4"
        f"<br>Course {row.duration_weeks_min:g}–{row.duration_weeks_max:g} weeks"
        f" · Stages {stage_range_label(row.stage_min, row.stage_max)}"
        f"<br>Evidence: {row.evidence_certainty}"
        for row in table.itertuples()
    ]


def cell_offsets(x: pd.Series, y: pd.Series) -> tuple[list[float], list[float]]:
    """Offsets that place points sharing an (x, y) cell on a small circle around its centre."""
    group = pd.DataFrame({"x": x.to_numpy(), "y": y.to_numpy()})
    position = group.groupby(["x", "y"]).cumcount().to_numpy()
    size = group.groupby(["x", "y"])["x"].transform("size").to_numpy()
    dx, dy = [], []
    for index, count in zip(position, size, strict=True):
        angle = 2 * math.pi * index / count
        spread = CELL_SPREAD_BASE + CELL_SPREAD_PER_POINT * count
        radius = 0.0 if count == 1 else min(CELL_SPREAD_MAX, spread)
        dx.append(radius * math.cos(angle))
        dy.append(radius * math.sin(angle))
    return dx, dy


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str, **axes) -> go.Figure:
    figure.update_layout(
        title={"text": title},
        xaxis_title=x_title,
        yaxis_title=y_title,
        font=FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": {"text": ""}},
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        **axes,
    )
    return figure


def _by_category(table: pd.DataFrame):
    for category in col.CATEGORIES:
        rows = table[table["category"] == category]
        if not rows.empty:
            yield category, rows


def trade_off_map(table: pd.DataFrame) -> go.Figure:
    """Invasiveness against side-effect burden; bubble area grows with typical course length."""
    figure = go.Figure()
    dx, dy = cell_offsets(table["invasiveness"], table["side_effect_burden"])
    offsets = pd.DataFrame({"dx": dx, "dy": dy}, index=table.index)
    weeks = typical_weeks(table)
    for category, rows in _by_category(table):
        figure.add_trace(
            go.Scatter(
                x=rows["invasiveness"] + offsets.loc[rows.index, "dx"],
                y=rows["side_effect_burden"] + offsets.loc[rows.index, "dy"],
                mode="markers",
                name=category,
                customdata=rows["treatment_id"],
                hovertext=hover_text(rows),
                hoverinfo="text",
                marker={
                    # Log scale: courses run from a day to years, and all must stay readable.
                    "size": 8 + 4 * np.log2(1 + weeks.loc[rows.index]),
                    "sizemode": "diameter",
                    "color": CATEGORY_COLOURS[category],
                    "opacity": 0.8,
                    "line": {"width": 1, "color": "white"},
                },
            )
        )
    if "not_beaten" in table.columns:
        best = table["not_beaten"]
        figure.add_trace(
            go.Scatter(
                x=table.loc[best, "invasiveness"] + offsets.loc[best, "dx"],
                y=table.loc[best, "side_effect_burden"] + offsets.loc[best, "dy"],
                mode="markers",
                name="Not beaten on every count",
                customdata=table.loc[best, "treatment_id"],
                hoverinfo="skip",
                marker={
                    "symbol": "circle-open",
                    "size": 18 + 4 * np.log2(1 + weeks.loc[best]),
                    "color": "#1f2a30",
                    "line": {"width": 2},
                },
            )
        )
    axis_range = [col.SCORE_MIN - 0.6, col.SCORE_MAX + 0.6]
    return _layout(
        figure,
        "Trade-off map: how invasive against how heavy the side effects",
        "Invasiveness (0 = nothing enters the body … 4 = open surgery)",
        "Side-effect burden (0 = none … 4 = surgical risks)",
        xaxis={"range": axis_range, **SCORE_TICKS, "zeroline": False},
        yaxis={"range": axis_range, **SCORE_TICKS, "zeroline": False},
        height=520,
    )


def _row_order(table: pd.DataFrame) -> pd.DataFrame:
    """Least invasive at the top, then shortest course, then name."""
    return table.sort_values(
        ["invasiveness", "duration_weeks_min", "name"], ascending=[False, False, False]
    )


def _height(rows: int) -> int:
    return 140 + 26 * max(rows, 3)


def stage_coverage(table: pd.DataFrame, highlight_stage: int | None = None) -> go.Figure:
    """One bar per treatment spanning the stages it applies to."""
    ordered = _row_order(table)
    figure = go.Figure()
    for category, rows in _by_category(ordered):
        figure.add_trace(
            go.Bar(
                y=rows["name"].map(short_name),
                x=rows["stage_max"] - rows["stage_min"] + 0.8,
                base=rows["stage_min"] - 0.4,
                orientation="h",
                name=category,
                customdata=rows["treatment_id"],
                hovertext=hover_text(rows),
                hoverinfo="text",
                marker={"color": CATEGORY_COLOURS[category]},
            )
        )
    if highlight_stage is not None:
        figure.add_vrect(
            x0=highlight_stage - 0.5, x1=highlight_stage + 0.5, fillcolor="#0f6e8c", opacity=0.1
        )
    figure.update_yaxes(categoryorder="array", categoryarray=list(ordered["name"].map(short_name)))
    return _layout(
        figure,
        "Stage coverage: where each treatment applies",
        "Disease stage (0 = at risk, I–IV = ARCO 2019)",
        "Treatment",
        xaxis={"range": [col.STAGE_MIN - 0.5, col.STAGE_MAX + 0.5], **STAGE_TICKS},
        barmode="overlay",
        height=_height(len(ordered)),
    )


def duration_chart(table: pd.DataFrame, max_weeks: float | None = None) -> go.Figure:
    """Each treatment's typical course as a line from its shortest to its longest, in weeks."""
    ordered = _row_order(table)
    figure = go.Figure()
    for category, rows in _by_category(ordered):
        x, y, text = [], [], []
        for row, hover in zip(rows.itertuples(), hover_text(rows), strict=True):
            # A log axis cannot show 0 weeks; one day is the shortest course drawn.
            x += [max(row.duration_weeks_min, 1 / 7), max(row.duration_weeks_max, 1 / 7), None]
            y += [short_name(row.name), short_name(row.name), None]
            text += [hover, hover, None]
        figure.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="lines+markers",
                name=category,
                hovertext=text,
                hoverinfo="text",
                line={"color": CATEGORY_COLOURS[category], "width": 6},
                marker={"size": 9, "color": CATEGORY_COLOURS[category]},
                customdata=[tid for tid in rows["treatment_id"] for _ in range(3)],
            )
        )
    if max_weeks is not None:
        figure.add_vline(x=max(max_weeks, 1 / 7), line_dash="dash", line_color="#1f2a30")
    figure.update_yaxes(categoryorder="array", categoryarray=list(ordered["name"].map(short_name)))
    return _layout(
        figure,
        "Course length: typical shortest to longest, in weeks",
        "Weeks (log scale)",
        "Treatment",
        xaxis={"type": "log", "tickvals": [1 / 7, 1, 4, 12, 26, 52, 104, 156],
               "ticktext": ["1 day", "1", "4", "12", "26", "52", "104", "156"]},
        height=_height(len(ordered)),
    )  # fmt: skip


COMPARE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#000000")


def compare_chart(rows: pd.DataFrame) -> go.Figure:
    """The chosen treatments' four costs side by side, each on 0–4 (lower is better)."""
    cost = costs(rows)
    labels = [COST_LABELS[name] for name in COST_COLUMNS]
    figure = go.Figure()
    for (index, row), colour in zip(rows.iterrows(), COMPARE_COLOURS, strict=False):
        values = [cost.at[index, name] for name in COST_COLUMNS]
        figure.add_trace(
            go.Bar(
                x=labels,
                y=values,
                name=short_name(row["name"]),
                customdata=[row["treatment_id"]] * len(labels),
                hovertext=[
                    f"<b>{row['name']}</b><br>{label}: {value:g} of 4"
                    for label, value in zip(labels, values, strict=True)
                ],
                hoverinfo="text",
                marker={"color": colour},
            )
        )
    return _layout(
        figure,
        "Side by side: the four costs of each treatment",
        "Cost",
        "Points (0 = best … 4 = worst)",
        yaxis={"range": [0, col.SCORE_MAX], **SCORE_TICKS},
        barmode="group",
        height=420,
    )  # fmt: skip
