"""The comparison chart: the chosen treatments' four costs, with its sentence and table."""

from html import escape

import pandas as pd
import plotly.graph_objects as go

from avn_data.evidence.ranking import COST_COLUMNS, COST_LABELS, shown_costs
from avn_data.tables import columns as col
from avn_data.view.figures.layout import SCORE_TICKS, figure_of, one_decimal, short_name
from avn_data.view.theme import PALETTE

COMPARE_COLOURS = PALETTE[:4] + PALETTE[6:7]


def compare_chart(rows: pd.DataFrame) -> go.Figure:
    """The chosen treatments' four costs side by side, each on 0–4 (lower is better)."""
    cost = shown_costs(rows)
    labels = [COST_LABELS[name] for name in COST_COLUMNS]
    costs_of = cost.to_dict("index")
    traces = []
    for (index, row), colour in zip(rows.iterrows(), COMPARE_COLOURS, strict=False):
        values = [float(costs_of[index][name]) for name in COST_COLUMNS]
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
    return figure_of(
        traces,
        "Side by side: the four costs of each treatment",
        "Cost",
        "Points (0 = best … 4 = worst)",
        yaxis={"range": [0, col.SCORE_MAX], **SCORE_TICKS},
        barmode="group",
        height=420,
    )


def compare_text(rows: pd.DataFrame) -> str:
    """The comparison chart in a sentence: each treatment's four costs."""
    costs_of = shown_costs(rows).to_dict("index")
    parts = [
        f"{row['name']}: "
        + ", ".join(
            f"{COST_LABELS[name].lower()} {one_decimal(costs_of[index][name])}"
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
            **{COST_LABELS[name]: cost[name].map(one_decimal).to_numpy() for name in COST_COLUMNS},
        }
    )
