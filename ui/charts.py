"""How a Plotly figure goes on the page: one caption above, the same toolbar settings everywhere,
and a text alternative: a sentence for screen readers and the chart's data as a table."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from avn_data.text import escape_markdown

# The mode bar's buttons add two dozen Tab stops per chart and nothing a reader needs.
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}
DATA_LABEL = "The chart's data as a table"


def as_text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """st.table reads cells as markdown: every cell and header is shown as written."""
    shown = frame.astype(str).map(escape_markdown)
    shown.columns = [escape_markdown(str(name)) for name in shown.columns]
    return shown


def chart(
    figure: go.Figure,
    caption: str,
    key: str,
    alt: str | None = None,
    data: pd.DataFrame | None = None,
    **selection,
) -> None:
    """The caption, the chart named by `alt` (else by its title), and `data` in an expander."""
    st.caption(caption)
    name = alt or str(figure.layout.title.text or "Chart")
    st.plotly_chart(figure, key=key, config=CHART_CONFIG, alt=name, **selection)
    if data is not None and not data.empty:
        with st.expander(DATA_LABEL):
            st.table(as_text_table(data), hide_index=True)
