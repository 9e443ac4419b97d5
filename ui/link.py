"""The one place that reads and writes the address bar: every view is a link."""

import pandas as pd
import streamlit as st

from avn_data.page_state import PageState, page_from_query
from avn_data.text import escape_markdown
from ui import state


def link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def start_from_link(treatment_ids: pd.Series) -> None:
    """On a session's first run, the link sets the widgets; bad link values become notices."""
    if state.LINK_NOTICES in st.session_state:
        return
    view, notices = page_from_query(link_params(), set(treatment_ids))
    st.session_state.update(view.widget_values())
    st.session_state[state.LINK_NOTICES] = notices
    st.session_state[state.TAB] = (
        state.DETAIL if view.treatment else state.COMPARE_TAB if view.compare else state.EXPLORE
    )


def show_notices() -> None:
    # Link text is the visitor's, not ours: shown as text, never as markdown or a link.
    for notice in st.session_state[state.LINK_NOTICES]:
        st.warning(escape_markdown(notice), icon=":material/link_off:")


def write_link(view: PageState) -> None:
    wanted = view.to_query()
    as_lists = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if as_lists != link_params():
        st.query_params.from_dict(wanted)
