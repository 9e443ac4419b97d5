"""Table values in plain words: safe links, questions, course lengths, score words and the
comparison grid. Score words are checked against data/rubric.csv, read here with the csv module."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as hst

from avn_data.evidence.ranking import COSTS_ONLY_WHY
from avn_data.evidence.rubric import evidence_text, level_text, scale_levels
from avn_data.tables import columns as col
from avn_data.view.durations import weeks_text
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import chosen
from avn_data.view.wording import (
    certainty_dots,
    comparison_grid,
    questions,
    said_once,
    source_links,
)
from tests.tables import rubric_words

RUBRIC = rubric_words()
SCALES = ("invasiveness", "side_effect_burden")
LEVELS = range(col.SCORE_MIN, col.SCORE_MAX + 1)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("https://example.org/study", ["https://example.org/study"]),
        ("http://example.org/a?b=1#c", ["http://example.org/a?b=1#c"]),
        ("HTTP://EXAMPLE.ORG/X", ["HTTP://EXAMPLE.ORG/X"]),
        ("HtTpS://example.org", ["HtTpS://example.org"]),
        ("javascript:alert(1)", []),
        ("JavaScript:alert(1)", []),
        ("javascript://example.org/%0Aalert(1)", []),
        ("data:text/html,<script>alert(1)</script>", []),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", []),
        ("file:///etc/passwd", []),
        ("ftp://x", []),
        ("mailto:someone@example.org", []),
        ("https:///nohost", []),
        ("https:example.org", []),
        ("//example.org/no-scheme", []),
        ("example.org", []),
        ("", []),
        ("   ", []),
        ("https://a.example/1 javascript:alert(1) http://b.example/2", ["https://a.example/1", "http://b.example/2"]),
        ("file:///etc/passwd\nhttps://a.example\tftp://x  HTTPS://B.EXAMPLE", ["https://a.example", "HTTPS://B.EXAMPLE"]),
        ("https://a.example https://a.example", ["https://a.example", "https://a.example"]),
    ],
)  # fmt: skip
def test_source_links_keep_only_http_links_with_a_host(cell, expected):
    assert source_links(cell) == expected


@pytest.mark.parametrize(
    "cell", ["https://[::1 https://ok.example/x", "http://[oops https://ok.example/x"]
)
def test_a_malformed_address_is_dropped_not_raised(cell):
    assert source_links(cell) == ["https://ok.example/x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is it for me?", ["Is it for me?"]),
        ("Is it for me? | How long? | What if it fails?", ["Is it for me?", "How long?", "What if it fails?"]),
        ("  Padded?  |  Also padded?  ", ["Padded?", "Also padded?"]),
        ("First? |  | Third?", ["First?", "Third?"]),
        (" | Only one? | ", ["Only one?"]),
        ("", []),
        ("   ", []),
    ],
)  # fmt: skip
def test_questions_are_split_on_the_separator_and_blanks_dropped(text, expected):
    assert questions(text) == expected


def test_questions_split_on_the_separator_the_data_uses():
    assert questions(col.QUESTION_SEPARATOR.join(["A?", "B?"])) == ["A?", "B?"]


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (4, 8, "4–8 weeks"),
        (4.0, 8.0, "4–8 weeks"),
        (13, 13, "3 months"),
        (0.1, 0.1, "1 day"),
        (1 / 7, 1 / 7, "1 day"),
        (0, 0, "0 days"),
        (0, 4, "up to 4 weeks"),
        (0.5, 2, "4 days–2 weeks"),
        (25.0, 156.0, "6 months–3 years"),
        (390, 390, "7.5 years"),
        (float("nan"), 21, "unknown: no source gives it"),
        (None, None, "unknown: no source gives it"),
        (4, float("nan"), "unknown: no source gives it"),
        (pd.NA, pd.NA, "unknown: no source gives it"),
    ],
)
def test_a_course_is_told_in_the_unit_a_person_would_use(low, high, text):
    assert weeks_text(low, high) == text


# ---- score words: what data/rubric.csv says, with the level ----------------------------


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("level", LEVELS)
def test_a_score_is_told_as_its_level_of_four_with_the_rubric_words(scale, level):
    assert level_text(scale, level) == f"{level} of 4: {RUBRIC[scale][level]}"
    assert level_text(scale, float(level)) == level_text(scale, level)


@pytest.mark.parametrize("scale", SCALES)
def test_the_scale_levels_are_the_rubric_files(scale):
    assert scale_levels(scale) == RUBRIC[scale]


def test_scale_levels_reads_the_file_it_is_given(tmp_path):
    rubric = tmp_path / "rubric.csv"
    rubric.write_text(
        '\ufeffscale,level,meaning,example_id\nsteps,0,flat,a\nsteps,1,"one, then two",b\n',
        encoding="utf-8",
    )
    assert scale_levels("steps", rubric) == {0: "flat", 1: "one, then two"}


@pytest.mark.parametrize("score", [None, float("nan")])
def test_an_unknown_burden_says_unknown_once_and_why(score):
    # The side-effect burden is the one score a row may leave empty (data/README.md).
    text = level_text("side_effect_burden", score)
    assert text.lower().startswith("unknown")
    assert text.lower().count("unknown") == 1
    assert "nobody has recorded it" in text


@pytest.mark.parametrize("certainty", col.EVIDENCE_LEVELS)
def test_evidence_is_told_as_its_word_then_what_it_means(certainty):
    word, _, meaning = evidence_text(certainty).partition(": ")
    assert word == certainty.capitalize()
    assert meaning.strip()


def test_each_evidence_word_has_its_own_meaning():
    meanings = [evidence_text(certainty).partition(": ")[2] for certainty in col.EVIDENCE_LEVELS]
    assert len(set(meanings)) == len(col.EVIDENCE_LEVELS)


# ---- the comparison grid -----------------------------------------------------------

CHOSEN_IDS = ["new-hip", "pills", "wait", "shots"]
CHOSEN_NAMES = ["Hip replacement", "Pills", "Watchful waiting", "Shots"]
BENEFIT = "What could it do for me?"
COST_QUESTIONS = (
    "How invasive is it?",
    "How long does it take?",
    "What are the side effects?",
    "Who should avoid it?",
)
EVERY_GRID_QUESTION = (
    BENEFIT,
    *COST_QUESTIONS,
    "At which stages?",
    "Any caution for me?",
    "How good is the evidence?",
    "What does it involve day to day?",
)


@pytest.fixture(scope="module")
def picked(small_table):
    """Four rows of the small table as the compare tab gets them, in the order chosen."""
    return chosen(small_table, CHOSEN_IDS, FilterSpec())


def test_the_grid_has_one_column_per_treatment_in_the_order_chosen(picked):
    assert list(comparison_grid(picked).columns) == CHOSEN_NAMES


def test_the_grid_asks_every_question_once(picked):
    index = list(comparison_grid(picked).index)
    assert len(set(index)) == len(index)
    assert set(EVERY_GRID_QUESTION) <= set(index)


def test_the_grid_asks_what_it_could_do_before_what_it_costs(picked):
    index = list(comparison_grid(picked).index)
    assert all(index.index(BENEFIT) < index.index(question) for question in COST_QUESTIONS)


@pytest.mark.parametrize(
    ("name", "question", "answer"),
    [
        ("Pills", "How invasive is it?", f"1 of 4: {RUBRIC['invasiveness'][1]}"),
        ("Hip replacement", "How invasive is it?", f"4 of 4: {RUBRIC['invasiveness'][4]}"),
        ("Pills", "How long does it take?", "6 months–3 years"),
        ("Shots", "How long does it take?", "4–8 weeks"),
        ("Pills", "At which stages?", "I–III"),
        ("Hip replacement", "At which stages?", "III–IV"),
        ("Watchful waiting", "At which stages?", "0–II"),
        ("Shots", "What are the side effects?", f"1 of 4: {RUBRIC['side_effect_burden'][1]}. Brief soreness at the injection site."),
        ("Watchful waiting", "Who should avoid it?", "None known."),
        ("Watchful waiting", "Any caution for me?", "None for the situations you gave."),
        ("Watchful waiting", "How good is the evidence?", evidence_text("moderate") + f". Why: {COSTS_ONLY_WHY}. One small trial."),
        ("Hip replacement", "What does it involve day to day?", "Once a week."),
    ],
)  # fmt: skip
def test_each_grid_cell_answers_its_question_from_that_treatments_row(
    picked, name, question, answer
):
    assert comparison_grid(picked).loc[question, name] == answer


def test_the_grid_gives_a_personal_caution_and_a_missing_regimen_in_words(picked):
    rows = picked.head(2).copy()
    first, second = CHOSEN_NAMES[:2]
    rows.loc[0, "cautions_for_you"] = "Discuss (Pregnant): ask first."
    rows.loc[0, "regimen"] = ""
    grid = comparison_grid(rows)
    assert list(grid.columns) == [first, second]
    assert grid.loc["Any caution for me?", first] == "Discuss (Pregnant): ask first."
    assert grid.loc["Any caution for me?", second] == "None for the situations you gave."
    assert grid.loc["What does it involve day to day?", first] == "Not given in this table."
    assert grid.loc["What does it involve day to day?", second] == "Once a week."


def test_the_grid_says_an_unknown_course_and_burden_in_words(picked):
    rows = picked.head(1).assign(
        duration_weeks_min=math.nan, duration_weeks_max=math.nan, side_effect_burden=math.nan
    )
    grid = comparison_grid(rows)
    assert grid.loc["How long does it take?", CHOSEN_NAMES[0]] == "unknown: no source gives it"
    assert grid.loc["What are the side effects?", CHOSEN_NAMES[0]].lower().startswith("unknown")


def test_an_empty_choice_gives_an_empty_grid(picked):
    grid = comparison_grid(picked.iloc[0:0])
    assert grid.empty
    assert list(grid.columns) == []


# The GRADE scale from least to most sure, written out here rather than read from the code.
GRADE_ORDER = ["none", "very low", "low", "moderate", "high"]


@given(hst.lists(hst.sampled_from(GRADE_ORDER), min_size=1, max_size=30))
def test_certainty_cells_sort_as_text_from_least_to_most_sure(words):
    shown = sorted(certainty_dots(word) for word in words)
    assert [cell.split(" ", 1)[1] for cell in shown] == sorted(words, key=GRADE_ORDER.index)


def test_certainty_dots_fill_one_dot_per_step_and_leave_other_words_alone():
    assert certainty_dots("high") == "●●●● high"
    assert certainty_dots("very low") == "●○○○ very low"
    assert certainty_dots("none") == "○○○○ none"
    assert certainty_dots("") == ""
    assert certainty_dots("unknown") == "unknown"


@given(
    hst.lists(
        hst.tuples(
            hst.one_of(hst.none(), hst.sampled_from([0.0, 1.5, 2.0, 4.0])),
            hst.one_of(hst.none(), hst.sampled_from(["hip", "knee", "hip; knee", ""])),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_words_said_once_per_combination_are_the_words_of_every_row(cells):
    weeks = pd.Series([week for week, _ in cells], dtype="float64")
    joints = pd.Series([joint for _, joint in cells], dtype="str")

    def words(week, joint):
        return f"{'unknown' if math.isnan(week) else week} / {joint if isinstance(joint, str) else '-'}"

    expected = [words(week, joint) for week, joint in zip(weeks, joints, strict=True)]
    assert said_once(words, weeks, joints) == expected
