"""The Visit summary tab: a printable page to take to the doctor."""

from datetime import date

import pandas as pd
import streamlit as st

from avn_data.cautions import load_cautions
from avn_data.dictionary import review_date
from avn_data.page_state import PageState
from avn_data.text import escape_markdown
from avn_data.view import chosen, results
from avn_data.visit_summary import visit_summary_html

SUMMARY_DEFAULT_COUNT = 5


def visit_summary(table: pd.DataFrame, view: PageState) -> None:
    if view.compare:
        picked = chosen(table, view.compare, view.filters, view.weights, load_cautions())
        st.markdown("The summary holds the treatments you are comparing:")
    else:
        rows = results(table, view.filters, view.weights, load_cautions())
        picked = rows.head(SUMMARY_DEFAULT_COUNT)
        st.markdown(
            f"The summary holds the top {len(picked)} treatments in your list "
            "(pick others in *Compare*):"
        )
    st.markdown("\n".join(f"- {escape_markdown(name)}" for name in picked["name"]))
    st.markdown(
        "It gives your stage and situation, each treatment's scores, the cautions that apply "
        "to you, the evidence, and questions to ask, as a page that prints cleanly."
    )
    page = visit_summary_html(picked, view.filters, view.weights, review_date(), date.today())
    st.download_button(
        "Download the visit summary (printable page)", data=page.encode("utf-8"),
        file_name="avn-visit-summary.html", mime="text/html", on_click="ignore",
        icon=":material/print:",
    )  # fmt: skip
