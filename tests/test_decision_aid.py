"""The decision aid against the IPDAS minimum standards, and benefits told in numbers.

docs/decision-aid.md names, for every IPDAS criterion, the test below that checks it.
"""

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from avn_data.evidence.cautions import flagged_treatments, load_cautions
from avn_data.evidence.frequencies import (
    about,
    baseline_rows,
    frequency,
    horizon_note,
    horizon_words,
    natural_course,
    per_hundred,
)
from avn_data.evidence.outcomes import load_outcomes
from avn_data.view.figures.icon_array import icon_array, icon_array_text
from avn_data.view.filters import FilterSpec
from avn_data.view.page_state import page_from_query
from avn_data.view.rows import results
from avn_data.view.visit_summary import SURE_QUESTIONS, summary_page
from tests.plots import plotted

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
DOC = (ROOT / "docs" / "decision-aid.md").read_text(encoding="utf-8")


def run(**query: str | list[str]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def page_text(app: AppTest) -> str:
    parts = [element.value for kind in ("markdown", "info", "warning", "error", "caption",
                                        "subheader", "header", "title") for element in getattr(app, kind)]  # fmt: skip
    expanders = [expander.label for expander in app.expander]
    return re.sub(r"\\(.)", r"\1", " ".join(map(str, [*parts, *expanders]))).replace("\u2060", "")


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return load_outcomes()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return flagged_treatments()


# --- Natural frequencies: the only arithmetic is events ÷ group × 100 ----------------------


@pytest.mark.parametrize(
    ("events", "size", "percent", "share"),
    [(2, 29, "", 100 * 2 / 29), ("", "", 84.8, 84.8), (15, 338, 4.4, 100 * 15 / 338), ("", "", "", None),
     (float("nan"), float("nan"), float("nan"), None)],
)  # fmt: skip
def test_a_share_out_of_100_comes_from_counts_else_from_the_reported_percentage(
    events, size, percent, share
):
    assert per_hundred(events, size, percent) == share


@pytest.mark.parametrize(
    ("share", "words"), [(24.1, "about 24"), (0.42, "fewer than 1"), (0, "0"), (99.6, "about 100")]
)  # fmt: skip
def test_shares_are_told_as_about_n_of_100(share, words):
    assert about(share) == words


@pytest.mark.parametrize(
    ("months", "words"), [(104, "within 8.7 years"), (24, "within 2 years"), (6, "within 6 months"), (1, "within 1 month"), ("", "")]
)  # fmt: skip
def test_follow_up_is_told_in_months_or_years(months, words):
    assert horizon_words(months) == words


def test_shockwave_against_decompression_reads_as_the_issue_asks(outcomes):
    row = outcomes[(outcomes["treatment_id"] == "shockwave-therapy")
                   & (outcomes["outcome"] == "joint replacement")].iloc[0].to_dict()  # fmt: skip
    found = frequency(row, "shockwave therapy")
    assert "about 24 needed a joint replacement" in found.sentence
    assert "after shockwave therapy" in found.sentence
    assert "against about 64 with core decompression" in found.sentence
    assert found.comparator_name  # the chart says what the comparator was


def test_scores_that_are_not_counts_are_not_turned_into_frequencies(outcomes):
    pain = outcomes[outcomes["outcome"] == "pain score"].iloc[0].to_dict()
    assert frequency(pain, "x") is None


def test_every_figure_on_the_page_traces_to_an_outcome_row(outcomes):
    counted = [frequency(row, "it") for row in outcomes.to_dict("records")]
    for row, found in zip(outcomes.to_dict("records"), counted, strict=True):
        if found is not None:
            assert found.outcome_id == row["outcome_id"]
            assert found.source == row["source"] and row["source"]


# --- The natural course as the baseline -----------------------------------------------------


def test_the_baseline_for_a_painful_stage_ii_hip_is_never_a_figure_for_hips_without_symptoms(
    outcomes,
):
    rows = baseline_rows(outcomes, stage=2)
    counted = [row for row in rows.to_dict("records") if frequency(row, "")]
    assert counted[0]["symptoms"] != "without"


@pytest.mark.parametrize(
    ("query", "expected_outcome_id"),
    [
        ({"stage": 2, "lesion": "C2"}, "ww-kuroda2019-c2-5y"),
        ({"stage": 1, "lesion": "A"}, "ww-kuroda2019-a-5y"),
        # Painful hips first, then the narrowest stage range: 65 of 75 painful hips before collapse.
        ({"stage": 2, "cause": ("sickle-cell",)}, "ww-hernigou2003-sickle-precollapse"),
        # After collapse, only a figure for that stage speaks: non-operative care at stage III.
        ({"stage": 3}, "ww-castro2000-stage3"),
        # At stage IV no untreated figure is stored, so none is shown.
        ({"stage": 4}, None),
    ],
)
def test_lesion_type_and_cause_choose_their_own_natural_course(
    outcomes, query, expected_outcome_id
):
    _, counted = natural_course(outcomes, FilterSpec(**query))
    assert (counted[0].outcome_id if counted else None) == expected_outcome_id


def test_the_knee_has_two_courses_told_apart(outcomes):
    rows = baseline_rows(outcomes, joints=("knee",))
    assert {"spontaneous", "secondary"} <= set(rows["knee_type"])


def test_the_icon_array_draws_100_figures_per_group_and_says_them_in_words(outcomes):
    row = outcomes[outcomes["outcome_id"].str.startswith("ww-kuroda2019-c2-5y")].iloc[0].to_dict()
    found = frequency(row, "")
    figure = icon_array(found, "Without treatment").to_plotly_json()
    dots = [len(trace["x"]) for trace in figure["data"]]
    assert sum(dots) == 100 and dots[0] == 85
    text = icon_array_text(found)
    assert text.startswith("Without treatment, out of 100") and "about 85" in text
    assert "Kuroda 2019" in text


# --- The visit summary ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def steroids_and_dental_summary(table, outcomes) -> str:
    view, notices = page_from_query(
        {"stage": "2", "situation": ["steroids-immunosuppressants-chemo", "dental-work"]},
        set(table["treatment_id"]),
    )
    assert notices == []
    return summary_page(table, view, load_cautions(), outcomes, "2026-11-25", date(2026, 11, 25))


def test_a_stage_ii_summary_on_steroids_with_dental_work_warns_of_the_jaw(
    steroids_and_dental_summary,
):
    cautions = steroids_and_dental_summary.split("Cautions for me, for the treatments below")[1]
    dental = next(
        line
        for line in re.findall(r"<li>(.*?)</li>", cautions)
        if "with ongoing or planned dental work" in line and "Bisphosphonate tablets" in line
    )
    assert dental.startswith("<strong>Discuss first:</strong> ") and "jaw" in dental.lower()


def test_the_summary_carries_benefits_in_numbers_leaning_and_a_main_landmark(
    steroids_and_dental_summary,
):
    page = steroids_and_dental_summary
    assert page.count("<main>") == 1
    assert "<h3>What it could do for me</h3>" in page and "<h3>What it costs me</h3>" in page
    assert re.search(r"<li>About \d+ of 100 [^<]* \[[^<]*\]\.</li>", page)
    assert "Where am I leaning?" in page
    for question in SURE_QUESTIONS:
        assert question.replace("'", "&#39;") in page


def test_the_summary_defaults_to_the_best_ranked_for_the_aim(table, outcomes):
    view, _ = page_from_query({"aim": "disease", "stage": "2"}, set(table["treatment_id"]))
    page = summary_page(table, view, load_cautions(), outcomes, "2026-11-25", date(2026, 11, 25))
    names = re.findall(r"<section><h2>(.*?)</h2>", page)
    # Four: what fits on two printed pages.
    assert len(names) == 4
    ranked = results(table, view.filters, view.weights, aims=view.aims, outcomes=outcomes)
    best = ranked[~ranked["is_reference"] & ranked["treatment_id"].ne("watchful-waiting")]
    assert names == list(best["name"].head(4))
    assert "keeping the joint (slowing the disease)" in page


# --- IPDAS qualifying and certification criteria, on the page -------------------------------


def test_ipdas_q1_q2_the_page_describes_the_condition_and_states_the_decision():
    text = page_text(run())
    assert "Avascular necrosis (AVN, also called osteonecrosis) is bone dying" in text
    assert "The decision this page helps with: which non-surgical options to discuss" in text
    assert "Doing nothing for now" in text


def test_ipdas_q3_q4_q5_the_options_with_their_benefits_and_harms_side_by_side():
    app = run(stage="2")
    frame = app.dataframe[0].value
    assert {"evidence_why", "invasiveness", "side_effect_burden", "typical_course"} <= set(
        frame.columns
    )
    assert "watchful-waiting" not in frame.columns and "No treatment" in " ".join(frame["name"])


def test_ipdas_c1_q6_the_detail_gives_benefits_and_harms_in_equal_detail_and_daily_life():
    app = run(treatment="shockwave-therapy", aim="disease")
    headings = [subheader.value for subheader in app.subheader]
    assert headings[:2] == ["What it does for you", "What it costs you"]
    text = page_text(app)
    assert "Day to day:" in text and "What the studies found:" in text
    assert "about 24 needed a joint replacement" in text


def test_ipdas_c2_to_c6_sources_date_update_policy_uncertainty_and_funding():
    text = page_text(run(treatment="bisphosphonate-oral"))
    assert "Sources" in text and "Lai 2005" in text
    assert re.search(r"Published\*\* \d{4}-\d{2}-\d{2}", text)
    assert "How it is kept up to date." in text and "at least once a year" in text
    assert "How sure we are." in text and "GRADE" in text
    assert "Nobody paid for it" in text


def test_the_compare_tab_reads_benefits_beside_harms(table):
    app = run(compare=["shockwave-therapy", "watchful-waiting"])
    grid = app.table[0].value.set_index("Question")
    questions = [re.sub(r"\\(.)", r"\1", question) for question in grid.index]
    assert questions[:2] == ["What could it do for me?", "In numbers (its clearest study)"]
    assert "What are the side effects?" in questions
    assert len(plotted(app)) >= 3  # two icon arrays and the cost chart


def test_the_decision_aid_document_names_a_test_for_every_criterion():
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", DOC))
    here = {name for name in globals() if name.startswith("test_")}
    every_test = here | {
        match
        for path in (ROOT / "tests").glob("test_*.py")
        for match in re.findall(r"^def (test_[a-z0-9_]+)", path.read_text("utf-8"), re.MULTILINE)
    }
    assert named, "the document names no test"
    assert named <= every_test, named - every_test
    for criterion in ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "C1", "C2", "C3", "C4", "C5", "C6"):
        assert f"**{criterion}" in DOC


def test_figures_side_by_side_say_when_their_follow_up_differs(outcomes):
    rows = outcomes.set_index("outcome_id")
    two_years = frequency(rows.loc["ww-kuroda2019-c2-2y"].to_dict() | {"outcome_id": "a"}, "")
    five_years = frequency(rows.loc["ww-kuroda2019-c2-5y"].to_dict() | {"outcome_id": "b"}, "")
    note = horizon_note([("Waiting", two_years), ("Something", five_years)])
    assert "different follow-up times (Waiting: within 2 years; Something: within 5 years)" in note
    assert horizon_note([("Waiting", two_years), ("Again", two_years)]) == ""


@pytest.mark.parametrize(
    ("outcome_id", "good"),
    [
        ("hbot-camporesi2010-7y", True),  # healed on imaging: a good outcome
        ("ww-castro2000-stage3", True),  # a good result without an operation
        ("ww-kuroda2019-c2-5y", False),  # collapse: a bad outcome
    ],
)
def test_one_colour_means_a_good_outcome_and_one_a_bad_outcome_in_every_icon_array(
    outcomes, outcome_id, good
):
    from avn_data.view.figures.icon_array import BAD, GOOD

    row = outcomes.set_index("outcome_id").loc[outcome_id].to_dict() | {"outcome_id": outcome_id}
    found = frequency(row, "a treatment")
    traces = icon_array(found, "With it").to_plotly_json()["data"]
    had, did_not = traces[0], traces[1]
    assert had["name"] == found.phrase.capitalize()
    assert had["marker"]["color"] == (GOOD if good else BAD)
    assert did_not["marker"]["color"] == (BAD if good else GOOD)


def test_a_headline_carries_its_real_size_and_a_null_gap_says_so(outcomes):
    by_id = outcomes.set_index("outcome_id")
    healed = frequency(by_id.loc["hbot-camporesi2010-7y"].to_dict() | {"outcome_id": "x"}, "HBOT")
    assert healed.counted == "7 of 9 hips, no comparison group"
    assert "7 of 9 hips, no comparison group" in icon_array_text(healed)
    null_rows = by_id[by_id["direction"].eq("no difference") & by_id["comparator_n"].notna()]
    row = null_rows.iloc[0].to_dict() | {"outcome_id": null_rows.index[0]}
    assert "not statistically significant" in frequency(row, "it").sentence
