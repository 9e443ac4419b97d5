"""The Explore tab: the sentence, the ranked table with its download, and the three charts."""

import weakref
from functools import partial

import pandas as pd
import streamlit as st

from avn_data import charts
from avn_data.dictionary import column_info, help_text, label
from avn_data.export import file_name, to_csv_bytes
from avn_data.page_state import PageState
from avn_data.ranking import explain
from avn_data.text import escape_markdown
from avn_data.view import ALL_VIEW_COLUMNS, default_columns, view_frame
from ui import state
from ui.charts import chart
from ui.sidebar import reset_filters

MAX_TABLE_ROWS = 1_000


def _column(name: str) -> st.column_config.Column:
    """A column shown the way its dictionary unit says: scores as bars, weeks as numbers."""
    common = {"label": label(name), "help": help_text(name)}
    info = column_info().get(name)
    unit = info.unit if info else "text"
    if unit.startswith("score 0–"):
        top = int(unit.removeprefix("score 0–"))
        return st.column_config.ProgressColumn(**common, min_value=0, max_value=top, format="%g")
    if unit == "weeks":
        return st.column_config.NumberColumn(**common, format="%g", width="small")
    if unit == "true/false":
        return st.column_config.CheckboxColumn(**common, width="small")
    return st.column_config.TextColumn(**common)


def open_treatment(treatment_id: str) -> None:
    st.session_state[state.TREATMENT] = treatment_id
    st.session_state[state.TAB] = state.DETAIL


def _open_from_table(treatment_ids: list[str]) -> None:
    rows = st.session_state[state.TABLE_WIDGET].selection.rows
    if rows:
        open_treatment(treatment_ids[rows[0]])


def _open_from_chart() -> None:
    points = st.session_state[state.TRADE_OFF_MAP].selection.points
    if points and points[0].get("customdata"):
        open_treatment(points[0]["customdata"])


def _situation_flags(rows: pd.DataFrame) -> None:
    flagged = rows[rows["cautions_for_you"] != ""]
    if not flagged.empty:
        names = ", ".join(escape_markdown(name) for name in flagged["name"])
        st.warning(
            f"**{len(flagged)} treatment(s) in view have a caution for your situation:** {names}. "
            "See the *Cautions for you* column, or open a treatment for the reason.",
            icon=":material/warning:",
        )


def _csv_of(frame_ref: weakref.ref) -> bytes:
    frame = frame_ref()
    return b"" if frame is None else to_csv_bytes(frame)


def _download(frame: pd.DataFrame, view: PageState) -> None:
    # The file is built on click from the session's own copy; the button holds only a weak
    # reference, so a closed session's rows are freed with its state.
    st.session_state[state.DOWNLOAD_FRAME] = frame
    st.download_button(
        "Download these rows as CSV", data=partial(_csv_of, weakref.ref(frame)),
        file_name=file_name(view.filters), mime="text/csv", on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip


def results_table(rows: pd.DataFrame, view: PageState) -> None:
    with st.expander("Choose columns · how the fit score works"):
        picked_columns = st.multiselect(
            "Columns shown and downloaded", options=list(ALL_VIEW_COLUMNS),
            default=default_columns(view.filters), format_func=label, key=state.COLUMNS,
        )  # fmt: skip
        st.caption(explain(view.weights))
    frame = view_frame(rows, picked_columns or default_columns(view.filters))
    _download(frame, view)
    shown = frame.head(MAX_TABLE_ROWS)
    if len(frame) > MAX_TABLE_ROWS:
        st.caption(
            f"The table shows the first {MAX_TABLE_ROWS:,} of {len(frame):,} rows, best fit "
            "first; the download holds them all."
        )
    st.caption("Click a row to open that treatment.")
    st.dataframe(
        shown, hide_index=True, key=state.TABLE_WIDGET,
        column_config={name: _column(name) for name in shown.columns},
        on_select=partial(_open_from_table, list(rows["treatment_id"].head(MAX_TABLE_ROWS))),
        selection_mode="single-row",
    )  # fmt: skip


def explore(table: pd.DataFrame, rows: pd.DataFrame, view: PageState) -> None:
    st.markdown(f"**{escape_markdown(view.filters.describe(len(rows), len(table)))}**")
    if rows.empty:
        st.info("No treatment matches all of these filters. Loosen one, or start again.")
        st.button("Reset filters", on_click=reset_filters, key="reset_empty")
        return
    _situation_flags(rows)
    results_table(rows, view)
    chart(
        charts.trade_off_map(rows), charts.CAPTIONS["trade_off_map"] + " Click a point to open it.",
        state.TRADE_OFF_MAP, on_select=_open_from_chart, selection_mode="points",
    )  # fmt: skip
    chart(
        charts.stage_coverage(rows, view.filters.stage),
        charts.CAPTIONS["stage_coverage"],
        "stage_chart",
    )
    chart(
        charts.duration_chart(rows, view.filters.max_weeks),
        charts.CAPTIONS["duration"],
        "duration_chart",
    )
