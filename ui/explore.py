"""The Explore tab: its filters beside the results they drive. The results are three keyed
fragments (the list with its sentence, table, cards and download; the natural course; the three
charts), so that a filter change reruns and resends only the parts it changes
(ui/filter_panel.rerun_after), not the page."""

import re
import weakref
from collections.abc import Callable, Iterable
from functools import partial
from typing import Literal, TypedDict

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ButtonColumnResult, ColumnConfig

from avn_data.evidence.cautions import load_cautions
from avn_data.evidence.ranking import COSTS_ONLY_GROUP
from avn_data.evidence.references import load_references
from avn_data.tables.dictionary import column_info, help_text, label, verdict_rule
from avn_data.view import figures
from avn_data.view.export import file_name, readable_frame, to_csv_bytes
from avn_data.view.page_state import PageState, page_from_widgets
from avn_data.view.ranking_words import aims_phrase, explain
from avn_data.view.rows import (
    ALL_VIEW_COLUMNS,
    CHART_COLUMNS,
    clipped,
    default_columns,
    export_frame,
    hidden_to_avoid,
    places,
    results,
    view_frame,
)
from avn_data.view.text import escape_markdown
from avn_data.view.wording import with_certainty_dots
from ui import state
from ui.cards import cards_of, clicked_card, treatment_cards
from ui.filter_panel import filters, reset_filters
from ui.findings import natural_course, outcomes
from ui.link import share_link, write_link
from ui.plotting import as_json, chart, clicked_treatment
from ui.view_cache import SeenView, seen_view

MAX_TABLE_ROWS = 1_000


# Streamlit pins columns only while they take at most 60% of the table's width: 212 px is
# that share of a 390-px phone's table, so the names stay in view as the rest scroll.
NAME_WIDTH = 212
# Column widths in pixels: the columns a person decides by fit beside a 1400-px window's
# sidebar (through *Cautions for you*), and on a phone the pinned names stay in view.
WIDTHS = {
    "name": NAME_WIDTH, "benefit_group": 130, "evidence_why": 250, "verdict_certainty": 110,
    "benefit_for_you": 200, "evidence_certainty": 120, "cautions_for_you": 200,
    "typical_course": 110, "not_measured": 110,
}  # fmt: skip
# Three lines of text a row: long cells wrap instead of being cut; eight rows in view.
ROW_HEIGHT = 70
TABLE_ROWS_IN_VIEW = 8
TABLE_HEIGHT = 38 + TABLE_ROWS_IN_VIEW * ROW_HEIGHT
# How the table names itself to a screen reader, and how to open a row by mouse or keyboard.
TABLE_ALT = "Matching treatments, in the list's order"
OPEN_CAPTION = (
    "Click or tap a treatment's name to open it. By keyboard, in the table: Tab into it, move "
    "to a row with the arrow keys and press Shift+Space. The number before each name is its "
    "place in the list; the charts below use the same numbers."
)
OPEN_BUTTON = "open_from_name"
NAME_HELP = "Click a name to open everything about that treatment. Long names are shortened here."
# A button label does not wrap: past this many characters a name loses its bracketed parts,
# then its last words (the full name is on its page, in the download and in the charts' data).
LABEL_LENGTH = 26


def _format(top: int) -> str:
    """Whole numbers for whole-number scores; one decimal for the 0–100 fit (71.9, not 71)."""
    return "%d" if top <= 10 else "%.1f"


class _ColumnArgs(TypedDict):
    label: str
    help: str | None
    width: Literal["small", "medium", "large"] | int | None


def _column(name: str, treatment_ids: list[str] | None = None) -> ColumnConfig | ButtonColumnResult:
    """A column shown the way its dictionary unit says: scores as bars, weeks as numbers, and
    the treatment's name as a button that opens it."""
    common: _ColumnArgs = {"label": label(name), "help": help_text(name), "width": WIDTHS.get(name)}
    if name == "name" and treatment_ids is not None:
        named: _ColumnArgs = {**common, "help": NAME_HELP}
        return st.column_config.ButtonColumn(
            **named, type="tertiary", alignment="left", pinned=True,
            on_click=_open_from_name, args=(treatment_ids,), key=OPEN_BUTTON,
        )  # fmt: skip
    info = column_info().get(name)
    unit = info.unit if info else "text"
    if unit.startswith("score 0–"):
        top = int(unit.removeprefix("score 0–"))
        return st.column_config.ProgressColumn(
            **common, min_value=0, max_value=top, format=_format(top)
        )
    small: _ColumnArgs = {**common, "width": "small"}
    if unit == "weeks":
        return st.column_config.NumberColumn(**small, format="%g")
    if unit == "true/false":
        return st.column_config.CheckboxColumn(**small)
    return st.column_config.TextColumn(**common)


def open_treatment(treatment_id: str) -> None:
    st.session_state[state.TREATMENT] = treatment_id
    st.session_state[state.TAB] = state.DETAIL
    st.session_state[state.FOCUS_OPENED] = True


def _open_from_table(treatment_ids: list[str]) -> None:
    rows = st.session_state[state.TABLE_WIDGET].selection.rows
    if rows:
        open_treatment(treatment_ids[rows[0]])


def _open_from_name(treatment_ids: list[str]) -> None:
    click = st.session_state.get(OPEN_BUTTON)
    if click is not None and 0 <= click["row"] < len(treatment_ids):
        open_treatment(treatment_ids[click["row"]])


def _open_from_card() -> None:
    opened = clicked_card()
    if opened:
        open_treatment(opened)


def _open_from_chart() -> None:
    clicked = clicked_treatment(state.TRADE_OFF_MAP)
    if clicked:
        open_treatment(clicked)


def _names(rows: Iterable[str]) -> str:
    return ", ".join(escape_markdown(name) for name in rows)


def _situation_flags(rows: pd.DataFrame, hidden: list[str]) -> None:
    avoid = rows["caution_level"].eq("avoid")
    discuss = rows["caution_level"].eq("discuss")
    if avoid.any():
        st.error(
            f"**Avoid, for your situation ({avoid.sum()}):** {_names(rows.loc[avoid, 'name'])}. "
            "A source names your situation as a reason not to use these.",
            icon=":material/block:",
        )
    if discuss.any():
        st.warning(
            f"**Discuss with your doctor first ({discuss.sum()}):** "
            f"{_names(rows.loc[discuss, 'name'])}. See *Cautions for you*, or open one for the "
            "reason.",
            icon=":material/warning:",
        )
    if hidden:
        st.info(
            f"**Hidden because you should avoid them ({len(hidden)}):** {_names(hidden)}. "
            "Turn off *Hide treatments I should avoid* to see them.",
            icon=":material/visibility_off:",
        )


def _csv_of(build_ref: weakref.ref) -> bytes:
    build = build_ref()
    return b"" if build is None else to_csv_bytes(build())


def _download(build: Callable[[], pd.DataFrame], view: PageState) -> None:
    # The rows are written on click (at 100k rows the readable frame alone took ~80 ms of a
    # filter change). The session keeps the builder and the button only a weak reference to
    # it, so a closed session's rows are freed with its state.
    st.session_state[state.DOWNLOAD_ROWS] = build
    st.download_button(
        "Download these rows as CSV", data=partial(_csv_of, weakref.ref(build)),
        file_name=file_name(view.filters), mime="text/csv", on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip


def chosen_columns(view: PageState) -> list[str]:
    """The columns the person last chose, kept across tabs; else the default for the view."""
    kept = st.session_state.get(state.COLUMNS_KEPT)
    return list(kept) if kept else default_columns(view.filters)


def _shown_columns(view: PageState) -> list[str]:
    return list(st.session_state.get(state.COLUMNS) or chosen_columns(view))


def _columns_changed() -> None:
    st.session_state[state.COLUMNS_KEPT] = list(st.session_state[state.COLUMNS])
    st.rerun([state.LIST_FRAGMENT])


def columns_and_rule(view: PageState) -> None:
    """The column picker, how the list is ranked and the verdict rule. None of it changes with
    the Explore filters, so it sits outside the list's fragment; a new choice of columns
    reruns the list alone."""
    with st.expander("Choose columns · how we rank"):
        st.multiselect(
            "Columns shown and downloaded", options=list(ALL_VIEW_COLUMNS),
            default=chosen_columns(view), format_func=label, key=state.COLUMNS,
            on_change=_columns_changed,
        )  # fmt: skip
        st.caption(explain(view.weights, view.aims))
        st.markdown("**How the evidence verdict is computed**\n\n" + verdict_rule())
    st.caption(OPEN_CAPTION)


def results_table(seen: SeenView, view: PageState) -> None:
    """The ranked table (cards on a phone) and its download, each built once per view."""
    rows = seen.rows
    columns = _shown_columns(view)
    frame = seen.once("frame", lambda: view_frame(rows, columns))
    _download(
        partial(
            seen.once, "download",
            lambda: readable_frame(export_frame(rows, columns), places(rows), label),
        ),
        view,
    )  # fmt: skip
    shown = seen.once(
        "shown",
        lambda: _name_buttons(with_certainty_dots(clipped(frame.head(MAX_TABLE_ROWS))), rows),
    )
    treatment_ids = list(rows["treatment_id"].head(MAX_TABLE_ROWS))
    st.dataframe(
        shown, hide_index=True, key=state.TABLE_WIDGET, alt=TABLE_ALT,
        column_config={name: _column(name, treatment_ids) for name in shown.columns},
        on_select=partial(_open_from_table, treatment_ids), selection_mode="single-row",
        placeholder="unknown", row_height=ROW_HEIGHT,
        height=TABLE_HEIGHT if len(shown) > TABLE_ROWS_IN_VIEW else "auto",
    )  # fmt: skip
    treatment_cards(seen.once("cards", lambda: cards_of(rows)), _open_from_card)


def button_label(place: int | str, name: str) -> str:
    """'5 · Iloprost infusion' for the 5th row: its place in the list (or 'Ref' for a reference
    row, which is not ranked) and a name short enough for a button. Starting with the number,
    no name can read as a button cell's "[a, b]" menu or ":material/x:" icon."""
    if len(name) > LABEL_LENGTH:
        name = re.sub(r"\s*\([^()]*\)", "", name).strip() or name
    if len(name) > LABEL_LENGTH:
        name = name[: LABEL_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return f"{place} · {name}"


def _name_buttons(frame: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The names as buttons, each after its place in the list (figures.places numbers both)."""
    if "name" not in frame.columns:
        return frame
    shown = figures.places(rows.head(len(frame)))
    return frame.assign(
        name=[button_label(place, name) for place, name in zip(shown, frame["name"], strict=True)]
    )


def _costs_only_notice(rows: pd.DataFrame) -> None:
    if rows["benefit_group"].eq(COSTS_ONLY_GROUP).any():
        st.info(
            "**Ranked by costs only.** None of the treatments in this table matches a row of "
            "the study table, so there is no evidence verdict to rank by: the list goes by how "
            "little each costs what you mind.",
            icon=":material/info:",
        )


def _ranking_sentence(rows: pd.DataFrame, view: PageState) -> str:
    groups = rows["benefit_group"].value_counts(sort=False)
    counted = " · ".join(
        f"{escape_markdown(str(group))}: {count}" for group, count in groups.items()
    )
    if view.aims:
        lead = f"Ranked for **{escape_markdown(aims_phrase(view.aims))}**"
    else:
        lead = (
            "Ranked by what the evidence says about what each treatment aims at; pick what you "
            "want most under *What matters to me* to rank for it"
        )
    return f"{lead}, then by how little each costs what you mind. {counted}."


def _charts(rows: pd.DataFrame, view: PageState, seen: SeenView) -> None:
    """The three charts, each built once per view (figure and words) and then only sent."""
    once = seen.once
    stage, max_weeks = view.filters.stage, view.filters.max_weeks
    chart(
        once("trade_off_map", lambda: as_json(figures.trade_off_map(rows))),
        figures.CAPTIONS["trade_off_map"] + " Click a point to open it.",
        state.TRADE_OFF_MAP, alt=once("trade_off_text", lambda: figures.trade_off_text(rows)),
        data=partial(figures.trade_off_data, rows), on_click=_open_from_chart,
    )  # fmt: skip
    chart(
        once("stage_chart", lambda: as_json(figures.stage_coverage(rows, stage))),
        figures.CAPTIONS["stage_coverage"], "stage_chart",
        alt=once("stage_text", lambda: figures.stage_coverage_text(rows, stage)),
        data=partial(figures.stage_coverage_data, rows),
    )  # fmt: skip
    chart(
        once("duration_chart", lambda: as_json(figures.duration_chart(rows, max_weeks))),
        figures.CAPTIONS["duration"], "duration_chart",
        alt=once("duration_text", lambda: figures.duration_text(rows)),
        data=partial(figures.duration_data, rows),
    )  # fmt: skip


def _ranked(table: pd.DataFrame, view: PageState) -> SeenView:
    """The view's ranked rows, worked out once per view: the list and the charts share them."""
    columns = [*_shown_columns(view), *CHART_COLUMNS]
    cautions, studies, references = load_cautions(), outcomes(), load_references()
    # The loaded tables are kept by their files' versions: a new object means a changed file.
    key = (view.filters, view.weights, view.aims, tuple(columns),
           id(cautions), id(studies), id(references))  # fmt: skip
    return seen_view(
        table, key,
        lambda: results(table, view.filters, view.weights, cautions, columns, view.aims,
                        studies, references),
    )  # fmt: skip


def _leave_if_opened() -> None:
    """A name, a row, a card or a chart point opened a treatment: that is another tab's page."""
    if st.session_state[state.TAB] != state.EXPLORE:
        st.rerun(scope="app")


@st.fragment(key=state.LIST_FRAGMENT)
def _list(table: pd.DataFrame) -> None:
    """The link, the sentence, the flags, the ranked table (cards on a phone) and its download."""
    view = page_from_widgets(st.session_state)
    write_link(view)
    _leave_if_opened()
    share_link(view)
    seen = _ranked(table, view)
    rows = seen.rows
    showing = f"**{escape_markdown(view.filters.describe(len(rows), len(table)))}**"
    if rows.empty:
        st.markdown(showing)
        st.info("No treatment matches all of these filters. Loosen one, or start again.")
        st.button("Reset filters", on_click=reset_filters, key="reset_empty")
        return
    # One element, not two, for a long list: each is a message on every filter change.
    clipped_note = (
        f"\n\nThe table shows the first {MAX_TABLE_ROWS:,} of {len(rows):,} rows, in the "
        "list's order; the download holds them all."
        if len(rows) > MAX_TABLE_ROWS
        else ""
    )
    st.markdown(f"{showing}\n\n{_ranking_sentence(rows, view)}{clipped_note}")
    _costs_only_notice(rows)
    _situation_flags(rows, hidden_to_avoid(table, view.filters))
    results_table(seen, view)


@st.fragment(key=state.COURSE_FRAGMENT)
def _course() -> None:
    # The list first, then the course without treatment: on a phone the baseline is several
    # screens long, and the options are what a person came for.
    natural_course(page_from_widgets(st.session_state).filters)


@st.fragment(key=state.CHARTS_FRAGMENT)
def _charts_of_view(table: pd.DataFrame) -> None:
    _leave_if_opened()
    view = page_from_widgets(st.session_state)
    seen = _ranked(table, view)
    if not seen.rows.empty:
        _charts(seen.rows, view, seen)


def explore_tab(table: pd.DataFrame) -> None:
    """The filters in a column beside the results (above them on a phone); the header, the
    sidebar, the about text and the glossary are not rerun by a filter change."""
    filter_column, results_column = st.columns([1.3, 3], gap="medium")
    with filter_column:
        filters(table)
    with results_column:
        columns_and_rule(page_from_widgets(st.session_state))
        _list(table)
        _course()
        _charts_of_view(table)
