"""How a Plotly figure goes on the page: one caption above, the same toolbar settings everywhere."""

import plotly.graph_objects as go
import streamlit as st

# The mode bar's buttons add two dozen Tab stops per chart and nothing a reader needs.
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}


def chart(figure: go.Figure, caption: str, key: str, **selection) -> None:
    st.caption(caption)
    st.plotly_chart(figure, key=key, config=CHART_CONFIG, **selection)
