"""Which joint, which cause, which stage: the options and the natural course for the person,
through the link and the sidebar (the command line is in test_cli.py)."""

import csv
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from avn_data.tables.dictionary import label
from ui.state import DOWNLOAD_ROWS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
ROWS = list(csv.DictReader((ROOT / "data" / "treatments.csv").open(encoding="utf-8")))


def joints_of(row: dict) -> set[str]:
    return {joint.strip() for joint in row["joints"].split(";") if joint.strip()}


def run(**query: str | list[str]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def text_of(app: AppTest) -> str:
    parts = [
        e.value for kind in ("markdown", "info", "caption", "warning") for e in getattr(app, kind)
    ]
    return re.sub(r"\\(.)", r"\1", " ".join(parts)).replace("\u2060", "")


def shown_ids(app: AppTest) -> set[str]:
    """The ids of the rows on screen, read from the rows the download saves."""
    return set(app.session_state[DOWNLOAD_ROWS]()["treatment_id"])


def test_a_knee_link_shows_every_row_with_knee_evidence_and_nothing_hip_only():
    app = run(joint="knee")
    assert not app.exception
    expected = {
        row["treatment_id"]
        for row in ROWS
        if "knee" in joints_of(row) and row["surgical"] == "false"
    }
    assert shown_ids(app) == expected
    hip_only = {row["treatment_id"] for row in ROWS if joints_of(row) == {"hip"}}
    assert not shown_ids(app) & hip_only


def test_the_knee_page_tells_its_two_diseases_apart_with_their_own_course():
    text = text_of(run(joint="knee"))
    assert "Spontaneous osteonecrosis of the knee (SONK" in text
    assert "Secondary osteonecrosis of the knee" in text
    # The SONK series counted no single share, so its course is told in its own words; the
    # secondary knees' is counted (Mont 2000: 8 of 41 painful knees did well without surgery).
    assert "In 70 knees with spontaneous osteonecrosis treated conservatively" in text
    assert "about 20 had a good result" in text


def test_the_knee_says_its_stages_use_the_hip_scale():
    app = run(joint="knee")
    assert any(
        "Koshino" in caption.value and "approximation" in caption.value for caption in app.caption
    )


def test_picking_a_joint_in_the_sidebar_filters_and_goes_into_the_link():
    app = run()
    app.button_group(key="joint").set_value(["shoulder"]).run()
    assert app.query_params["joint"] == "shoulder"
    assert shown_ids(app) == {
        row["treatment_id"]
        for row in ROWS
        if "shoulder" in joints_of(row) and row["surgical"] == "false"
    }


def test_a_sickle_cell_link_changes_the_baseline_and_flags_other_causes():
    plain, sickle = run(stage="2"), run(stage="2", cause="sickle-cell")
    assert not sickle.exception
    baseline = next(md.value for md in sickle.markdown if md.value.startswith("Without treatment"))
    # Hernigou 2003: 65 of 75 painful sickle-cell hips before collapse collapsed within 5 years.
    assert "sickle" in baseline and "about 87" in baseline
    assert baseline != next(
        md.value for md in plain.markdown if md.value.startswith("Without treatment")
    )
    # The download is headed by the data dictionary's labels, as the page's table is.
    cause_header = label("cause_note")
    frame = sickle.session_state[DOWNLOAD_ROWS]().set_index("treatment_id")
    assert frame.loc["enoxaparin", cause_header].startswith("Studied only in AVN from")
    assert cause_header not in plain.session_state[DOWNLOAD_ROWS]().columns


def test_a_cause_with_a_known_outlook_says_it_with_its_source():
    text = text_of(run(cause="steroids"))
    assert "hazard ratio 4.15" in text and "Bone Jt Open 2021" in text


@pytest.mark.parametrize(("lesion", "share"), [("A", "0"), ("C2", "about 85")])
def test_a_lesion_type_sets_the_natural_course(lesion, share):
    baseline = next(
        md.value
        for md in run(stage="1", lesion=lesion).markdown
        if md.value.startswith("Without treatment")
    )
    assert share in baseline and f"type {lesion}" in baseline


def test_a_bad_joint_or_cause_in_a_link_gets_a_notice_and_the_default_view():
    app = run(joint="jaw", cause="aliens")
    assert not app.exception
    notices = [re.sub(r"\\(.)", r"\1", warning.value) for warning in app.warning]
    assert notices[0].startswith("Ignored joint='jaw': joint must be one of: hip, knee")
    assert notices[1].startswith("Ignored cause='aliens': cause must be one of: steroids")
