"""The Compare tab: two to four treatments side by side, as a grid of questions and a chart."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from avn_data import charts
from avn_data.cautions import load_cautions
from avn_data.page_state import MAX_COMPARE, PageState
from avn_data.view import chosen
from avn_data.wording import comparison_grid
from ui import state
from ui.charts import chart

BASELINE_ID = "watchful-waiting"


def _add_baseline() -> None:
    st.session_state[state.COMPARE] = [*st.session_state[state.COMPARE], BASELINE_ID][-MAX_COMPARE:]


def compare(table: pd.DataFrame, view: PageState, names: Mapping[str, str]) -> None:
    st.pills(
        f"Treatments to compare (pick 2–{MAX_COMPARE})", list(names), format_func=names.get,
        key=state.COMPARE, selection_mode="multi",
    )  # fmt: skip
    picked_ids = st.session_state[state.COMPARE]
    if len(picked_ids) > MAX_COMPARE:
        st.warning(f"A comparison holds at most {MAX_COMPARE}; showing the first {MAX_COMPARE}.")
    if BASELINE_ID in names and BASELINE_ID not in picked_ids:
        st.button(
            "Add watchful waiting as the baseline", on_click=_add_baseline, key="add_baseline"
        )
    picked = chosen(table, picked_ids[:MAX_COMPARE], view.filters, view.weights, load_cautions())
    if len(picked) < 2:
        st.info("Pick at least two treatments to see them side by side.")
        return
    grid = comparison_grid(picked)
    st.table(grid.map(str), border="horizontal")
    chart(charts.compare_chart(picked), charts.CAPTIONS["compare"], "compare_chart")
