"""Stage coverage: the stages each treatment applies to, with its sentence and table."""

import pandas as pd
import plotly.graph_objects as go

from avn_data.tables import columns as col
from avn_data.tables.stage_numbers import stage_range_label
from avn_data.view.figures.layout import (
    CATEGORY_COLOURS,
    by_category,
    drawn_rows,
    figure_of,
    in_category_order,
    per_treatment_data,
    per_treatment_layout,
    titled,
)
from avn_data.view.theme import PRIMARY_COLOUR

STAGE_TICKS = {"tickvals": list(col.STAGE_LABELS), "ticktext": list(col.STAGE_LABELS.values())}


def stage_coverage(table: pd.DataFrame, highlight_stage: int | None = None) -> go.Figure:
    """One bar per treatment spanning the stages it applies to."""
    ordered, note = drawn_rows(table)
    traces = in_category_order(
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
            for category, rows in by_category(ordered)
        ]
    )
    layout = per_treatment_layout(ordered)
    if highlight_stage is not None:
        layout["shapes"] = [
            {
                "type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1,
                "x0": highlight_stage - 0.5, "x1": highlight_stage + 0.5,
                "fillcolor": PRIMARY_COLOUR, "opacity": 0.1, "line": {"width": 0}, "layer": "below",
            }
        ]  # fmt: skip
    return figure_of(
        traces,
        titled("Stage coverage: where each treatment applies", note),
        "Disease stage (0 = at risk, I–IV = ARCO 2019)",
        "Treatment",
        xaxis={"range": [col.STAGE_MIN - 0.5, col.STAGE_MAX + 0.5], **STAGE_TICKS},
        barmode="overlay",
        **layout,
    )


def stage_coverage_text(table: pd.DataFrame, highlight_stage: int | None = None) -> str:
    """How many of the treatments apply at each stage, in one sentence."""
    if table.empty:
        return "Stage coverage: no treatments to show."
    ordered, note = drawn_rows(table)
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


def stage_coverage_data(table: pd.DataFrame) -> pd.DataFrame:
    return per_treatment_data(table, "Stages", stage_range_label, "stage_min", "stage_max")
