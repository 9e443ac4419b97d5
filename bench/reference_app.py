"""The least a dashboard can do, as a yardstick: a small CSV, a slider, a table, a chart."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from avn_data.load import BUNDLED_TABLE


@st.cache_data
def load() -> pd.DataFrame:
    return pd.read_csv(BUNDLED_TABLE)


table = load()
most = st.slider("Most invasive", 0, 4, 4)
rows = table[table["invasiveness"] <= most]
st.dataframe(rows[["name", "invasiveness", "side_effect_burden"]], hide_index=True)
st.plotly_chart(
    go.Figure(go.Scatter(x=rows["invasiveness"], y=rows["side_effect_burden"], mode="markers"))
)
