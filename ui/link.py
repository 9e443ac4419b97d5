"""The one place that reads and writes the address bar: every view is a link.

Streamlit pushes a browser-history entry each time the script changes the query string, and on
Back or Forward reruns the script with that entry's query string (a "history navigation" run,
in which its own writes replace the entry instead of adding one). So a real view change adds
one entry, and on Back the page re-reads the link and shows the view it holds.
"""

from dataclasses import replace
from urllib.parse import urlencode, urlparse

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from avn_data.view.filters import FILTERS
from avn_data.view.page_state import RESETTABLE, PageState, page_from_query
from avn_data.view.text import escape_markdown
from ui import state

# The query this session last wrote; a different one on a Back/Forward run is re-read.
LINK_WRITTEN = "link_written"
COPY_BUTTON = st.components.v2.component(
    "avn_copy_link",
    html='<button type="button" class="avn-copy"></button> <span class="avn-copied" '
    'role="status" aria-live="polite"></span>',
    css=""".avn-copy { font: inherit; padding: 0.4rem 0.8rem; border-radius: 0.5rem;
  border: 1px solid #6b7378; background: #ffffff; color: #0c1417; cursor: pointer; }
.avn-copy:focus-visible { outline: 2px solid #0c627c; outline-offset: 2px; }
.avn-copied { font: inherit; color: #0c1417; margin-left: 0.5rem; }""",
    js="""export default function ({ parentElement, data }) {
  const button = parentElement.querySelector('button.avn-copy');
  const status = parentElement.querySelector('.avn-copied');
  button.textContent = data.label;
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(data.link);
      status.textContent = 'Copied.';
    } catch (error) {
      status.textContent = 'Your browser did not allow copying: select the link above and copy it.';
    }
  };
}""",
)


def link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _is_history_navigation() -> bool:
    """True in the run Streamlit starts for the browser's Back or Forward button."""
    context = get_script_run_ctx()
    return bool(context is not None and getattr(context, "is_history_navigation", False))


def start_from_link(treatment_ids: pd.Series) -> None:
    """On a session's first run, and on Back or Forward, the link sets the widgets; bad link
    values become notices."""
    first_run = state.LINK_NOTICES not in st.session_state
    went_back = _is_history_navigation() and link_params() != st.session_state.get(LINK_WRITTEN)
    if not (first_run or went_back):
        _keep_while_hidden()
        return
    view, notices = page_from_query(link_params(), set(treatment_ids))
    st.session_state.update(view.widget_values())
    st.session_state[state.LINK_NOTICES] = notices
    st.session_state[state.TAB] = (
        state.DETAIL if view.treatment else state.COMPARE_TAB if view.compare else state.EXPLORE
    )


def _keep_while_hidden() -> None:
    """Streamlit forgets a widget's value after a run that does not draw it, and only the open
    tab is drawn: the opened treatment, the comparison and the Explore tab's filters are kept
    here, so that they stay in the link (and come back with their tab) while another tab is
    open."""
    for key in (state.TREATMENT, state.COMPARE, *RESETTABLE):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def show_notices() -> None:
    # Link text is the visitor's, not ours: shown as text, never as markdown or a link.
    for notice in st.session_state[state.LINK_NOTICES]:
        st.warning(escape_markdown(notice), icon=":material/link_off:")


def write_link(view: PageState) -> None:
    """Put the view in the address bar (share_link offers it to copy)."""
    wanted = view.to_query()
    as_lists = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if as_lists != link_params():
        st.query_params.from_dict(wanted)
    st.session_state[LINK_WRITTEN] = as_lists


def address(query: dict[str, str | list[str]]) -> str:
    """The page's address with `query`, as the browser shows it."""
    base = (st.context.url or "").split("?")[0]
    if base and not urlparse(base).path:
        base += "/"
    encoded = urlencode(query, doseq=True)
    return f"{base}?{encoded}" if encoded else base or "?"


def without_personal(view: PageState) -> PageState:
    """The view without the person's health: situation, cause and lesion type."""
    defaults = {f.key: f.default for f in FILTERS if f.personal}
    return replace(view, filters=replace(view.filters, **defaults))


def _personal_words(view: PageState) -> list[str]:
    """Each personal filter the view holds, in the words of the sentence above the results."""
    return [
        spec_filter.words(getattr(view.filters, spec_filter.key), view.filters)
        for spec_filter in FILTERS
        if spec_filter.personal
        and spec_filter.widget != "toggle"
        and getattr(view.filters, spec_filter.key) != spec_filter.default
    ]


def share_link(view: PageState) -> None:
    """A "Share this view" control: the link, a copy button, and what the link holds, saying
    plainly when it holds the person's health conditions."""
    box = st.popover("Share this view", icon=":material/link:", key="share", on_change="rerun")
    # Built only while open: most runs would otherwise rebuild and resend its five elements.
    if not box.open:
        return
    link = address(view.to_query())
    personal = _personal_words(view)
    with box:
        st.markdown(
            "This link opens the page as you see it now: the filters, what matters to you, "
            "the treatment you opened and the ones you compare."
        )
        st.code(link, language=None, wrap_lines=True)
        COPY_BUTTON(key="copy_link", data={"link": link, "label": "Copy link"})
        if personal:
            st.warning(
                "**This link also holds your health details:** "
                f"{escape_markdown('; '.join(personal))}. Anyone who opens it can read them "
                "in the address. To share the view without them, copy this link instead:",
                icon=":material/privacy_tip:",
            )
            clean = address(without_personal(view).to_query())
            st.code(clean, language=None, wrap_lines=True)
            COPY_BUTTON(
                key="copy_link_clean",
                data={"link": clean, "label": "Copy link without my health details"},
            )
        st.caption(
            "Downloaded files are named after the filters only; your health details never go "
            "into a file name."
        )
