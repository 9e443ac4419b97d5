"""The trade-off map: invasiveness against side effects, with its sentence and table."""

from html import escape
from typing import cast

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from avn_data.tables import columns as col
from avn_data.view.durations import weeks_text
from avn_data.view.figures.layout import (
    CATEGORY_COLOURS,
    NAMED_IN_SENTENCE,
    SCORE_RANGE,
    SCORE_TICKS,
    PlotlyDict,
    by_category,
    figure_of,
    hover_text,
    in_category_order,
    in_words,
    out_of_four,
    score_or_unknown,
    titled,
    typical_weeks,
)
from avn_data.view.rows import places
from avn_data.view.theme import TEXT_COLOUR

# An unknown side-effect burden is drawn in a band of its own below 0, never at 0.
UNKNOWN_BURDEN = col.SCORE_MIN - 1


BURDEN_AXIS = {
    "range": [UNKNOWN_BURDEN - 0.6, col.SCORE_MAX + 0.6],
    "tickvals": [UNKNOWN_BURDEN, *range(col.SCORE_MIN, col.SCORE_MAX + 1)],
    "ticktext": ["unknown", *map(str, range(col.SCORE_MIN, col.SCORE_MAX + 1))],
}


# Points sharing a cell sit on a circle that grows with their number but stays inside the cell.
CELL_SPREAD_BASE = 0.15


CELL_SPREAD_PER_POINT = 0.035


CELL_SPREAD_MAX = 0.42


# A bubble big enough to hold its two-digit number.
MIN_BUBBLE = 16


# Past these sizes a mark per treatment is unreadable and slow to draw.
MAX_POINTS = 300
# What a grouped bubble's hover box says, in its order.
GROUP_HOVER_COLUMNS = ("count", "category", "invasiveness", "side_effect_burden", "weeks")


def cell_offsets(x: pd.Series, y: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Offsets that place points sharing an (x, y) cell on a small circle around its centre."""
    group = pd.DataFrame({"x": x.to_numpy(), "y": y.to_numpy()})
    position = group.groupby(["x", "y"]).cumcount().to_numpy()
    size = group.groupby(["x", "y"])["x"].transform("size").to_numpy()
    radius = np.where(
        size == 1, 0.0, np.minimum(CELL_SPREAD_MAX, CELL_SPREAD_BASE + CELL_SPREAD_PER_POINT * size)
    )
    angle = 2 * np.pi * position / size
    return radius * np.cos(angle), radius * np.sin(angle)


def _bubble_size(weeks: pd.Series) -> np.ndarray:
    # Log scale: courses run from a day to years, and all must stay readable.
    # numpy's stubs type a ufunc of a Series as an array; pandas returns a Series.
    return (MIN_BUBBLE + 4 * cast(pd.Series, np.log2(1 + weeks.fillna(0)))).to_numpy()


def _readable_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def _bubbles(category: str, rows: pd.DataFrame) -> PlotlyDict:
    """One category's bubbles; `rows` holds x, y, size, hover and the label drawn in each
    bubble, and treatment_id if clickable."""
    colour = CATEGORY_COLOURS.get(category, "#999999")
    trace = {
        "type": "scatter",
        "mode": "markers+text",
        "name": category,
        "x": rows["x"].tolist(),
        "y": rows["y"].tolist(),
        "text": rows["label"].tolist(),
        "textposition": "middle center",
        "textfont": {"size": 11, "color": _readable_on(colour)},
        "hovertext": rows["hover"].tolist(),
        "hoverinfo": "text",
        "marker": {
            "size": rows["size"].tolist(),
            "color": colour,
            "opacity": 0.85,
            "line": {"width": 1, "color": "white"},
        },
    }
    if "treatment_id" in rows.columns:
        trace["customdata"] = rows["treatment_id"].tolist()
    return trace


def _burden_position(table: pd.DataFrame) -> pd.Series:
    return table["side_effect_burden"].fillna(UNKNOWN_BURDEN)


def _map_points(table: pd.DataFrame) -> list[PlotlyDict]:
    burden = _burden_position(table)
    dx, dy = cell_offsets(table["invasiveness"], burden)
    points = table.assign(
        x=table["invasiveness"] + dx,
        y=burden + dy,
        size=_bubble_size(typical_weeks(table)),
        hover=hover_text(table),
        label=[str(place) for place in places(table)],
    )
    traces = in_category_order([_bubbles(category, rows) for category, rows in by_category(points)])
    if "not_beaten" in points.columns and points["not_beaten"].any():
        best = points[points["not_beaten"]]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Not beaten on every count",
                "x": best["x"].tolist(),
                "y": best["y"].tolist(),
                "customdata": best["treatment_id"].tolist(),
                "hoverinfo": "skip",
                "marker": {
                    "symbol": "circle-open",
                    "size": (best["size"] + 10).tolist(),
                    "color": TEXT_COLOUR,
                    "line": {"width": 2},
                },
            }
        )
    return traces


def _map_groups(table: pd.DataFrame) -> list[PlotlyDict]:
    """One bubble per score cell and category, sized by how many treatments it holds."""
    groups = (
        table.assign(weeks=typical_weeks(table), side_effect_burden=_burden_position(table))
        .groupby(["invasiveness", "side_effect_burden", "category"], observed=True)
        .agg(count=("treatment_id", "size"), weeks=("weeks", "median"))
        .reset_index()
    )
    dx, dy = cell_offsets(groups["invasiveness"], groups["side_effect_burden"])
    groups = groups.assign(
        x=groups["invasiveness"] + dx,
        y=groups["side_effect_burden"] + dy,
        size=MIN_BUBBLE + 6 * np.log10(groups["count"]),
        label=[f"{count:,}" for count in groups["count"]],
        hover=[
            f"<b>{count:,} treatments</b><br>{escape(category)}<br>Invasiveness "
            f"{invasiveness}/4 · Side-effect burden "
            f"{out_of_four(burden if burden >= 0 else None)}"
            f"<br>Median course {weeks_text(weeks, weeks)}"
            for count, category, invasiveness, burden, weeks in zip(
                *(groups[column] for column in GROUP_HOVER_COLUMNS), strict=True
            )
        ],
    )
    return in_category_order([_bubbles(category, rows) for category, rows in by_category(groups)])


def trade_off_map(table: pd.DataFrame) -> go.Figure:
    """Invasiveness against side-effect burden; bubble area grows with typical course length."""
    grouped = len(table) > MAX_POINTS
    traces = _map_groups(table) if grouped else _map_points(table)
    note = f" ({len(table):,} treatments, grouped)" if grouped else ""
    return figure_of(
        traces,
        titled("Trade-off map: how invasive, against side effects", note),
        "Invasiveness (0 = none … 4 = surgery)",
        "Side-effect burden (0 = none … 4 = surgical)",
        xaxis={"range": SCORE_RANGE, **SCORE_TICKS, "zeroline": False},
        yaxis={**BURDEN_AXIS, "zeroline": False},
        height=520,
    )


def trade_off_text(table: pd.DataFrame) -> str:
    """The trade-off map in a sentence: how many, the gentlest, and the ones not beaten."""
    if table.empty:
        return "Trade-off map: no treatments to show."
    known = table.dropna(subset=["invasiveness", "side_effect_burden"])
    gentlest = known[
        known["invasiveness"].eq(known["invasiveness"].min())
        & known["side_effect_burden"].eq(known["side_effect_burden"].min())
    ]
    place_of = pd.Series(places(table), index=table.index)

    def named(indexes: pd.Index) -> str:
        """The first few rows by place and name, and how many more; only those few are
        worded (wording every row cost seconds at 100k rows)."""
        words = [in_words(place_of[i], table["name"][i]) for i in indexes[:NAMED_IN_SENTENCE]]
        more = len(indexes) - NAMED_IN_SENTENCE
        return ", ".join(words) + (f" and {more} more" if more > 0 else "")

    words = [f"Trade-off map of {len(table):,} treatments, invasiveness against side effects."]
    if not gentlest.empty:
        words.append(
            f"Gentlest (invasiveness {gentlest['invasiveness'].iloc[0]:g}, side effects "
            f"{gentlest['side_effect_burden'].iloc[0]:g}): "
            f"{named(gentlest.index)}."
        )
    unknown = int(table["side_effect_burden"].isna().sum())
    if unknown:
        words.append(f"{unknown} with unknown side effects sit in a band of their own.")
    if "not_beaten" in table.columns and table["not_beaten"].any():
        best = named(table.index[table["not_beaten"].astype(bool)])
        words.append(f"Not beaten on every count: {best}.")
    return " ".join(words)


def trade_off_data(table: pd.DataFrame) -> pd.DataFrame:
    """The map's points as rows: the table's number, name and the two scores it plots."""
    if len(table) > MAX_POINTS:
        grouped = (
            table.assign(burden=table["side_effect_burden"].map(score_or_unknown))
            .groupby(["invasiveness", "burden", "category"], observed=True)
            .size()
            .reset_index(name="treatments")
        )
        return grouped.rename(
            columns={
                "invasiveness": "Invasiveness (0–4)",
                "burden": "Side effects (0–4)",
                "category": "Category",
                "treatments": "Treatments",
            }
        )
    frame = pd.DataFrame(
        {
            "No.": places(table),
            "Treatment": table["name"].to_numpy(),
            "Category": table["category"].astype(str).to_numpy(),
            "Invasiveness (0–4)": table["invasiveness"].map(score_or_unknown).to_numpy(),
            "Side effects (0–4)": table["side_effect_burden"].map(score_or_unknown).to_numpy(),
            "How long": [
                weeks_text(low, high)
                for low, high in zip(
                    table["duration_weeks_min"], table["duration_weeks_max"], strict=True
                )
            ],
        }
    )
    if "not_beaten" in table.columns:
        frame["Not beaten"] = np.where(table["not_beaten"].astype(bool), "yes", "")
    return frame
