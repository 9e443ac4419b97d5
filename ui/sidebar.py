"""The sidebar: what holds on every tab (my situation, what matters to me, my own table)."""

from pathlib import Path

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
PAGE_AIDS = st.components.v2.component(
    "avn_page_aids", js=(Path(__file__).parent / "page_aids.js").read_text(encoding="utf-8")
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
