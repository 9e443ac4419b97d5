"""The Compare tab: two to four treatments side by side: what each could do, what each costs."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from avn_data.evidence.cautions import load_cautions
from avn_data.evidence.frequencies import headline, horizon_note
from avn_data.tables.columns import BASELINE_ID
from avn_data.view import figures
from avn_data.view.page_state import MAX_COMPARE, PageState
from avn_data.view.rows import chosen
from avn_data.view.text import escape_markdown
from avn_data.view.wording import comparison_grid
from ui import state
from ui.findings import baseline_frequency, findings_for, outcomes, show_frequency
from ui.plotting import chart


def _add_baseline() -> None:
    st.session_state[state.COMPARE] = [*st.session_state[state.COMPARE], BASELINE_ID][-MAX_COMPARE:]


def _headlines(picked: pd.DataFrame, view: PageState) -> dict:
    return {
        row["treatment_id"]: baseline_frequency(view.filters)
        if row["treatment_id"] == BASELINE_ID
        else headline(findings_for(row["treatment_id"], view.aims), row["name"])
        for row in picked.to_dict("records")
    }


def _as_text(grid: pd.DataFrame) -> pd.DataFrame:
    """st.table reads cells as markdown: every cell, header and row name is shown as text."""
    shown = grid.map(lambda cell: escape_markdown(str(cell)))
    shown.columns = [escape_markdown(name) for name in shown.columns]
    shown.index = [escape_markdown(question) for question in shown.index]
    return shown.rename_axis("Question").reset_index()


def _benefit_arrays(picked: pd.DataFrame, found: dict) -> None:
    st.header("What each could do, out of 100 people")
    counted = [
        (row["name"], found[row["treatment_id"]])
        for row in picked.to_dict("records")
        if found[row["treatment_id"]] is not None
    ]
    if note := horizon_note(counted):
        st.warning(escape_markdown(note), icon=":material/schedule:")
    for cell, row in zip(st.columns(len(picked)), picked.to_dict("records"), strict=True):
        with cell:
            st.markdown(f"**{escape_markdown(row['name'])}**")
            frequency = found[row["treatment_id"]]
            if frequency is None:
                st.markdown("No study has put a number on what it does.")
            else:
                label = "Without treatment" if row["treatment_id"] == BASELINE_ID else "With it"
                show_frequency(frequency, label, key=f"compare_{row['treatment_id']}")


def compare(table: pd.DataFrame, view: PageState, names: Mapping[str, str]) -> None:
    st.pills(
        f"Treatments to compare (pick 2–{MAX_COMPARE})", list(names),
        format_func=lambda treatment_id: names[treatment_id],
        key=state.COMPARE, selection_mode="multi",
    )  # fmt: skip
    picked_ids = st.session_state[state.COMPARE]
    if len(picked_ids) > MAX_COMPARE:
        st.warning(f"A comparison holds at most {MAX_COMPARE}; showing the first {MAX_COMPARE}.")
    if BASELINE_ID in names and BASELINE_ID not in picked_ids:
        st.button(
            "Add watchful waiting as the baseline", on_click=_add_baseline, key="add_baseline"
        )
    picked = chosen(
        table,
        picked_ids[:MAX_COMPARE],
        view.filters,
        view.weights,
        load_cautions(),
        view.aims,
        outcomes(),
    )
    if len(picked) < 2:
        st.info("Pick at least two treatments to see them side by side.")
        return
    found = _headlines(picked, view)
    picked = picked.assign(
        in_numbers=[f.sentence if f else "" for f in (found[t] for t in picked["treatment_id"])]
    )
    st.table(_as_text(comparison_grid(picked)), border="horizontal", hide_index=True)
    _benefit_arrays(picked, found)
    chart(figures.compare_chart(picked), figures.CAPTIONS["compare"], "compare_chart")
