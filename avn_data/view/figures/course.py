"""Course length: each treatment's shortest to longest course, with its sentence and table."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from avn_data.view.durations import weeks_text
from avn_data.view.figures.layout import (
    CATEGORY_COLOURS,
    PlotlyDict,
    by_category,
    drawn_rows,
    figure_of,
    in_category_order,
    in_words,
    per_treatment_data,
    per_treatment_layout,
    titled,
)
from avn_data.view.rows import places
from avn_data.view.theme import TEXT_COLOUR

# Course-axis ticks in the words a person uses; the axis ends at the first one past the
# longest course drawn.
COURSE_TICKS = (
    (1 / 7, "1 day"), (1, "1 week"), (52 / 12, "1 month"), (13, "3 months"), (26, "6 months"),
    (52, "1 year"), (260, "5 years"), (520, "10 years"), (1040, "20 years"),
)  # fmt: skip


# A log axis cannot show 0 weeks; one day is the shortest course drawn.
ONE_DAY = 1 / 7


def _course_trace(category: str, rows: pd.DataFrame) -> PlotlyDict:
    """One line per treatment from its shortest to its longest course, gaps between them."""
    count = len(rows)
    x = np.full(3 * count, None, dtype=object)
    x[0::3] = rows["duration_weeks_min"].clip(lower=ONE_DAY).tolist()
    x[1::3] = rows["duration_weeks_max"].clip(lower=ONE_DAY).tolist()
    y, hover, ids = (np.full(3 * count, None, dtype=object) for _ in range(3))
    for column, target in (("label", y), ("hover", hover), ("treatment_id", ids)):
        target[0::3] = target[1::3] = rows[column].tolist()
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": category,
        "x": x.tolist(),
        "y": y.tolist(),
        "hovertext": hover.tolist(),
        "hoverinfo": "text",
        "customdata": ids.tolist(),
        "line": {"color": CATEGORY_COLOURS.get(category, "#999999"), "width": 6},
        "marker": {"size": 9, "color": CATEGORY_COLOURS.get(category, "#999999")},
    }


def duration_chart(table: pd.DataFrame, max_weeks: float | None = None) -> go.Figure:
    """Each treatment's typical course as a line from its shortest to its longest, in weeks."""
    ordered, note = drawn_rows(table)
    unknown = ordered["duration_weeks_min"].isna() | ordered["duration_weeks_max"].isna()
    if unknown.any():
        note += f" · {int(unknown.sum())} with no known course not drawn"
    ordered = ordered[~unknown]
    traces = in_category_order(
        [_course_trace(category, rows) for category, rows in by_category(ordered)]
    )
    layout = per_treatment_layout(ordered)
    drawn = [*ordered["duration_weeks_max"].dropna(), max_weeks or 0, ONE_DAY]
    ticks = course_ticks(max(drawn))
    if max_weeks is not None:
        limit = max(max_weeks, ONE_DAY)
        layout["shapes"] = [
            {
                "type": "line", "xref": "x", "yref": "paper", "x0": limit, "x1": limit,
                "y0": 0, "y1": 1, "line": {"dash": "dash", "color": TEXT_COLOUR},
            }
        ]  # fmt: skip
    return figure_of(
        traces,
        titled("Course length: shortest to longest", note),
        "Weeks to years (log scale)",
        "Treatment",
        xaxis={"type": "log", "tickvals": [weeks for weeks, _ in ticks],
               "ticktext": [words for _, words in ticks],
               "range": [np.log10(ONE_DAY) - 0.15, np.log10(ticks[-1][0]) + 0.05]},
        **layout,
    )  # fmt: skip


def course_ticks(longest: float) -> list[tuple[float, str]]:
    """The course axis's ticks, up to the first that reaches `longest` weeks."""
    reaching = [tick for tick in COURSE_TICKS if tick[0] >= longest]
    end = reaching[0] if reaching else COURSE_TICKS[-1]
    return [tick for tick in COURSE_TICKS if tick[0] <= end[0]]


def duration_text(table: pd.DataFrame) -> str:
    """The shortest and the longest course drawn, and how many have none known."""
    if table.empty:
        return "Course length: no treatments to show."
    ordered, note = drawn_rows(table)
    ordered = ordered.assign(place=places(ordered))
    known = ordered.dropna(subset=["duration_weeks_min", "duration_weeks_max"])
    words = [f"Course length of {len(ordered):,} treatments{note}."]
    if not known.empty:
        shortest = known.iloc[known["duration_weeks_min"].argmin()]
        longest = known.iloc[known["duration_weeks_max"].argmax()]
        words.append(
            f"Shortest: {in_words(shortest['place'], shortest['name'])}, "
            f"{weeks_text(shortest['duration_weeks_min'], shortest['duration_weeks_max'])}. "
            f"Longest: {in_words(longest['place'], longest['name'])}, "
            f"{weeks_text(longest['duration_weeks_min'], longest['duration_weeks_max'])}."
        )
    unknown = len(ordered) - len(known)
    if unknown:
        words.append(f"{unknown} with no known course are not drawn.")
    return " ".join(words)


def duration_data(table: pd.DataFrame) -> pd.DataFrame:
    return per_treatment_data(
        table, "How long", weeks_text, "duration_weeks_min", "duration_weeks_max"
    )
