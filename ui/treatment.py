"""The Treatment details tab: everything about one treatment, benefits beside harms."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from avn_data.cautions import load_cautions
from avn_data.filters import stage_range_label
from avn_data.page_state import PageState
from avn_data.rubric import evidence_text, level_text
from avn_data.text import escape_markdown, markdown_link
from avn_data.view import chosen
from avn_data.wording import questions, source_links, weeks_text
from ui import state


def _score_metrics(row: dict) -> None:
    cells = st.columns(4)
    invasive = level_text("invasiveness", row["invasiveness"])
    burden = level_text("side_effect_burden", row["side_effect_burden"])
    cells[0].metric("Invasiveness", invasive.split(":")[0], help=invasive)
    cells[1].metric("Side-effect burden", burden.split(":")[0], help=burden)
    cells[2].metric(
        "Typical course", weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])
    )
    cells[3].metric("Stages", stage_range_label(row["stage_min"], row["stage_max"]))
    st.caption(f"{invasive} · {burden}")


def treatment_detail(table: pd.DataFrame, view: PageState, names: Mapping[str, str]) -> None:
    st.selectbox(
        "Treatment", list(names), format_func=names.get, key=state.TREATMENT,
        index=None, placeholder="Choose a treatment, or click one in the Explore tab",
    )  # fmt: skip
    opened = st.session_state[state.TREATMENT]
    if not opened:
        return
    row = chosen(table, [opened], view.filters, cautions=load_cautions()).iloc[0].to_dict()
    st.header(escape_markdown(row["name"]))
    st.caption(
        f"{escape_markdown(row['category'])}{' · surgical reference' if row['surgical'] else ''}"
    )
    st.markdown(escape_markdown(row["how_it_works"]))
    _score_metrics(row)
    if row["cautions_for_you"]:
        st.warning(
            f"**For your situation:** {escape_markdown(row['cautions_for_you'])}",
            icon=":material/warning:",
        )
    benefits, harms = st.columns(2)
    with benefits:
        st.subheader("Evidence and what it involves")
        st.markdown(f"**Evidence:** {escape_markdown(evidence_text(row['evidence_certainty']))}")
        st.markdown(escape_markdown(row["evidence_summary"]))
        st.markdown(f"**Day to day:** {escape_markdown(row['regimen'])}")
        st.markdown(f"**What the source article says:** {escape_markdown(row['article_claim'])}")
    with harms:
        st.subheader("Side effects and cautions")
        st.markdown(f"**Side effects:** {escape_markdown(row['side_effects'])}")
        st.markdown(f"**Who should avoid it or take care:** {escape_markdown(row['cautions'])}")
        st.markdown(f"**Why these scores:** {escape_markdown(row['score_basis'])}")
    st.subheader("Questions to ask your doctor")
    st.markdown(
        "\n".join(
            f"- {escape_markdown(question)}" for question in questions(row["questions_to_ask"])
        )
    )
    st.subheader("Sources")
    st.markdown(escape_markdown(row["sources"]))
    st.markdown("\n".join(f"- {markdown_link(url)}" for url in source_links(row["source_urls"])))
