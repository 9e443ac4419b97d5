"""The "Which stage am I?" helper: the words of an imaging report, read as a filter stage."""

import streamlit as st

from avn_data.evidence.staging import (
    BY_FINDING,
    BY_LESION_TYPE,
    FINDING_KEYS,
    HIP,
    LESION_TYPE_KEYS,
    NOT_A_DIAGNOSIS,
    STAGE_NAMES,
    StageReading,
    joint_staging,
    stage_from_findings,
    stage_from_name,
)
from avn_data.tables import columns as col
from avn_data.tables.stage_numbers import stage_label
from ui import state

# Page state the helper sets: the stage filter (avn_data.filters) and the JIC lesion type.
STAGE_KEY = "stage"
LESION_TYPE_KEY = "lesion"
# The helper's own widgets; they are not part of the link.
JOINT_WIDGET = "stage_helper_joint"
NAMED_WIDGET = "stage_helper_named"
FINDING_WIDGET = "stage_helper_finding"
LESION_WIDGET = "stage_helper_lesion"
USE_BUTTON = "stage_helper_use"
NOT_GIVEN = "not-given"
LABEL = "Which stage am I?"


def use_reading(stage: int, lesion_type: str | None) -> None:
    """Set the stage filter (and the lesion type) to what the helper read; a button callback.
    The whole page reruns: the stage filter and the lesion type are drawn outside the helper."""
    st.session_state[STAGE_KEY] = stage
    st.session_state[LESION_TYPE_KEY] = lesion_type
    st.rerun()


def _joint_index() -> int:
    """Start on the joint the joint filter names, when it names exactly one; else the hip."""
    chosen = st.session_state.get("joint") or []
    return col.JOINTS.index(chosen[0]) if len(chosen) == 1 and chosen[0] in col.JOINTS else 0


def _lesion_label(key: str) -> str:
    return "Not in my report" if key == NOT_GIVEN else BY_LESION_TYPE[key].label


def _crosswalk_table(reading: StageReading) -> str:
    scales = reading.crosswalk
    return "\n".join(
        [
            "| " + " | ".join(scales) + " |",
            "|" + "---|" * len(scales),
            "| " + " | ".join(scales.values()) + " |",
        ]
    )


def _result(reading: StageReading) -> None:
    lesion_type = reading.lesion_type.key if reading.lesion_type else None
    with st.container(border=True):
        st.markdown(f"**{reading.headline}**")
        st.markdown(_crosswalk_table(reading))
        st.markdown(reading.sentence)
        if reading.baseline:
            st.markdown(f"**Natural course for lesion type {lesion_type}:** {reading.baseline}")
        for note in reading.notes:
            st.caption(note)
        extra = f" and the lesion type to {lesion_type}" if lesion_type else ""
        st.button(
            f"Use stage {stage_label(reading.stage)}", key=USE_BUTTON, type="primary",
            on_click=use_reading, args=(reading.stage, lesion_type), width="stretch",
            help=f"Sets the Disease stage filter to {stage_label(reading.stage)}{extra}.",
        )  # fmt: skip
        if st.session_state.get(STAGE_KEY) == reading.stage:
            st.caption(f":material/check: The stage filter shows stage {reading.stage_label}.")
        st.caption(NOT_A_DIAGNOSIS)


@st.fragment(key=state.HELPER_FRAGMENT)
def stage_helper() -> None:
    """The helper in a popover under the stage filter: type or pick the stage the report
    names, or pick the report's words; then use the stage."""
    with st.popover(LABEL, icon=":material/help:", width="stretch"):
        joint = st.radio(
            "Which joint is the report about?", col.JOINTS, index=_joint_index(),
            format_func=col.JOINT_LABELS.get, horizontal=True, key=JOINT_WIDGET,
        )  # fmt: skip
        st.caption(joint_staging(joint).note)
        named = st.selectbox(
            "My report already names a stage", list(STAGE_NAMES), index=None,
            placeholder="Type or pick, e.g. ARCO II", key=NAMED_WIDGET,
            help="ARCO, Ficat–Arlet and Steinberg stages; leave empty if the report only "
            "describes what it sees.",
        )  # fmt: skip
        finding = None
        if named is None:
            finding = st.radio(
                "Or: what does the report say? Pick the words closest to it (report terms in "
                "brackets).", FINDING_KEYS, index=None,
                format_func=lambda key: BY_FINDING[key].label, key=FINDING_WIDGET,
                captions=[
                    "Also written as: " + ", ".join(BY_FINDING[key].report_words[1:])
                    for key in FINDING_KEYS
                ],
                help="If it says several of these, pick the one furthest down the list.",
            )  # fmt: skip
        lesion = NOT_GIVEN
        if joint == HIP:
            lesion = st.radio(
                "Size and site of the damaged area (optional)", (NOT_GIVEN, *LESION_TYPE_KEYS),
                format_func=_lesion_label, key=LESION_WIDGET,
                help="The weight-bearing part is the top of the ball that carries your weight "
                "under the socket. Reports may call this the JIC type.",
            )  # fmt: skip
        lesion_type = None if lesion == NOT_GIVEN else lesion
        if named is not None:
            _result(stage_from_name(named, lesion_type=lesion_type, joint=joint))
        elif finding is not None:
            _result(stage_from_findings(finding, lesion_type=lesion_type, joint=joint))
