"""How a Plotly figure goes on the page: one caption above, the same settings everywhere, drawn
in place by a small component (plot_in_place.js), and a text alternative: a sentence for
screen readers and the chart's data as a table."""

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io
import streamlit as st

from avn_data.view.text import escape_markdown
from avn_data.view.theme import PLOTLY_TEMPLATE
from ui.plotly_asset import PLOTLY_URL

# The mode bar's buttons add two dozen Tab stops per chart and nothing a reader needs.
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}
DATA_LABEL = "The chart's data as a table"
# A chart that cannot be drawn says so in a box one cannot miss.
# The caption looks like Streamlit's own st.caption (its size, and a grey that keeps 4.5:1).
PLOT_CSS = """.avn-plot-failed { border-left: 4px solid #b35806; padding: 0.5rem 0.75rem; }
.avn-plot-caption { font-size: 0.875rem; color: #555b62; margin: 0 0 0.25rem; }"""
_plot_in_place = st.components.v2.component(
    "avn_plot_in_place",
    js=(Path(__file__).parent / "plot_in_place.js").read_text(encoding="utf-8"),
    css=PLOT_CSS,
    isolate_styles=False,
)


def as_json(figure: go.Figure) -> str:
    """The figure as the component takes it; the page's figures are validated by the tests."""
    return plotly.io.to_json(figure, validate=False)


def plot(
    figure: go.Figure | str,
    key: str,
    alt: str,
    on_click: Callable[[], None] | None = None,
    caption: str = "",
) -> None:
    """The figure (or its JSON), named `alt` for screen readers, under its `caption`, in a node
    that survives reruns: a changed figure is updated in place instead of drawn anew.
    `on_click` runs when a point with a treatment id (its customdata) is clicked; the id is
    then `clicked_treatment(key)`."""
    data = {
        "caption": caption,
        "figure": figure if isinstance(figure, str) else as_json(figure),
        "config": CHART_CONFIG,
        "alt": alt,
        "clickable": on_click is not None,
        "template": PLOTLY_TEMPLATE,
        "plotly_url": PLOTLY_URL,
    }
    _plot_in_place(key=key, data=data, on_clicked_change=on_click)


def clicked_treatment(key: str) -> str | None:
    """The treatment id of the point last clicked in chart `key`, in its callback."""
    result = st.session_state.get(key)
    return result.get("clicked") if result is not None else None


def as_text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """st.table reads cells as markdown: every cell and header is shown as written."""
    shown = frame.astype(str).map(escape_markdown)
    shown.columns = [escape_markdown(str(name)) for name in shown.columns]
    return shown


def chart(
    figure: go.Figure | str,
    caption: str,
    key: str,
    alt: str | None = None,
    data: Callable[[], pd.DataFrame] | None = None,
    on_click: Callable[[], None] | None = None,
) -> None:
    """The caption, the chart named by `alt` (else by its title), and the table `data` builds
    in an expander. The table is built and sent only while its expander is open: most people
    never open it, and every run would otherwise rebuild and resend it."""
    if alt is None and isinstance(figure, go.Figure):
        alt = str(figure.layout.title.text or "Chart")
    plot(figure, key, alt or "Chart", on_click, caption)
    if data is not None:
        box = st.expander(DATA_LABEL, key=f"{key}_data", on_change="rerun")
        if box.open:
            rows = data()
            if rows.empty:
                box.markdown("No rows to show.")
            else:
                box.table(as_text_table(rows), hide_index=True)
