"""The Treatment details tab: everything about one treatment, what it does beside what it costs."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from avn_data.evidence.cautions import load_cautions
from avn_data.evidence.frequencies import headline
from avn_data.evidence.rubric import evidence_text, level_text
from avn_data.tables.stage_numbers import stage_range_label
from avn_data.view.durations import weeks_text
from avn_data.view.page_state import PageState
from avn_data.view.rows import chosen
from avn_data.view.text import clip_for_display, escape_markdown, markdown_link
from avn_data.view.wording import questions, source_links
from ui import state
from ui.findings import finding_lines, findings_for, outcomes, show_frequency


def _text(value: str) -> str:
    return escape_markdown(clip_for_display(str(value)))


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


def _bullets(text: str) -> str:
    return "\n".join(f"- {_text(line)}" for line in text.split(" | ") if line.strip())


def _benefits(row: dict, view: PageState) -> None:
    st.subheader("What it does for you")
    st.markdown(f"**What the evidence says:** {_text(row['benefit_group'])}")
    st.markdown(f"**Why:** {_text(row['evidence_why'])}")
    st.caption(_text(row["benefit_for_you"]))
    if row["cause_note"]:
        st.warning(_text(row["cause_note"]), icon=":material/info:")
    rows = findings_for(row["treatment_id"], view.aims)
    found = headline(rows, row["name"])
    if found is not None:
        label = "After " + row["name"][:40]
        show_frequency(found, label, key=f"benefit_{row['treatment_id']}")
    st.markdown("**What the studies found:**")
    st.markdown(finding_lines(rows) or "No study has measured what it does in AVN.")
    st.markdown(f"**How sure we are:** {_text(evidence_text(row['verdict_certainty']))}")
    st.markdown(f"**What the source article says:** {_text(row['article_claim'])}")


def _harms(row: dict) -> None:
    st.subheader("What it costs you")
    invasive = level_text("invasiveness", row["invasiveness"])
    burden = level_text("side_effect_burden", row["side_effect_burden"])
    course = weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])
    st.markdown(
        f"**How invasive:** {_text(invasive)}\n\n**Side-effect burden:** {_text(burden)}\n\n"
        f"**How long:** {_text(course)}"
    )
    st.markdown(f"**Side effects:** {_text(row['side_effects'])}")
    st.markdown(f"**Day to day:** {_text(row['regimen'])}")
    st.markdown(f"**Who should avoid it or take care:** {_text(row['cautions'])}")
    if row["cautions_for_you"]:
        st.warning(
            "**For your situation:**\n\n" + _bullets(row["cautions_for_you"]),
            icon=":material/warning:",
        )


FOCUS_HEADING = st.components.v2.component(
    "avn_focus_heading",
    js="""export default function ({ data }) {
  let tries = 0;
  const focus = () => {
    const heading = [...document.querySelectorAll('h2')].find(
      (h) => h.textContent.trim() === data.name);
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else if (++tries < 20) {
      requestAnimationFrame(focus);
    }
  };
  focus();
}""",
)


def treatment_detail(table: pd.DataFrame, view: PageState, names: Mapping[str, str]) -> None:
    st.selectbox(
        "Treatment", list(names), format_func=lambda treatment_id: names[treatment_id],
        key=state.TREATMENT,
        index=None, placeholder="Choose a treatment, or open one from the Explore tab",
    )  # fmt: skip
    opened = st.session_state[state.TREATMENT]
    if not opened:
        return
    row = (
        chosen(table, [opened], view.filters, view.weights, load_cautions(), view.aims, outcomes())
        .iloc[0]
        .to_dict()
    )
    st.header(_text(row["name"]))
    if st.session_state.pop(state.FOCUS_OPENED, False):
        # Opened from the list: the keyboard goes on from the treatment, not the page's top.
        FOCUS_HEADING(key="focus_opened_treatment", data={"name": row["name"]})
    st.caption(f"{_text(row['category'])}{' · surgical reference' if row['surgical'] else ''}")
    st.markdown(_text(row["how_it_works"]))
    _score_metrics(row)
    benefits, harms = st.columns(2)
    with benefits:
        _benefits(row, view)
    with harms:
        _harms(row)
    st.subheader("Questions to ask your doctor")
    st.markdown(
        "\n".join(f"- {_text(question)}" for question in questions(row["questions_to_ask"]))
    )
    st.subheader("Why these scores")
    st.markdown(_text(row["score_basis"]))
    st.subheader("Sources")
    st.markdown(_text(row["sources"]))
    st.markdown("\n".join(f"- {markdown_link(url)}" for url in source_links(row["source_urls"])))
