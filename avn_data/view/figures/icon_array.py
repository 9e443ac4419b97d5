"""Icon arrays: 100 figures per group, coloured by who had the outcome (a Plotly pictograph)."""

import textwrap
from html import escape

import plotly.graph_objects as go

from avn_data.evidence.frequencies import Frequency, about
from avn_data.view.figures.layout import PlotlyDict
from avn_data.view.theme import FONT_FAMILY, PALETTE, TEXT_COLOUR

SIDE = 10
# One meaning per colour in every picture: vermillion a bad outcome, blue a good one (the two
# stay apart with the common colour-blindnesses).
BAD = PALETTE[5]
GOOD = PALETTE[0]
COLOUR_LEGEND = (
    "In every picture of 100 dots, each dot is one person: blue is a good outcome, "
    "vermillion (orange-red) a bad one."
)
GAP = 2
# Characters per line of a panel's title: a panel is about 130 px wide in a half-page column.
TITLE_WIDTH = 22


def _panel(
    share: float, offset: int, had_label: str, spared_label: str, legend: bool, good: bool
) -> list[PlotlyDict]:
    had = round(share)
    points = [(index % SIDE + offset, SIDE - 1 - index // SIDE) for index in range(SIDE * SIDE)]
    traces = []
    for name, chosen, colour in (
        (had_label, points[:had], GOOD if good else BAD),
        (spared_label, points[had:], BAD if good else GOOD),
    ):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "showlegend": legend,
                "x": [x for x, _ in chosen],
                "y": [y for _, y in chosen],
                "hoverinfo": "skip",
                "marker": {"symbol": "circle", "size": 15, "color": colour},
            }
        )
    return traces


def _panel_title(label: str, share: float, offset: int, counted: str = "") -> PlotlyDict:
    """A panel's title, wrapped to the panel's width so two panels' titles never overlap."""
    lines = [
        escape(line) for line in textwrap.wrap(label, TITLE_WIDTH, max_lines=2, placeholder=" …")
    ]
    return {
        "x": offset + (SIDE - 1) / 2, "y": SIDE - 0.3, "xref": "x", "yref": "y",
        "yanchor": "bottom", "showarrow": False, "font": {"size": 11},
        "text": "<br>".join(
            [*lines, f"<b>{about(share)} of 100</b>", *([escape(counted)] if counted else [])]
        ),
    }  # fmt: skip


def icon_array(found: Frequency, treated_label: str) -> go.Figure:
    """One 10×10 panel for the treated group (`treated_label`, e.g. 'After shockwave
    therapy' or 'Without treatment') and, when the study had one, one for its comparator;
    each dot is one person of 100."""
    had_label = escape(found.phrase.capitalize())
    spared_label = "Did not"
    traces = _panel(found.treated, 0, had_label, spared_label, legend=True, good=found.good)
    annotations = [_panel_title(treated_label, found.treated, 0, found.counted)]
    width = SIDE
    if found.comparator is not None:
        offset = SIDE + GAP
        traces += _panel(
            found.comparator, offset, had_label, spared_label, legend=False, good=found.good
        )
        annotations.append(_panel_title(f"With {found.comparator_name}", found.comparator, offset))
        width = offset + SIDE
    hidden = {"visible": False, "fixedrange": True}
    return go.Figure(
        data=traces,
        layout={
            "xaxis": {**hidden, "range": [-1, width]},
            "yaxis": {**hidden, "range": [-1, SIDE + 4], "scaleanchor": "x"},
            "annotations": annotations,
            "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
            "legend": {"orientation": "h", "x": 0, "y": -0.05, "yanchor": "top"},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "height": 300,
            "plot_bgcolor": "rgba(0,0,0,0)",
            "paper_bgcolor": "rgba(0,0,0,0)",
        },
    )


def icon_array_text(found: Frequency) -> str:
    """The text alternative: the same numbers in one sentence, with the study behind them."""
    return (
        f"{found.sentence} ({found.counted}.) Each figure is one person of 100. "
        f"Study: {found.source} ({found.design}, {found.size}); certainty: {found.certainty}."
    )
