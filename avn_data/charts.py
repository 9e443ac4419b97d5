"""Plotly figures of the filtered treatments; pure functions a test can read trace by trace.

Traces and layouts are built as plain dicts of plain lists and turned into one `go.Figure` at
the end: `add_trace`/`update_layout` per trace cost several times more, and lists skip plotly's
dataframe detection and base64 packing of arrays.
"""

from html import escape

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from avn_data import columns as col
from avn_data.filters import stage_range_label
from avn_data.ranking import COST_COLUMNS, COST_LABELS, shown_costs
from avn_data.text import plain_label
from avn_data.theme import FONT_FAMILY, PALETTE, PRIMARY_COLOUR, TEXT_COLOUR
from avn_data.wording import said_once, weeks_text

# Okabe–Ito (from the theme): distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = dict(zip(col.CATEGORIES, PALETTE, strict=True))
COMPARE_COLOURS = PALETTE[:4] + PALETTE[6:7]
FONT = {"family": FONT_FAMILY, "size": 13}
INK = {"color": TEXT_COLOUR}
STAGE_TICKS = {"tickvals": list(col.STAGE_LABELS), "ticktext": list(col.STAGE_LABELS.values())}
SCORE_TICKS = {"tickvals": list(range(col.SCORE_MIN, col.SCORE_MAX + 1))}
SCORE_RANGE = [col.SCORE_MIN - 0.6, col.SCORE_MAX + 0.6]
# An unknown side-effect burden is drawn in a band of its own below 0, never at 0.
UNKNOWN_BURDEN = col.SCORE_MIN - 1
BURDEN_AXIS = {
    "range": [UNKNOWN_BURDEN - 0.6, col.SCORE_MAX + 0.6],
    "tickvals": [UNKNOWN_BURDEN, *range(col.SCORE_MIN, col.SCORE_MAX + 1)],
    "ticktext": ["unknown", *map(str, range(col.SCORE_MIN, col.SCORE_MAX + 1))],
}
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
# Course-axis ticks in the words a person uses; the axis ends at the first one past the
# longest course drawn.
COURSE_TICKS = (
    (1 / 7, "1 day"), (1, "1 week"), (52 / 12, "1 month"), (13, "3 months"), (26, "6 months"),
    (52, "1 year"), (260, "5 years"), (520, "10 years"), (1040, "20 years"),
)  # fmt: skip
# Points sharing a cell sit on a circle that grows with their number but stays inside the cell.
CELL_SPREAD_BASE = 0.15
CELL_SPREAD_PER_POINT = 0.035
CELL_SPREAD_MAX = 0.42
SHORT_NAME_LENGTH = 34
TICK_NAME_LENGTH = 24
# A bubble big enough to hold its two-digit number.
MIN_BUBBLE = 16
# Past these sizes a mark per treatment is unreadable and slow to draw.
MAX_POINTS = 300
MAX_BARS = 50
# A log axis cannot show 0 weeks; one day is the shortest course drawn.
ONE_DAY = 1 / 7


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


def places(table: pd.DataFrame) -> list[int | str]:
    """Each row's place in the list as given (best first), from 1; 'Ref' for a reference
    row, which is not ranked. The table, the charts and their data all number rows by this."""
    is_reference = table.get("is_reference", pd.Series(False, index=table.index))
    counted = (~is_reference.astype(bool)).cumsum()
    return ["Ref" if ref else int(place) for ref, place in zip(is_reference, counted, strict=True)]


def typical_weeks(table: pd.DataFrame) -> pd.Series:
    """Midpoint of the typical course, in weeks."""
    return (table["duration_weeks_min"] + table["duration_weeks_max"]) / 2


def _out_of_four(score: float | None) -> str:
    return "unknown" if score is None or pd.isna(score) else f"{score:g}/4"


HOVER_COLUMNS = (
    "name", "category", "invasiveness", "side_effect_burden", "duration_weeks_min",
    "duration_weeks_max", "stage_min", "stage_max", "evidence_certainty",
)  # fmt: skip


def hover_text(table: pd.DataFrame) -> list[str]:
    """Name and all four scores, for every chart's hover box; table text is HTML-escaped."""
    return [
        f"<b>{escape(row.name)}</b><br>{escape(row.category)}<br>Invasiveness {row.invasiveness}/4"
        f" · Side-effect burden {_out_of_four(row.side_effect_burden)}"
        f"<br>Course {weeks_text(row.duration_weeks_min, row.duration_weeks_max)}"
        f" · Stages {stage_range_label(row.stage_min, row.stage_max)}"
        f"<br>Evidence: {escape(row.evidence_certainty)}"
        # Only the columns it reads: itertuples over every column of the results costs more.
        for row in table[list(HOVER_COLUMNS)].itertuples()
    ]


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


def _figure(traces: list[dict], title: str, x_title: str, y_title: str, **layout) -> go.Figure:
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


def _by_category(table: pd.DataFrame):
    yield from table.groupby("category", sort=False, observed=True)


def _in_category_order(traces: list[dict]) -> list[dict]:
    order = {category: index for index, category in enumerate(col.CATEGORIES)}
    return sorted(traces, key=lambda trace: order.get(trace["name"], len(order)))


def _bubble_size(weeks: pd.Series) -> np.ndarray:
    # Log scale: courses run from a day to years, and all must stay readable.
    return (MIN_BUBBLE + 4 * np.log2(1 + weeks.fillna(0))).to_numpy()


def _readable_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def _bubbles(category: str, rows: pd.DataFrame) -> dict:
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


def _map_points(table: pd.DataFrame) -> list[dict]:
    burden = _burden_position(table)
    dx, dy = cell_offsets(table["invasiveness"], burden)
    points = table.assign(
        x=table["invasiveness"] + dx,
        y=burden + dy,
        size=_bubble_size(typical_weeks(table)),
        hover=hover_text(table),
        label=[str(place) for place in places(table)],
    )
    traces = _in_category_order(
        [_bubbles(category, rows) for category, rows in _by_category(points)]
    )
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


def _map_groups(table: pd.DataFrame) -> list[dict]:
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
            f"<b>{row.count:,} treatments</b><br>{escape(row.category)}<br>Invasiveness "
            f"{row.invasiveness}/4 · Side-effect burden "
            f"{_out_of_four(row.side_effect_burden if row.side_effect_burden >= 0 else None)}"
            f"<br>Median course {weeks_text(row.weeks, row.weeks)}"
            for row in groups.itertuples()
        ],
    )
    return _in_category_order([_bubbles(category, rows) for category, rows in _by_category(groups)])


def trade_off_map(table: pd.DataFrame) -> go.Figure:
    """Invasiveness against side-effect burden; bubble area grows with typical course length."""
    grouped = len(table) > MAX_POINTS
    traces = _map_groups(table) if grouped else _map_points(table)
    note = f" ({len(table):,} treatments, grouped)" if grouped else ""
    return _figure(
        traces,
        titled("Trade-off map: how invasive, against side effects", note),
        "Invasiveness (0 = none … 4 = surgery)",
        "Side-effect burden (0 = none … 4 = surgical)",
        xaxis={"range": SCORE_RANGE, **SCORE_TICKS, "zeroline": False},
        yaxis={**BURDEN_AXIS, "zeroline": False},
        height=520,
    )


def _drawn_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows a per-treatment chart draws, in the table's order and numbered as there, and
    a title note.

    Past MAX_BARS rows a bar per treatment is unreadable, so the chart keeps the first
    MAX_BARS in the order given (the page passes them best fit first) and says so.
    """
    shown = table.head(MAX_BARS)
    note = f" (first {MAX_BARS} of {len(table):,} by fit)" if len(table) > MAX_BARS else ""
    numbers = [
        numbered(place, name) for place, name in zip(places(shown), shown["name"], strict=True)
    ]
    labels = shown["name"].map(short_name)
    return shown.assign(label=labels, numbered=numbers, hover=hover_text(shown)), note


def _per_treatment_layout(ordered: pd.DataFrame) -> dict:
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


def stage_coverage(table: pd.DataFrame, highlight_stage: int | None = None) -> go.Figure:
    """One bar per treatment spanning the stages it applies to."""
    ordered, note = _drawn_rows(table)
    traces = _in_category_order(
        [
            {
                "type": "bar",
                "orientation": "h",
                "name": category,
                "y": rows["label"].tolist(),
                "x": (rows["stage_max"] - rows["stage_min"] + 0.8).tolist(),
                "base": (rows["stage_min"] - 0.4).tolist(),
                "customdata": rows["treatment_id"].tolist(),
                "hovertext": rows["hover"].tolist(),
                "hoverinfo": "text",
                "marker": {"color": CATEGORY_COLOURS.get(category, "#999999")},
            }
            for category, rows in _by_category(ordered)
        ]
    )
    layout = _per_treatment_layout(ordered)
    if highlight_stage is not None:
        layout["shapes"] = [
            {
                "type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1,
                "x0": highlight_stage - 0.5, "x1": highlight_stage + 0.5,
                "fillcolor": PRIMARY_COLOUR, "opacity": 0.1, "line": {"width": 0}, "layer": "below",
            }
        ]  # fmt: skip
    return _figure(
        traces,
        titled("Stage coverage: where each treatment applies", note),
        "Disease stage (0 = at risk, I–IV = ARCO 2019)",
        "Treatment",
        xaxis={"range": [col.STAGE_MIN - 0.5, col.STAGE_MAX + 0.5], **STAGE_TICKS},
        barmode="overlay",
        **layout,
    )


def _course_trace(category: str, rows: pd.DataFrame) -> dict:
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
    ordered, note = _drawn_rows(table)
    unknown = ordered["duration_weeks_min"].isna() | ordered["duration_weeks_max"].isna()
    if unknown.any():
        note += f" · {int(unknown.sum())} with no known course not drawn"
    ordered = ordered[~unknown]
    traces = _in_category_order(
        [_course_trace(category, rows) for category, rows in _by_category(ordered)]
    )
    layout = _per_treatment_layout(ordered)
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
    return _figure(
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


def compare_chart(rows: pd.DataFrame) -> go.Figure:
    """The chosen treatments' four costs side by side, each on 0–4 (lower is better)."""
    cost = shown_costs(rows)
    labels = [COST_LABELS[name] for name in COST_COLUMNS]
    traces = []
    for (index, row), colour in zip(rows.iterrows(), COMPARE_COLOURS, strict=False):
        values = [float(cost.at[index, name]) for name in COST_COLUMNS]
        traces.append(
            {
                "type": "bar",
                "x": labels,
                "y": values,
                "name": short_name(row["name"]),
                "customdata": [row["treatment_id"]] * len(labels),
                "hovertext": [
                    f"<b>{escape(row['name'])}</b><br>{label}: {value:g} of 4"
                    for label, value in zip(labels, values, strict=True)
                ],
                "hoverinfo": "text",
                "marker": {"color": colour},
            }
        )
    return _figure(
        traces,
        "Side by side: the four costs of each treatment",
        "Cost",
        "Points (0 = best … 4 = worst)",
        yaxis={"range": [0, col.SCORE_MAX], **SCORE_TICKS},
        barmode="group",
        height=420,
    )


# Text alternatives: each chart's point in a sentence (its `alt`), and its data as a table
# with the same numbers, in the same order. Table text stays as written; the page escapes it.
def _one_decimal(value: float) -> str:
    return f"{round(float(value), 1):g}"


# A sentence names this many treatments, then says how many more.
NAMED_IN_SENTENCE = 5


def _in_words(place: int, name: str) -> str:
    """'3 · Extracorporeal shockwave therapy (ESWT)': the place and the full name, as text."""
    return f"{place} · {name}"


def _score_or_unknown(score: float | None) -> str:
    return "unknown" if score is None or pd.isna(score) else f"{score:g}"


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
        words = [_in_words(place_of[i], table.at[i, "name"]) for i in indexes[:NAMED_IN_SENTENCE]]
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
            table.assign(burden=table["side_effect_burden"].map(_score_or_unknown))
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
            "Invasiveness (0–4)": table["invasiveness"].map(_score_or_unknown).to_numpy(),
            "Side effects (0–4)": table["side_effect_burden"].map(_score_or_unknown).to_numpy(),
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


def stage_coverage_text(table: pd.DataFrame, highlight_stage: int | None = None) -> str:
    """How many of the treatments apply at each stage, in one sentence."""
    if table.empty:
        return "Stage coverage: no treatments to show."
    ordered, note = _drawn_rows(table)
    counts = [
        f"{label} {int((ordered['stage_min'].le(stage) & ordered['stage_max'].ge(stage)).sum())}"
        for stage, label in col.STAGE_LABELS.items()
    ]
    chosen = (
        f" The stage you chose is {col.STAGE_LABELS[highlight_stage]}."
        if (highlight_stage is not None)
        else ""
    )
    return (
        f"Stage coverage of {len(ordered):,} treatments{note}: how many apply at each stage: "
        f"{', '.join(counts)}.{chosen}"
    )


def _per_treatment_data(table: pd.DataFrame, heading: str, words, low: str, high: str):
    """A per-treatment chart's data as a table: place, name and one worded range column."""
    ordered, _ = _drawn_rows(table)
    return pd.DataFrame(
        {
            "No.": places(ordered),
            "Treatment": ordered["name"].to_numpy(),
            heading: said_once(words, ordered[low], ordered[high]),
        }
    )


def stage_coverage_data(table: pd.DataFrame) -> pd.DataFrame:
    return _per_treatment_data(table, "Stages", stage_range_label, "stage_min", "stage_max")


def duration_text(table: pd.DataFrame) -> str:
    """The shortest and the longest course drawn, and how many have none known."""
    if table.empty:
        return "Course length: no treatments to show."
    ordered, note = _drawn_rows(table)
    ordered = ordered.assign(place=places(ordered))
    known = ordered.dropna(subset=["duration_weeks_min", "duration_weeks_max"])
    words = [f"Course length of {len(ordered):,} treatments{note}."]
    if not known.empty:
        shortest = known.loc[known["duration_weeks_min"].idxmin()]
        longest = known.loc[known["duration_weeks_max"].idxmax()]
        words.append(
            f"Shortest: {_in_words(shortest['place'], shortest['name'])}, "
            f"{weeks_text(shortest['duration_weeks_min'], shortest['duration_weeks_max'])}. "
            f"Longest: {_in_words(longest['place'], longest['name'])}, "
            f"{weeks_text(longest['duration_weeks_min'], longest['duration_weeks_max'])}."
        )
    unknown = len(ordered) - len(known)
    if unknown:
        words.append(f"{unknown} with no known course are not drawn.")
    return " ".join(words)


def duration_data(table: pd.DataFrame) -> pd.DataFrame:
    return _per_treatment_data(
        table, "How long", weeks_text, "duration_weeks_min", "duration_weeks_max"
    )


def compare_text(rows: pd.DataFrame) -> str:
    """The comparison chart in a sentence: each treatment's four costs."""
    cost = shown_costs(rows)
    parts = [
        f"{row['name']}: "
        + ", ".join(
            f"{COST_LABELS[name].lower()} {_one_decimal(cost.at[index, name])}"
            for name in COST_COLUMNS
        )
        for index, row in rows.iterrows()
    ]
    return "The four costs of each treatment, 0 (best) to 4 (worst). " + "; ".join(parts) + "."


def compare_data(rows: pd.DataFrame) -> pd.DataFrame:
    cost = shown_costs(rows)
    return pd.DataFrame(
        {
            "Treatment": rows["name"].to_numpy(),
            **{COST_LABELS[name]: cost[name].map(_one_decimal).to_numpy() for name in COST_COLUMNS},
        }
    )
