"""AVN Treatment Explorer: the Streamlit page. Layout and widgets only; logic lives in avn_data."""

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from avn_data import charts, columns
from avn_data.cautions import condition_labels, load_cautions, with_caution_columns
from avn_data.cli import data_path_from_argv
from avn_data.detail import (
    comparison_grid,
    evidence_text,
    invasiveness_text,
    questions,
    side_effect_text,
    source_links,
    weeks_text,
)
from avn_data.dictionary import DATA_README, help_text, label, review_date
from avn_data.export import file_name, to_csv_bytes
from avn_data.filters import FILTER_KEYS, stage_label, stage_range_label
from avn_data.load import BUNDLED_TABLE, load_table, load_treatments
from avn_data.page_state import MAX_COMPARE, WEIGHT_KEYS, PageState, page_from_query
from avn_data.problems import TableError, format_problems
from avn_data.ranking import COST_LABELS, MAX_WEIGHT, explain
from avn_data.rubric import INVASIVENESS_LEVELS, SIDE_EFFECT_LEVELS, rubric_paragraph
from avn_data.template import template_csv_bytes
from avn_data.text import escape_markdown, markdown_link
from avn_data.view import (
    ALL_VIEW_COLUMNS,
    CHART_COLUMNS,
    chosen,
    default_columns,
    results,
    view_frame,
)
from avn_data.visit_summary import visit_summary_html
from avn_data.widgets import (
    WIDGET_DEFAULTS,
    category_counts,
    page_from_widgets,
    page_widget_state,
    stage_counts,
)

DISCLAIMER = (
    "This explorer informs; it does not replace your doctor. Scores summarise published "
    "studies, not your case: talk any option through with your orthopaedist."
)
BASELINE_ID = "watchful-waiting"
MAX_UPLOAD_MB = 50
MAX_TABLE_ROWS = 1_000
SUMMARY_DEFAULT_COUNT = 5
EXPLORE, COMPARE, DETAIL, SUMMARY = "Explore", "Compare", "Treatment details", "Visit summary"
TABS = (EXPLORE, COMPARE, DETAIL, SUMMARY)
PERSONAL_KEYS = ("situation", "hide_avoid")

st.set_page_config(page_title="AVN Treatment Explorer", page_icon="🦴", layout="wide")


# ==== Data =========================================================================


# cache_resource, not cache_data: every function here treats the table as read-only, and
# cache_data would unpickle a fresh copy on each rerun (~1 s for a 100k-row table).
@st.cache_resource(show_spinner=False, max_entries=4)
def cached_table(path: str, modified: float) -> pd.DataFrame:
    return with_caution_columns(load_treatments(Path(path)), cached_cautions())


@st.cache_resource(show_spinner=False)
def cached_cautions() -> pd.DataFrame:
    return load_cautions()


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


def uploaded_table(started_with: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """This session's uploaded table once it is valid; kept in its session state, never on disk."""
    upload = st.session_state.get("upload")
    if upload is None:
        st.session_state.pop("upload_result", None)
        return started_with, None
    if st.session_state.get("upload_result", (None,))[0] != upload.file_id:
        try:
            table = with_caution_columns(load_table(upload.getvalue()), cached_cautions())
            st.session_state.upload_result = (upload.file_id, table, [])
            # Replacing a file passes through a run with no file, so this outlives that run.
            st.session_state.last_valid_upload = (upload.name, table)
        except TableError as error:
            st.session_state.upload_result = (upload.file_id, None, error.problems)
    _, table, problems = st.session_state.upload_result
    if table is None:
        count = len(problems)
        kept_name, kept = st.session_state.get(
            "last_valid_upload", ("the bundled table", started_with)
        )
        return kept, (
            f"**{escape_markdown(upload.name)} was not loaded: {count} problem"
            f"{'s' * (count != 1)}.** Still showing {escape_markdown(kept_name)}. Fix these and "
            "upload it again:\n\n"
            + "\n".join(
                f"- {escape_markdown(line)}" for line in format_problems(problems).splitlines()
            )
        )
    return table, None


def keep_known_treatments(treatment_ids: pd.Series) -> None:
    """After the table changes, forget an open treatment or comparison it no longer has."""
    opened = [st.session_state.get("treatment"), *st.session_state.get("compare", [])]
    known = set(treatment_ids[treatment_ids.isin(opened)])
    if st.session_state.get("treatment") not in known:
        st.session_state.treatment = None
    st.session_state.compare = [tid for tid in st.session_state.get("compare", []) if tid in known]


# ==== URL state: the one place that reads and writes st.query_params ===============


def link_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def start_from_link(treatment_ids: pd.Series) -> None:
    """On a session's first run, the link sets the widgets; bad link values become notices."""
    if "link_notices" in st.session_state:
        return
    state, notices = page_from_query(link_params(), set(treatment_ids))
    st.session_state.update(page_widget_state(state))
    st.session_state.link_notices = notices
    st.session_state.tab = DETAIL if state.treatment else COMPARE if state.compare else EXPLORE


def write_link(state: PageState) -> None:
    wanted = state.to_query()
    as_lists = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if as_lists != link_params():
        st.query_params.from_dict(wanted)


def reset_filters() -> None:
    """Back to every non-surgical treatment; the person's situation and priorities stay."""
    st.session_state.update(
        {
            key: list(value) if isinstance(value, list) else value
            for key, value in WIDGET_DEFAULTS.items()
            if key in FILTER_KEYS and key not in PERSONAL_KEYS
        }
    )


def open_treatment(treatment_id: str) -> None:
    st.session_state.treatment = treatment_id
    st.session_state.tab = DETAIL


def open_from_table() -> None:
    rows = st.session_state.table.selection.rows
    if rows:
        open_treatment(st.session_state.table_ids[rows[0]])


def open_from_chart() -> None:
    points = st.session_state.trade_off_map.selection.points
    if points and points[0].get("customdata"):
        open_treatment(points[0]["customdata"])


def add_baseline() -> None:
    st.session_state.compare = [*st.session_state.compare, BASELINE_ID][-MAX_COMPARE:]


# ==== Sidebar ======================================================================


def counts_caption(counts: dict, name) -> str:
    return " · ".join(f"{name(key)}: {count}" for key, count in counts.items() if count)


def filter_widgets(table: pd.DataFrame) -> None:
    current = page_from_widgets(st.session_state).filters
    st.header("Filters")
    st.segmented_control(
        "Disease stage",
        options=list(columns.STAGE_LABELS),
        format_func=lambda stage: columns.STAGE_LABELS[stage],
        key="stage",
        help="0 = at risk, nothing on imaging yet; I–IV = ARCO 2019 stages. "
        "Click the selected stage again for any stage.",
    )
    st.caption("Treatments per stage: " + counts_caption(stage_counts(table, current), stage_label))
    st.multiselect("Category", columns.CATEGORIES, key="category", placeholder="All categories")
    st.caption("Per category: " + counts_caption(category_counts(table, current), str))
    st.slider("Most invasive", 0, 4, key="max_invasiveness", help=help_text("invasiveness"))
    st.caption(f"Up to: {INVASIVENESS_LEVELS[st.session_state.max_invasiveness]}")
    st.slider(
        "Heaviest side effects", 0, 4, key="max_side_effects", help=help_text("side_effect_burden")
    )
    st.caption(f"Up to: {SIDE_EFFECT_LEVELS[st.session_state.max_side_effects]}")
    st.number_input(
        "Fits in (weeks)", min_value=0.0, max_value=520.0, step=1.0, key="max_weeks",
        placeholder="any length", help="Keep treatments whose shortest typical course fits.",
    )  # fmt: skip
    st.select_slider(
        "Weakest evidence shown", options=columns.EVIDENCE_LEVELS, key="evidence",
        help=help_text("evidence_certainty"),
    )  # fmt: skip
    st.text_input("Search", key="q", placeholder="e.g. bike, liver, injection")
    st.toggle("Show surgical procedures for comparison", key="surgical")
    st.button("Reset filters", on_click=reset_filters, width="stretch")


def own_table_widgets(bundled: pd.DataFrame) -> None:
    with st.expander("Use your own table"):
        st.file_uploader(
            "Treatment table (CSV)", type=["csv", "txt"], key="upload",
            max_upload_size=MAX_UPLOAD_MB,
            help="Same columns as the bundled table. It stays in this browser session only.",
        )  # fmt: skip
        st.caption(
            f"Up to {MAX_UPLOAD_MB} MB. Comma or semicolon separated, UTF-8 (with or without "
            "BOM). Every problem is listed by row and column; until the file is valid you keep "
            "seeing the table you had."
        )
        st.download_button(
            "Template (CSV)",
            data=lambda: template_csv_bytes(bundled),
            file_name="avn-treatments-template.csv",
            mime="text/csv",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            "Data dictionary (Markdown)",
            data=DATA_README.read_bytes,
            file_name="avn-data-dictionary.md",
            mime="text/markdown",
            on_click="ignore",
            width="stretch",
        )


def situation_widgets() -> None:
    st.header("My situation")
    labels = condition_labels()
    st.multiselect(
        "What applies to me", list(labels), format_func=labels.get, key="situation",
        placeholder="Nothing selected",
        help="Treatments with a caution for any of these are flagged.",
    )  # fmt: skip
    st.toggle("Hide treatments I should avoid", key="hide_avoid")


def priority_widgets() -> None:
    st.header("What matters to me")
    st.caption("How much do you mind each? 0 = not at all, 5 = very much. The list ranks by it.")
    for key, name in WEIGHT_KEYS.items():
        st.slider(COST_LABELS[name], 0, MAX_WEIGHT, key=key)


# ==== Explore ======================================================================


def column_config(names: list[str]) -> dict:
    config = {}
    for name in names:
        common = {"label": label(name), "help": help_text(name)}
        if name in ("invasiveness", "side_effect_burden"):
            config[name] = st.column_config.ProgressColumn(
                **common, min_value=0, max_value=4, format="%d"
            )
        elif name == "fit":
            config[name] = st.column_config.ProgressColumn(
                **common, min_value=0, max_value=100, format="%d"
            )
        elif name in ("duration_weeks_min", "duration_weeks_max"):
            config[name] = st.column_config.NumberColumn(**common, format="%g", width="small")
        elif name == "not_beaten":
            config[name] = st.column_config.CheckboxColumn(**common, width="small")
        elif name == "name":
            config[name] = st.column_config.TextColumn(**common, width="large", pinned=True)
        else:
            config[name] = st.column_config.TextColumn(**common)
    return config


def situation_flags(rows: pd.DataFrame) -> None:
    flagged = rows[rows["cautions_for_you"] != ""]
    if not flagged.empty:
        names = ", ".join(escape_markdown(name) for name in flagged["name"])
        st.warning(
            f"**{len(flagged)} treatment(s) in view have a caution for your situation:** {names}. "
            "See the *Cautions for you* column, or open a treatment for the reason.",
            icon=":material/warning:",
        )


def results_table(rows: pd.DataFrame, state: PageState) -> None:
    with st.expander("Choose columns · how the fit score works"):
        picked_columns = st.multiselect(
            "Columns shown and downloaded", options=list(ALL_VIEW_COLUMNS),
            default=default_columns(state.filters), format_func=label, key="columns",
        )  # fmt: skip
        st.caption(explain(state.weights))
    frame = view_frame(rows, picked_columns or default_columns(state.filters))
    st.download_button(
        "Download these rows as CSV",
        # Built on click, so a big table costs nothing on the reruns where nobody downloads.
        data=lambda: to_csv_bytes(frame),
        file_name=file_name(state.filters),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    shown = frame.head(MAX_TABLE_ROWS)
    st.session_state.table_ids = list(rows["treatment_id"].head(MAX_TABLE_ROWS))
    if len(frame) > MAX_TABLE_ROWS:
        st.caption(
            f"The table shows the first {MAX_TABLE_ROWS:,} of {len(frame):,} rows, best fit "
            "first; the download holds them all."
        )
    st.caption("Click a row to open that treatment.")
    st.dataframe(
        shown, hide_index=True, column_config=column_config(list(shown.columns)), key="table",
        on_select=open_from_table, selection_mode="single-row",
    )  # fmt: skip


def chart(figure, caption: str, key: str, **selection) -> None:
    st.caption(caption)
    st.plotly_chart(figure, key=key, config={"displaylogo": False}, **selection)


def explore(table: pd.DataFrame, rows: pd.DataFrame, state: PageState) -> None:
    st.markdown(f"**{escape_markdown(state.filters.describe(len(rows), len(table)))}**")
    if rows.empty:
        st.info("No treatment matches all of these filters. Loosen one, or start again.")
        st.button("Reset filters", on_click=reset_filters, key="reset_empty")
        return
    situation_flags(rows)
    results_table(rows, state)
    chart(
        charts.trade_off_map(rows), charts.CAPTIONS["trade_off_map"] + " Click a point to open it.",
        "trade_off_map", on_select=open_from_chart, selection_mode="points",
    )  # fmt: skip
    chart(
        charts.stage_coverage(rows, state.filters.stage),
        charts.CAPTIONS["stage_coverage"],
        "stage_chart",
    )
    chart(
        charts.duration_chart(rows, state.filters.max_weeks),
        charts.CAPTIONS["duration"],
        "duration_chart",
    )


# ==== Compare, detail, visit summary ===============================================


def compare(table: pd.DataFrame, state: PageState, names: dict[str, str]) -> None:
    st.multiselect(
        f"Treatments to compare (2–{MAX_COMPARE})", list(names), format_func=names.get,
        key="compare", max_selections=MAX_COMPARE, placeholder="Pick two to four treatments",
    )  # fmt: skip
    if BASELINE_ID in names and BASELINE_ID not in st.session_state.compare:
        st.button("Add watchful waiting as the baseline", on_click=add_baseline)
    picked = chosen(
        table, st.session_state.compare, state.filters, state.weights, cached_cautions()
    )
    if len(picked) < 2:
        st.info("Pick at least two treatments to see them side by side.")
        return
    grid = comparison_grid(picked)
    st.table(grid.map(str), border="horizontal")
    chart(charts.compare_chart(picked), charts.CAPTIONS["compare"], "compare_chart")


def score_metrics(row: dict) -> None:
    cells = st.columns(4)
    cells[0].metric(
        "Invasiveness", f"{row['invasiveness']} / 4", help=invasiveness_text(row["invasiveness"])
    )
    cells[1].metric(
        "Side-effect burden", f"{row['side_effect_burden']} / 4",
        help=side_effect_text(row["side_effect_burden"]),
    )  # fmt: skip
    cells[2].metric(
        "Typical course", weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])
    )
    cells[3].metric("Stages", stage_range_label(row["stage_min"], row["stage_max"]))
    st.caption(
        f"{invasiveness_text(row['invasiveness'])} · {side_effect_text(row['side_effect_burden'])}"
    )


def treatment_detail(table: pd.DataFrame, state: PageState, names: dict[str, str]) -> None:
    st.selectbox(
        "Treatment", list(names), format_func=names.get, key="treatment",
        index=None, placeholder="Choose a treatment, or click one in the Explore tab",
    )  # fmt: skip
    if not st.session_state.treatment:
        return
    opened = [st.session_state.treatment]
    row = chosen(table, opened, state.filters, cautions=cached_cautions()).iloc[0].to_dict()
    st.subheader(escape_markdown(row["name"]))
    st.caption(
        f"{escape_markdown(row['category'])}{' · surgical reference' if row['surgical'] else ''}"
    )
    st.markdown(escape_markdown(row["how_it_works"]))
    score_metrics(row)
    if row["cautions_for_you"]:
        st.warning(
            f"**For your situation:** {escape_markdown(row['cautions_for_you'])}",
            icon=":material/warning:",
        )
    benefits, harms = st.columns(2)
    with benefits:
        st.markdown("#### Evidence and what it involves")
        st.markdown(f"**Evidence:** {escape_markdown(evidence_text(row['evidence_certainty']))}")
        st.markdown(escape_markdown(row["evidence_summary"]))
        st.markdown(f"**Day to day:** {escape_markdown(row['regimen'])}")
        st.markdown(f"**What the source article says:** {escape_markdown(row['article_claim'])}")
    with harms:
        st.markdown("#### Side effects and cautions")
        st.markdown(f"**Side effects:** {escape_markdown(row['side_effects'])}")
        st.markdown(f"**Who should avoid it or take care:** {escape_markdown(row['cautions'])}")
        st.markdown(f"**Why these scores:** {escape_markdown(row['score_basis'])}")
    st.markdown("#### Questions to ask your doctor")
    st.markdown(
        "\n".join(
            f"- {escape_markdown(question)}" for question in questions(row["questions_to_ask"])
        )
    )
    st.markdown("#### Sources")
    st.markdown(escape_markdown(row["sources"]))
    st.markdown("\n".join(f"- {markdown_link(url)}" for url in source_links(row["source_urls"])))


def visit_summary(table: pd.DataFrame, state: PageState) -> None:
    if state.compare:
        picked = chosen(table, state.compare, state.filters, state.weights, cached_cautions())
        st.markdown("The summary holds the treatments you are comparing:")
    else:
        rows = results(table, state.filters, state.weights, cached_cautions())
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
    page = visit_summary_html(picked, state.filters, state.weights, review_date(), date.today())
    st.download_button(
        "Download the visit summary (printable page)", data=page.encode("utf-8"),
        file_name="avn-visit-summary.html", mime="text/html", on_click="ignore",
        icon=":material/print:",
    )  # fmt: skip


def about() -> None:
    with st.expander("About the data"):
        st.markdown(
            f"Every row traces to the patient-advocate article *Non-surgical treatments of "
            f"avascular necrosis* or to a named study or guideline, cited in the **Sources** "
            f"column. Evidence certainty uses GRADE words; *none* means no clinical data in AVN. "
            f"Data reviewed {review_date()}; the full data dictionary and rubric are in "
            f"`data/README.md`.\n\n{rubric_paragraph()}\n\n**{DISCLAIMER}**"
        )


# ==== Page =========================================================================

st.title("AVN Treatment Explorer")
st.markdown(
    "Non-surgical options for avascular necrosis (osteonecrosis), side by side: how invasive "
    "each is, how long it takes, at which stage it applies, and how heavy its side effects are."
)
st.info(DISCLAIMER, icon=":material/medical_information:")

bundled, load_warnings = load_data()
for warning in load_warnings:
    st.error(warning)
table, upload_problem = uploaded_table(bundled)
if upload_problem:
    st.error(upload_problem, icon=":material/error:")
start_from_link(table["treatment_id"])
keep_known_treatments(table["treatment_id"])
for notice in st.session_state.link_notices:
    st.warning(notice, icon=":material/link_off:")

with st.sidebar:
    filter_widgets(table)
    situation_widgets()
    priority_widgets()
    own_table_widgets(bundled)

state = page_from_widgets(st.session_state)
write_link(state)

tabs = dict(zip(TABS, st.tabs(TABS, key="tab", on_change="rerun"), strict=True))
active = st.session_state.tab
# Only the open tab is built: the others cost nothing until someone clicks them.
with tabs[active]:
    if active == EXPLORE:
        shown_columns = st.session_state.get("columns") or default_columns(state.filters)
        needed = [*shown_columns, *CHART_COLUMNS]
        rows = results(table, state.filters, state.weights, cached_cautions(), columns=needed)
        explore(table, rows, state)
    elif active == COMPARE:
        compare(table, state, dict(zip(table["treatment_id"], table["name"], strict=True)))
    elif active == DETAIL:
        treatment_detail(table, state, dict(zip(table["treatment_id"], table["name"], strict=True)))
    else:
        visit_summary(table, state)
about()
