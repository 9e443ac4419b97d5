"""AVN Treatment Explorer: the frame. Data, link sync and the tab router; the parts live in ui/."""

import pandas as pd
import streamlit as st

from avn_data.view.page_state import page_from_widgets
from ui import state
from ui.about import about, header
from ui.compare import compare
from ui.data import keep_releasing_memory, session_table, started_table
from ui.explore import explore_tab
from ui.findings import outcome_problems, study_problem_message
from ui.link import share_link, show_notices, start_from_link, write_link
from ui.sidebar import sidebar
from ui.summary import visit_summary
from ui.treatment import treatment_detail

st.set_page_config(page_title="AVN Treatment Explorer", page_icon="🦴", layout="wide")


def keep_known_treatments(treatment_ids: pd.Series) -> None:
    """After the table changes, forget an open treatment or comparison it no longer has."""
    opened = st.session_state.get(state.TREATMENT)
    compared = st.session_state.get(state.COMPARE) or []
    known = set(treatment_ids[treatment_ids.isin([opened, *compared])])
    if opened not in known:
        st.session_state[state.TREATMENT] = None
    st.session_state[state.COMPARE] = [tid for tid in compared if tid in known]


keep_releasing_memory()
header()
bundled, load_warnings = started_table()
for warning in load_warnings:
    st.error(warning)
table, upload_problem = session_table(bundled)
if upload_problem:
    st.error(upload_problem, icon=":material/error:")
if study_problems := outcome_problems():
    st.error(study_problem_message(study_problems), icon=":material/error:")
start_from_link(table["treatment_id"])
keep_known_treatments(table["treatment_id"])
show_notices()
sidebar(bundled)

tabs = dict(zip(state.TABS, st.tabs(state.TABS, key=state.TAB, on_change="rerun"), strict=True))
active = st.session_state[state.TAB]
# Only the open tab is built: the others cost nothing until someone clicks them.
with tabs[active]:
    if active == state.EXPLORE:
        explore_tab(table)
    else:
        # The Explore fragment reads and writes its own view; the other tabs read it here.
        view = page_from_widgets(st.session_state)
        write_link(view)
        share_link(view)
        names = dict(zip(table["treatment_id"], table["name"], strict=True))
        if active == state.COMPARE_TAB:
            compare(table, view, names)
        elif active == state.DETAIL:
            treatment_detail(table, view, names)
        else:
            visit_summary(table, view)
about()
