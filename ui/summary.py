"""The Visit summary tab: a printable page to take to the doctor."""

from datetime import date

import pandas as pd
import streamlit as st

from avn_data.benefits import BASELINE_ID, frequency
from avn_data.cautions import LEVELS, cautions_by_condition, load_cautions
from avn_data.dictionary import review_date
from avn_data.page_state import PageState
from avn_data.text import escape_markdown
from avn_data.view import chosen, results
from avn_data.visit_summary import visit_summary_html
from ui.benefits import baseline_frequency, findings_for, outcomes

SUMMARY_DEFAULT_COUNT = 5


def _numbers(picked: pd.DataFrame, view: PageState) -> dict[str, list[str]]:
    numbers = {}
    for row in picked.to_dict("records"):
        if row["treatment_id"] == BASELINE_ID:
            found = [baseline_frequency(view.filters)]
        else:
            rows = findings_for(row["treatment_id"], view.aims).to_dict("records")
            found = [frequency(finding, row["name"]) for finding in rows]
        numbers[row["treatment_id"]] = [f"{f.sentence} ({f.source})" for f in found if f]
    return numbers


def visit_summary(table: pd.DataFrame, view: PageState) -> None:
    in_view = results(
        table, view.filters, view.weights, load_cautions(), aims=view.aims, outcomes=outcomes()
    )
    if view.compare:
        picked = chosen(
            table, view.compare, view.filters, view.weights, load_cautions(), view.aims, outcomes()
        )
        st.markdown("The summary holds the treatments you are comparing:")
    else:
        picked = in_view[in_view["treatment_id"] != BASELINE_ID].head(SUMMARY_DEFAULT_COUNT)
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
    caution_lines = {
        level: cautions_by_condition(load_cautions(), in_view, view.filters.situation, level)
        for level in LEVELS
    }
    page = visit_summary_html(
        picked, view.filters, view.weights, review_date(), date.today(), view.aims,
        _numbers(picked, view), caution_lines,
    )  # fmt: skip
    st.download_button(
        "Download the visit summary (printable page)", data=page.encode("utf-8"),
        file_name="avn-visit-summary.html", mime="text/html", on_click="ignore",
        icon=":material/print:",
    )  # fmt: skip
