"""The sidebar: filters, my situation, what matters to me, and bringing your own table."""

import re
from collections.abc import Callable
from typing import Any, TypedDict

import pandas as pd
import streamlit as st

from avn_data.evidence.ranking import COST_LABELS, MAX_WEIGHT
from avn_data.evidence.rubric import scale_levels
from avn_data.evidence.staging import joint_staging
from avn_data.tables import columns as col
from avn_data.tables.dictionary import DATA_README, help_text
from avn_data.tables.template import template_csv_bytes
from avn_data.view.filters import FILTERS, Filter, facet_counts, spec_from_widgets
from avn_data.view.page_state import AIM_KEY, RESETTABLE, WEIGHT_KEYS, WIDGET_DEFAULTS
from avn_data.view.theme import MAX_UPLOAD_MB
from ui import state
from ui.stage_helper import stage_helper

MIND_WORDS = ("not at all", "a little", "somewhat", "quite a lot", "a lot", "very much")
# Two aids for small screens, kept up each time Streamlit redraws the page:
# - The sidebar's open button is an unlabelled arrow, and on a phone the only way to the
#   filters: it gets a visible "Filters" label that starts its accessible name.
# - A table wider than the screen (the comparison on a phone) scrolls sideways: its scroll box
#   becomes a named, focusable region, so the keyboard can scroll it and a screen reader says
#   what it is.
PAGE_AIDS = st.components.v2.component(
    "avn_page_aids",
    js="""export default function () {
  const label = 'Filters and my situation';
  if (!document.getElementById('avn-page-aids')) {
    const style = document.createElement('style');
    style.id = 'avn-page-aids';
    style.textContent = `[data-testid="stExpandSidebarButton"] { width: auto !important;
        padding: 0.3rem 0.7rem !important; border: 1px solid currentColor !important;
        border-radius: 0.5rem !important; color: inherit !important; }
      [data-testid="stExpandSidebarButton"]::after { content: "Filters"; margin-left: 0.3rem;
        font-size: 1rem; font-weight: 600; }
      [data-testid="stTable"] > div:focus-visible { outline: 2px solid #0c627c; }`;
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


def reset_filters() -> None:
    """Back to every non-surgical treatment; the person's situation and priorities stay."""
    st.session_state.update(
        {
            key: list(value) if isinstance(value, list) else value
            for key, value in WIDGET_DEFAULTS.items()
            if key in RESETTABLE
        }
    )


def _counts_caption(counts: dict, name: Callable[[Any], str]) -> str:
    return " · ".join(f"{name(option)}: {count}" for option, count in counts.items() if count)


def level_words(text: str) -> str:
    """The first words of a rubric level, short enough to sit under a slider:
    'taken by mouth' for 'taken by mouth, put on the skin or breathed, …'."""
    return re.split(r"[:,;]", text, maxsplit=1)[0].strip()


def _score_widget(spec_filter: Filter, help_words: str | None) -> None:
    if spec_filter.column is None:
        raise ValueError(f"the score filter {spec_filter.key} names no column")
    levels = scale_levels(spec_filter.column)
    st.select_slider(
        spec_filter.label, options=list(levels), key=spec_filter.key, help=help_words,
        format_func=lambda level: f"{level} – {level_words(levels[level])}",
    )  # fmt: skip


class _WidgetArgs(TypedDict):
    key: str
    help: str | None


def filter_widget(spec_filter: Filter) -> None:
    """The widget that shows one filter, keyed by its link key."""
    common: _WidgetArgs = {
        "key": spec_filter.key,
        "help": spec_filter.help or (spec_filter.column and help_text(spec_filter.column)),
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
        _score_widget(spec_filter, common["help"])
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


def _with_counts(spec_filter: Filter, table: pd.DataFrame) -> None:
    filter_widget(spec_filter)
    if spec_filter.keep is not None and spec_filter.widget in ("segmented", "pills"):
        counts = facet_counts(table, spec_from_widgets(st.session_state), spec_filter.key)
        st.caption("Treatments for each: " + _counts_caption(counts, spec_filter.format_option))


def _joint_staging_notes() -> None:
    """Stages are the hip's scale: say so, and name the joint's own systems, when it is not."""
    for joint in st.session_state.get("joint") or ():
        staging = joint_staging(joint)
        if staging.approximate:
            st.caption(f"{col.JOINT_LABELS[joint]}: {staging.note}")


def filters(table: pd.DataFrame) -> None:
    st.header("Filters")
    for spec_filter in FILTERS:
        if not spec_filter.personal:
            _with_counts(spec_filter, table)
            if spec_filter.key == "stage":
                stage_helper()
            if spec_filter.key == "joint":
                _joint_staging_notes()
    st.button("Reset filters", on_click=reset_filters, width="stretch", key="reset_filters")


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


def sidebar(table: pd.DataFrame, bundled: pd.DataFrame) -> None:
    with st.sidebar:
        PAGE_AIDS(key="page_aids")
        filters(table)
        situation()
        priorities()
        own_table(bundled)
