"""The sidebar: what holds on every tab (my situation, what matters to me, my own table)."""

import pandas as pd
import streamlit as st

from avn_data.evidence.ranking import COST_LABELS, MAX_WEIGHT
from avn_data.tables import columns as col
from avn_data.tables.dictionary import DATA_README
from avn_data.tables.template import template_csv_bytes
from avn_data.view.filters import FILTERS
from avn_data.view.page_state import AIM_KEY, WEIGHT_KEYS
from avn_data.view.theme import MAX_UPLOAD_MB
from ui import state
from ui.filter_panel import filter_widget

MIND_WORDS = ("not at all", "a little", "somewhat", "quite a lot", "a lot", "very much")
# Two aids for small screens, kept up each time Streamlit redraws the page:
# - The sidebar's open button is an unlabelled arrow, and on a phone the only way to one's
#   situation and priorities: it gets a visible "My situation" label, in its accessible name.
# - A choice's label and a figure's value wrap instead of being cut off, and the tabs'
#   focus ring is strong.
# - A table wider than the screen (the comparison on a phone) scrolls sideways: its scroll box
#   becomes a named, focusable region, so the keyboard can scroll it and a screen reader says
#   what it is.
PAGE_AIDS = st.components.v2.component(
    "avn_page_aids",
    js="""export default function () {
  const label = 'My situation and what matters to me';
  if (!document.getElementById('avn-page-aids')) {
    const style = document.createElement('style');
    style.id = 'avn-page-aids';
    style.textContent = `[data-testid="stExpandSidebarButton"] { width: auto !important;
        padding: 0.3rem 0.7rem !important; border: 1px solid currentColor !important;
        border-radius: 0.5rem !important; color: inherit !important; }
      [data-testid="stExpandSidebarButton"]::after { content: "My situation"; margin-left: 0.3rem;
        font-size: 1rem; font-weight: 600; }
      [data-testid="stTable"] > div:focus-visible { outline: 2px solid #0c627c; }
      [data-testid="stButtonGroup"] button { max-width: 100% !important;
        height: auto !important; white-space: normal !important; }
      [data-testid="stButtonGroup"] button * { white-space: normal !important;
        overflow: visible !important; text-overflow: clip !important; text-align: left; }
      [data-testid="stButtonGroup"] > div { flex-wrap: wrap !important; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
        white-space: normal !important; overflow: visible !important;
        text-overflow: clip !important; }
      button[role="tab"]:focus-visible { outline: 3px solid #0c627c !important;
        outline-offset: 2px; border-radius: 0.25rem; }`;
    document.head.appendChild(style);
  }
  const aid = () => {
    document.querySelectorAll('[data-testid="stExpandSidebarButton"]').forEach((button) => {
      if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
    });
    document.querySelectorAll('[data-testid="stTable"] > div').forEach((box) => {
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'Table: scroll sideways to see every column');
      } else if (!wide && box.hasAttribute('tabindex')) {
        ['tabindex', 'role', 'aria-label'].forEach((name) => box.removeAttribute(name));
      }
    });
  };
  aid();
  if (!window.avnPageAids) {
    let queued = false;
    window.avnPageAids = new MutationObserver(() => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => { queued = false; aid(); });
      }
    });
    window.avnPageAids.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', aid);
  }
}""",
)


def situation() -> None:
    st.header("My situation")
    for spec_filter in FILTERS:
        if spec_filter.personal:
            filter_widget(spec_filter)


def priorities() -> None:
    st.header("What matters to me")
    st.pills(
        "What do you want most from treatment?", list(col.AIMS),
        format_func=lambda aim: col.AIM_LABELS[aim],
        selection_mode="multi", key=AIM_KEY,
        help="The list puts first the treatments whose evidence favours them for this.",
    )  # fmt: skip
    st.caption("How much do you mind each? 0 = not at all, 5 = very much. Within what the "
               "evidence says, the list ranks by it.")  # fmt: skip
    for key, name in WEIGHT_KEYS.items():
        st.select_slider(
            COST_LABELS[name], options=list(range(MAX_WEIGHT + 1)), key=key,
            format_func=lambda weight: f"{weight} – {MIND_WORDS[weight]}",
        )  # fmt: skip


def own_table(bundled: pd.DataFrame) -> None:
    with st.expander("Use your own table"):
        st.file_uploader(
            "Treatment table (CSV)", type=["csv", "txt"], key=state.UPLOAD,
            max_upload_size=MAX_UPLOAD_MB,
            help="Same columns as the bundled table. It stays in this browser session only.",
        )  # fmt: skip
        st.caption(
            f"Up to {MAX_UPLOAD_MB} MB. Comma or semicolon separated, UTF-8 (with or without "
            "BOM). Every problem is listed by row and column; until the file is valid you keep "
            "seeing the table you had."
        )
        st.download_button(
            "Template (CSV)", data=lambda: template_csv_bytes(bundled),
            file_name="avn-treatments-template.csv", mime="text/csv", on_click="ignore",
            width="stretch",
        )  # fmt: skip
        st.download_button(
            "Data dictionary (Markdown)", data=DATA_README.read_bytes,
            file_name="avn-data-dictionary.md", mime="text/markdown", on_click="ignore",
            width="stretch",
        )  # fmt: skip


def sidebar(bundled: pd.DataFrame) -> None:
    with st.sidebar:
        PAGE_AIDS(key="page_aids")
        situation()
        priorities()
        own_table(bundled)
