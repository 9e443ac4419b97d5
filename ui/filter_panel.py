"""The Explore tab's filters: one widget per filter of avn_data.view.filters, with counts.

A change reruns only the parts of the tab it changes (keyed fragments, ui/state.py): the
counts, the list and the charts; the stage helper and the natural course too when the stage
or joint changes. The filter column itself is not rebuilt or sent again."""

import re
from collections.abc import Callable
from typing import Any, TypedDict

import pandas as pd
import streamlit as st

from avn_data.evidence.rubric import scale_levels
from avn_data.evidence.staging import joint_staging
from avn_data.tables import columns as col
from avn_data.tables.dictionary import help_text
from avn_data.view.filters import FILTERS, Filter, FilterSpec, facet_counts, spec_from_widgets
from avn_data.view.page_state import RESETTABLE, WIDGET_DEFAULTS
from ui import state
from ui.stage_helper import stage_helper
from ui.view_cache import counted

KEYBOARD_HINT = (
    "By keyboard: Tab moves from one group of choices to the next; the arrow keys move "
    "within a group, and Space or Enter picks."
)


# What a filter's change can alter besides the list and charts: the stage and joint also set
# the natural course and what the stage helper starts from.
EVERY_CHANGE = (state.COUNTS_FRAGMENT, state.LIST_FRAGMENT, state.CHARTS_FRAGMENT)
PERSON_FILTERS = ("stage", "joint")


def rerun_after(filter_key: str) -> list[str]:
    """The fragments a change of filter `filter_key` reruns."""
    if filter_key in PERSON_FILTERS:
        return [*EVERY_CHANGE, state.HELPER_FRAGMENT, state.COURSE_FRAGMENT]
    return list(EVERY_CHANGE)


def _filter_changed(filter_key: str) -> None:
    st.rerun(rerun_after(filter_key))


def reset_filters() -> None:
    """Back to every non-surgical treatment; the person's situation and priorities stay. The
    whole page reruns, so that every filter widget shows its default again."""
    st.session_state.update(
        {
            key: list(value) if isinstance(value, list) else value
            for key, value in WIDGET_DEFAULTS.items()
            if key in RESETTABLE
        }
    )
    st.rerun()


def _counts_caption(counts: dict, name: Callable[[Any], str]) -> str:
    return " · ".join(f"{name(option)}: {count}" for option, count in counts.items() if count)


def level_words(text: str) -> str:
    """The first words of a rubric level, short enough to sit under a slider:
    'taken by mouth' for 'taken by mouth, put on the skin or breathed, …'."""
    return re.split(r"[:,;]", text, maxsplit=1)[0].strip()


class _WidgetArgs(TypedDict):
    key: str
    help: str | None
    on_change: Callable[..., None] | None
    args: tuple[str, ...]


def _score_widget(spec_filter: Filter, common: _WidgetArgs) -> None:
    if spec_filter.column is None:
        raise ValueError(f"the score filter {spec_filter.key} names no column")
    levels = scale_levels(spec_filter.column)
    st.select_slider(
        spec_filter.label, options=list(levels),
        format_func=lambda level: f"{level} – {level_words(levels[level])}", **common,
    )  # fmt: skip


def filter_widget(spec_filter: Filter, on_change: Callable[[str], None] | None = None) -> None:
    """The widget that shows one filter, keyed by its link key; `on_change` is called with
    that key when it changes (without it, the whole page reruns)."""
    common: _WidgetArgs = {
        "key": spec_filter.key,
        "help": spec_filter.help or (spec_filter.column and help_text(spec_filter.column)),
        "on_change": on_change,
        "args": (spec_filter.key,),
    }
    kind = spec_filter.widget
    if kind == "segmented":
        st.segmented_control(
            spec_filter.label, spec_filter.options(), format_func=spec_filter.format_option,
            **common,
        )  # fmt: skip
    elif kind == "pills":
        st.pills(
            spec_filter.label, spec_filter.options(), format_func=spec_filter.format_option,
            selection_mode="multi", **common,
        )  # fmt: skip
    elif kind == "score":
        _score_widget(spec_filter, common)
    elif kind == "weeks":
        st.number_input(
            spec_filter.label, min_value=0.0, max_value=float(col.MAX_WEEKS), step=1.0,
            placeholder="any length", **common,
        )  # fmt: skip
    elif kind == "evidence":
        st.select_slider(spec_filter.label, options=spec_filter.options(), **common)
    elif kind == "text":
        st.text_input(spec_filter.label, placeholder="e.g. bike, liver, injection", **common)
    elif kind == "toggle":
        st.toggle(spec_filter.label, **common)
    else:
        raise ValueError(f"no widget for kind {kind!r}")


def _faceted(spec_filter: Filter) -> bool:
    return spec_filter.keep is not None and spec_filter.widget in ("segmented", "pills")


@st.fragment(key=state.COUNTS_FRAGMENT)
def _counts(table: pd.DataFrame) -> None:
    """How many treatments each choice of the filters above would give with the other filters
    as set, one line per filter in one caption; then how each chosen joint is staged."""
    spec = spec_from_widgets(st.session_state)
    st.caption(counted(table, spec, lambda: _counts_text(table, spec)))
    _joint_staging_notes()


def _counts_text(table: pd.DataFrame, spec: FilterSpec) -> str:
    lines = [
        f"{spec_filter.label}: "
        + _counts_caption(facet_counts(table, spec, spec_filter.key), spec_filter.format_option)
        for spec_filter in FILTERS
        if not spec_filter.personal and _faceted(spec_filter)
    ]
    return "Treatments for each choice, with the other filters as set:  \n" + "  \n".join(lines)


def _joint_staging_notes() -> None:
    """Stages are the hip's scale: say so, and name the joint's own systems, when it is not."""
    for joint in st.session_state.get("joint") or ():
        staging = joint_staging(joint)
        if staging.approximate:
            st.caption(f"{col.JOINT_LABELS[joint]}: {staging.note}")


def filters(table: pd.DataFrame) -> None:
    st.subheader("Filters")
    st.caption(KEYBOARD_HINT)
    explore_filters = [spec_filter for spec_filter in FILTERS if not spec_filter.personal]
    last_faceted = max(i for i, spec_filter in enumerate(explore_filters) if _faceted(spec_filter))
    for place, spec_filter in enumerate(explore_filters):
        filter_widget(spec_filter, on_change=_filter_changed)
        if spec_filter.key == "stage":
            stage_helper()
        if place == last_faceted:
            _counts(table)
    st.button("Reset filters", on_click=reset_filters, width="stretch", key="reset_filters")
