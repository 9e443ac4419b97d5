"""The Visit summary tab: a printable page to take to the doctor."""

from datetime import date

import pandas as pd
import streamlit as st

from avn_data.evidence.cautions import load_cautions
from avn_data.tables.dictionary import review_date
from avn_data.view.page_state import PageState
from avn_data.view.text import escape_markdown
from avn_data.view.visit_summary import summary_page, summary_treatments
from ui.findings import outcomes


def visit_summary(table: pd.DataFrame, view: PageState) -> None:
    picked, _ = summary_treatments(table, view, load_cautions(), outcomes())
    if view.compare:
        st.markdown("The summary holds the treatments you are comparing:")
    else:
        st.markdown(
            f"The summary holds the {len(picked)} best-ranked treatments for what you want "
            "(pick others in *Compare*):"
        )
    st.markdown("\n".join(f"- {escape_markdown(name)}" for name in picked["name"]))
    st.markdown(
        "It gives what you want from treatment, your stage and situation, each treatment's "
        "benefits in numbers beside its costs, every caution for you across the treatments in "
        "view, a page to note where you are leaning, and questions to ask. It prints cleanly."
    )
    page = summary_page(table, view, load_cautions(), outcomes(), review_date(), date.today())
    st.download_button(
        "Download the visit summary (printable page)", data=page.encode("utf-8"),
        file_name="avn-visit-summary.html", mime="text/html", on_click="ignore",
        icon=":material/print:",
    )  # fmt: skip
