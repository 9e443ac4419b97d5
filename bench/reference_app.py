"""The least a dashboard can do, as a yardstick: a CSV, a slider, a table, a chart.

`streamlit run bench/reference_app.py [-- --data FILE]`. Like the dashboard's default view it
shows the non-surgical rows, keeps the table in `st.cache_resource`, and shows at most the
first 1,000 matching rows, so a big table costs the reference what it costs the page
(filtering every row), not an unbounded redraw.
"""

import sys

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from avn_data.tables.load import BUNDLED_TABLE

SHOWN_ROWS = 1_000
COLUMNS = ["name", "surgical", "invasiveness", "side_effect_burden"]
SHOWN = ["name", "invasiveness", "side_effect_burden"]


@st.cache_resource
def load(path: str) -> pd.DataFrame:
    return pd.read_csv(path, usecols=COLUMNS)


arguments = sys.argv[1:]
table = load(arguments[arguments.index("--data") + 1] if "--data" in arguments else BUNDLED_TABLE)
most = st.slider("Most invasive", 0, 4, 4)
rows = table[~table["surgical"] & (table["invasiveness"] <= most)].head(SHOWN_ROWS)
st.dataframe(rows[SHOWN], hide_index=True)
st.plotly_chart(
    go.Figure(go.Scatter(x=rows["invasiveness"], y=rows["side_effect_burden"], mode="markers"))
)
