"""AVN Treatment Explorer: the Streamlit page. Layout and widgets only; logic lives in avn_data."""

from pathlib import Path

import pandas as pd
import streamlit as st

from avn_data import charts, columns
from avn_data.cli import data_path_from_argv
from avn_data.dictionary import help_text, label
from avn_data.export import file_name, to_csv_bytes
from avn_data.filters import FilterSpec, from_query, stage_label
from avn_data.load import BUNDLED_TABLE, load_treatments
from avn_data.problems import TableError, format_problems
from avn_data.rubric import INVASIVENESS_LEVELS, SIDE_EFFECT_LEVELS, rubric_paragraph
from avn_data.view import DEFAULT_VIEW_COLUMNS, view_frame
from avn_data.widgets import (
    WIDGET_DEFAULTS,
    category_counts,
    spec_from_widgets,
    stage_counts,
    widget_state,
)

DISCLAIMER = (
    "This explorer informs; it does not replace your doctor. Scores summarise published "
    "studies, not your case: talk any option through with your orthopaedist."
)
REVIEW_DATE = "2026-11-25"

st.set_page_config(page_title="AVN Treatment Explorer", page_icon="🦴", layout="wide")


# ==== Data =========================================================================


@st.cache_data(show_spinner=False, max_entries=4)
def cached_table(path: str, modified: float) -> pd.DataFrame:
    return load_treatments(Path(path))


def load_data() -> tuple[pd.DataFrame, list[str]]:
    """The table to explore, and any problems that made us fall back to the bundled one."""
    wanted = data_path_from_argv()
    try:
        return cached_table(str(wanted), wanted.stat().st_mtime), []
    except (TableError, OSError) as error:
        if wanted == BUNDLED_TABLE:
            raise
        detail = format_problems(error.problems) if isinstance(error, TableError) else str(error)
        return cached_table(str(BUNDLED_TABLE), BUNDLED_TABLE.stat().st_mtime), [
            f"Could not use {wanted}; showing the bundled table instead.\n\n{detail}"
        ]


# ==== URL state: the one place that reads and writes st.query_params ===============


def link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def start_from_link() -> None:
    """On a session's first run, the link sets the widgets; bad link values become notices."""
    if "link_notices" in st.session_state:
        return
    spec, notices = from_query(link_params())
    st.session_state.update(widget_state(spec))
    st.session_state.link_notices = notices


def write_link(spec: FilterSpec) -> None:
    wanted = {
        key: value if isinstance(value, list) else [value] for key, value in spec.to_query().items()
    }
    if wanted != link_params():
        st.query_params.from_dict(spec.to_query())


def reset_filters() -> None:
    st.session_state.update(
        {
            key: list(value) if isinstance(value, list) else value
            for key, value in WIDGET_DEFAULTS.items()
        }
    )


# ==== Sidebar ======================================================================


def counts_caption(counts: dict, name) -> str:
    return " · ".join(f"{name(key)}: {count}" for key, count in counts.items())


def sidebar(table: pd.DataFrame) -> FilterSpec:
    current = spec_from_widgets(st.session_state)
    with st.sidebar:
        st.header("Filters")
        st.segmented_control(
            "Disease stage",
            options=list(columns.STAGE_LABELS),
            format_func=lambda stage: columns.STAGE_LABELS[stage],
            key="stage",
            help="0 = at risk, nothing on imaging yet; I–IV = ARCO 2019 stages. "
            "Click the selected stage again for any stage.",
        )
        st.caption(
            "Treatments per stage: " + counts_caption(stage_counts(table, current), stage_label)
        )
        st.multiselect("Category", columns.CATEGORIES, key="category", placeholder="All categories")
        st.caption(
            "Per category: "
            + counts_caption({k: v for k, v in category_counts(table, current).items() if v}, str)
        )
        st.slider("Most invasive", 0, 4, key="max_invasiveness", help=help_text("invasiveness"))
        st.caption(f"Up to: {INVASIVENESS_LEVELS[st.session_state.max_invasiveness]}")
        st.slider(
            "Heaviest side effects",
            0,
            4,
            key="max_side_effects",
            help=help_text("side_effect_burden"),
        )
        st.caption(f"Up to: {SIDE_EFFECT_LEVELS[st.session_state.max_side_effects]}")
        st.number_input(
            "Fits in (weeks)",
            min_value=0.0,
            max_value=520.0,
            step=1.0,
            key="max_weeks",
            placeholder="any length",
            help="Keep treatments whose shortest typical course fits.",
        )
        st.select_slider(
            "Weakest evidence shown",
            options=columns.EVIDENCE_LEVELS,
            key="evidence",
            help=help_text("evidence_certainty"),
        )
        st.text_input("Search", key="q", placeholder="e.g. bike, liver, injection")
        st.toggle("Show surgical procedures for comparison", key="surgical")
        st.button("Reset filters", on_click=reset_filters, width="stretch")
    return spec_from_widgets(st.session_state)


# ==== Results ======================================================================


def column_config(names: list[str]) -> dict:
    config = {}
    for name in names:
        common = {"label": label(name), "help": help_text(name)}
        if name in ("invasiveness", "side_effect_burden"):
            config[name] = st.column_config.ProgressColumn(
                **common, min_value=0, max_value=4, format="%d"
            )
        elif name in ("duration_weeks_min", "duration_weeks_max"):
            config[name] = st.column_config.NumberColumn(**common, format="%g", width="small")
        elif name == "name":
            config[name] = st.column_config.TextColumn(**common, width="large", pinned=True)
        else:
            config[name] = st.column_config.TextColumn(**common)
    return config


def results_table(rows: pd.DataFrame, spec: FilterSpec) -> None:
    with st.expander("Choose columns"):
        chosen = st.multiselect(
            "Columns shown and downloaded",
            options=list(dict.fromkeys([*DEFAULT_VIEW_COLUMNS, *columns.TABLE_COLUMNS])),
            default=list(DEFAULT_VIEW_COLUMNS),
            format_func=label,
            key="columns",
        )
    frame = view_frame(rows, chosen or DEFAULT_VIEW_COLUMNS)
    st.download_button(
        "Download these rows as CSV",
        data=to_csv_bytes(frame),
        file_name=file_name(spec),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    st.dataframe(
        frame, hide_index=True, column_config=column_config(list(frame.columns)), key="table"
    )


def chart(figure, caption: str, key: str) -> None:
    st.caption(caption)
    st.plotly_chart(figure, key=key, config={"displaylogo": False})


def results_charts(rows: pd.DataFrame, spec: FilterSpec) -> None:
    chart(charts.trade_off_map(rows), charts.CAPTIONS["trade_off_map"], "trade_off_map")
    chart(charts.stage_coverage(rows, spec.stage), charts.CAPTIONS["stage_coverage"], "stage_chart")
    chart(
        charts.duration_chart(rows, spec.max_weeks), charts.CAPTIONS["duration"], "duration_chart"
    )


def about() -> None:
    with st.expander("About the data"):
        st.markdown(
            f"Every row traces to the patient-advocate article *Non-surgical treatments of "
            f"avascular necrosis* or to a named study or guideline, cited in the **Sources** "
            f"column. Evidence certainty uses GRADE words; *none* means no clinical data in AVN. "
            f"Data reviewed {REVIEW_DATE}; the full data dictionary and rubric are in "
            f"`data/README.md`.\n\n{rubric_paragraph()}\n\n**{DISCLAIMER}**"
        )


# ==== Page =========================================================================

st.title("AVN Treatment Explorer")
st.markdown(
    "Non-surgical options for avascular necrosis (osteonecrosis), side by side: how invasive "
    "each is, how long it takes, at which stage it applies, and how heavy its side effects are."
)
st.info(DISCLAIMER, icon=":material/medical_information:")

table, load_warnings = load_data()
for warning in load_warnings:
    st.error(warning)
start_from_link()
for notice in st.session_state.link_notices:
    st.warning(notice, icon=":material/link_off:")

spec = sidebar(table)
write_link(spec)
rows = spec.apply(table)
st.markdown(f"**{spec.describe(len(rows), len(table))}**")
if rows.empty:
    st.info("No treatment matches all of these filters. Loosen one, or start again.")
    st.button("Reset filters", on_click=reset_filters, key="reset_empty")
else:
    results_table(rows, spec)
    results_charts(rows, spec)
about()
