"""The "Which stage am I?" helper, run by AppTest: pick the report's words, press, the stage is set."""

import pytest
from streamlit.testing.v1 import AppTest

from avn_data.evidence.staging import FINDING_KEYS, FINDINGS, NOT_A_DIAGNOSIS
from avn_data.tables.stage_numbers import stage_label
from ui.stage_helper import (
    FINDING_WIDGET,
    JOINT_WIDGET,
    LESION_TYPE_KEY,
    LESION_WIDGET,
    NAMED_WIDGET,
    STAGE_KEY,
    USE_BUTTON,
)


def helper_only() -> None:
    from ui.stage_helper import stage_helper

    stage_helper()


def under_the_stage_filter() -> None:
    import streamlit as st

    from ui.stage_helper import stage_helper

    st.segmented_control("Disease stage", (0, 1, 2, 3, 4), key="stage")
    stage_helper()


def run(script=helper_only) -> AppTest:
    app = AppTest.from_function(script, default_timeout=60).run()
    assert not app.exception
    return app


def pick(app: AppTest, finding: str, **widgets: str) -> AppTest:
    app.radio(key=FINDING_WIDGET).set_value(finding)
    for key, value in widgets.items():
        app.radio(key=key).set_value(value)
    app.run()
    assert not app.exception
    return app


def captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


def test_nothing_is_read_until_a_finding_is_picked():
    app = run()
    assert app.radio(key=FINDING_WIDGET).value is None
    assert not app.button
    assert app.radio(key=JOINT_WIDGET).value == "hip"


@pytest.mark.parametrize("finding", FINDINGS, ids=FINDING_KEYS)
def test_picking_a_finding_and_pressing_the_button_sets_the_stage(finding):
    app = pick(run(), finding.key)
    button = app.button(key=USE_BUTTON)
    assert button.label == f"Use stage {stage_label(finding.stage)}"
    assert NOT_A_DIAGNOSIS in captions(app)
    button.click().run()
    assert app.session_state[STAGE_KEY] == finding.stage
    assert app.session_state[LESION_TYPE_KEY] is None


def test_the_result_box_shows_stage_crosswalk_and_the_button_label():
    app = pick(run(), "sclerosis-cysts")
    shown = [markdown.value for markdown in app.markdown]
    assert "**Hip: ARCO 2019 stage II**" in shown
    assert any("| Stage filter | ARCO 2019 | Ficat–Arlet | Steinberg |" in text for text in shown)
    assert app.button(key=USE_BUTTON).label == "Use stage II"


def test_the_lesion_type_is_set_with_the_stage_and_gives_the_natural_course():
    app = pick(run(), "mri-only", **{LESION_WIDGET: "C2"})
    assert any("84.8 in 100 within 5 years" in markdown.value for markdown in app.markdown)
    app.button(key=USE_BUTTON).click().run()
    assert app.session_state[STAGE_KEY] == 1
    assert app.session_state[LESION_TYPE_KEY] == "C2"


def test_another_joint_hides_the_hip_lesion_types_and_says_approximation():
    app = pick(run(), "crescent-sign", **{JOINT_WIDGET: "knee"})
    assert LESION_WIDGET not in [radio.key for radio in app.radio]
    assert any("Koshino" in text for text in captions(app))
    assert any("approximation" in markdown.value for markdown in app.markdown)
    app.button(key=USE_BUTTON).click().run()
    assert app.session_state[STAGE_KEY] == 3
    assert app.session_state[LESION_TYPE_KEY] is None


def test_the_button_moves_the_stage_filter_drawn_above_it():
    app = pick(run(under_the_stage_filter), "arthritis")
    app.button(key=USE_BUTTON).click().run()
    assert app.button_group(key="stage").value == 4
    assert ":material/check: The stage filter shows stage IV." in captions(app)


def test_a_stage_the_report_names_goes_straight_to_the_button():
    app = run()
    app.selectbox(key=NAMED_WIDGET).set_value("ARCO II")
    app.radio(key=LESION_WIDGET).set_value("C1")
    app.run()
    assert FINDING_WIDGET not in [radio.key for radio in app.radio]
    assert "**Hip: ARCO 2019 stage II**" in [markdown.value for markdown in app.markdown]
    assert any("23.2 in 100 within 2 years" in markdown.value for markdown in app.markdown)
    app.button(key=USE_BUTTON).click().run()
    assert app.session_state[STAGE_KEY] == 2
    assert app.session_state[LESION_TYPE_KEY] == "C1"


def test_an_older_scale_name_covering_several_findings_reads_as_all_of_them():
    app = run()
    app.selectbox(key=NAMED_WIDGET).set_value("Ficat–Arlet III").run()
    sentence = next(md.value for md in app.markdown if md.value.startswith("Your report names"))
    assert "ARCO 2019 IIIA or IIIB" in sentence
    assert "Steinberg III or IV" in sentence
    app.button(key=USE_BUTTON).click().run()
    assert app.session_state[STAGE_KEY] == 3
