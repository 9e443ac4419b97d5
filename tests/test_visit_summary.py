"""The printable visit summary: names, questions, situation and cautions, all escaped, with print styles."""

import re
from datetime import date

import pandas as pd
import pytest
from markupsafe import escape

from avn_data.evidence.cautions import (
    LEVELS,
    cautions_by_condition,
    load_cautions,
    with_caution_columns,
)
from avn_data.evidence.outcomes import load_outcomes
from avn_data.evidence.ranking import Weights
from avn_data.tables.load import load_treatments
from avn_data.view.filters import FilterSpec
from avn_data.view.page_state import page_from_query
from avn_data.view.rows import results
from avn_data.view.visit_summary import (
    DOING_NOTHING,
    MOST_CAUTION_REASON_CHARACTERS,
    MOST_QUESTIONS,
    summary_page,
    visit_summary_html,
)
from tests.tables import data_rows

CHOSEN_IDS = ["bisphosphonate-oral", "watchful-waiting"]
SPEC = FilterSpec(stage=2, situation=("dental-work",))
TODAY = date(2025, 3, 14)
REVIEW_DATE = "2025-01-31"
# The oracle: the data files as written, read with the csv module.
CSV_ROWS = {row["treatment_id"]: row for row in data_rows("treatments.csv")}
CONDITION_LABELS = {row["condition"]: row["label"] for row in data_rows("conditions.csv")}


@pytest.fixture(scope="module")
def all_rows() -> pd.DataFrame:
    cautions = load_cautions()
    table = with_caution_columns(load_treatments(), cautions)
    return results(table, FilterSpec(surgical=True, situation=("dental-work",)), cautions=cautions)


@pytest.fixture(scope="module")
def chosen(all_rows) -> pd.DataFrame:
    rows = all_rows[all_rows["treatment_id"].isin(CHOSEN_IDS)]
    assert sorted(rows["treatment_id"]) == sorted(CHOSEN_IDS)
    return rows


@pytest.fixture(scope="module")
def page(chosen) -> str:
    return visit_summary_html(chosen, SPEC, Weights(), REVIEW_DATE, TODAY)


def _text(html: str) -> str:
    """The page's text: element content only, entities left as written."""
    return re.sub(r"<[^>]*>", "", html)


def sections(page: str) -> list[str]:
    return page.split("<section>")[1:]


def section_of(page: str, treatment_id: str) -> str:
    heading = f"<h2>{escape(CSV_ROWS[treatment_id]['name'])}</h2>"
    (section,) = [part for part in sections(page) if part.startswith(heading)]
    return section


def test_each_chosen_treatment_has_a_section_headed_by_its_name_in_order(chosen, page):
    headings = [re.match(r"<h2>(.*?)</h2>", section) for section in sections(page)]
    assert [heading[1] if heading else None for heading in headings] == [
        escape(CSV_ROWS[tid]["name"]) for tid in chosen["treatment_id"]
    ]
    assert sorted(chosen["treatment_id"]) == sorted(CHOSEN_IDS)


@pytest.mark.parametrize("treatment_id", CHOSEN_IDS)
def test_each_treatments_questions_are_listed_in_its_own_section(page, treatment_id):
    asked = re.search(r'<ol class="questions">(.*?)</ol>', section_of(page, treatment_id))
    assert asked
    # The data's own separator, as data/README.md states it: space, pipe, space.
    expected = [q.strip() for q in CSV_ROWS[treatment_id]["questions_to_ask"].split(" | ")]
    # Two A4 pages hold four treatments with their first few questions; the app has the rest.
    expected = [escape(q) for q in expected if q][:MOST_QUESTIONS]
    assert re.findall(r"<li>(.*?)</li>", asked[1]) == expected


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("My stage", "II"),
        ("My situation", "Ongoing or planned dental work"),
        ("How much I mind", "invasiveness 2/5, side effects 2/5, time 2/5, weak evidence 2/5"),
    ],
)
def test_the_page_gives_the_persons_situation(page, label, value):
    assert f"<dt>{label}</dt><dd>{escape(value)}</dd>" in page


@pytest.mark.parametrize(
    ("spec", "weights", "expected"),
    [
        (FilterSpec(), Weights(), ["<dt>My stage</dt><dd>not given</dd>", "<dt>My situation</dt><dd>none given</dd>"]),
        (FilterSpec(stage=0), Weights(), ["<dt>My stage</dt><dd>0 (at risk)</dd>"]),
        (FilterSpec(stage=4), Weights(), ["<dt>My stage</dt><dd>IV</dd>"]),
        (
            FilterSpec(situation=("pregnancy", "dental-work")),
            Weights(0, 5, 1, 3),
            [
                "<dt>My situation</dt><dd>Pregnant or planning a pregnancy; Ongoing or planned dental work</dd>",
                "<dt>How much I mind</dt><dd>invasiveness 0/5, side effects 5/5, time 1/5, weak evidence 3/5</dd>",
            ],
        ),
    ],
)  # fmt: skip
def test_the_situation_lines_follow_the_spec_and_weights(chosen, spec, weights, expected):
    page = visit_summary_html(chosen, spec, weights, REVIEW_DATE, TODAY)
    for line in expected:
        assert line in page


def caution_lines(treatments: pd.DataFrame, situation: tuple[str, ...]):
    cautions = load_cautions()
    return {
        level: cautions_by_condition(cautions, treatments, situation, level) for level in LEVELS
    }


def caution_items(page: str) -> list[str]:
    listed = re.search(r'<ul class="cautions">(.*?)</ul>', page)
    assert listed
    return re.findall(r"<li>(.*?)</li>", listed[1])


def test_the_bisphosphonate_caution_for_dental_work_is_a_list_item_with_its_level_first(chosen):
    (caution,) = [
        row
        for row in data_rows("cautions.csv")
        if row["treatment_id"] == "bisphosphonate-oral" and row["condition"] == "dental-work"
    ]
    assert caution["level"] == "discuss"
    page = visit_summary_html(
        chosen,
        SPEC,
        Weights(),
        REVIEW_DATE,
        TODAY,
        caution_lines=caution_lines(chosen, SPEC.situation),
    )
    expected = (
        f"<strong>Discuss first:</strong> {escape(CSV_ROWS['bisphosphonate-oral']['name'])}, with "
        f"{escape(CONDITION_LABELS['dental-work'].lower())}: {escape(caution['reason'])}"
    )
    assert caution_items(page) == [expected]


def cautions_page(all_rows: pd.DataFrame, situation: tuple[str, ...]) -> str:
    """A summary of no treatments with the cautions of every row in view for `situation`."""
    return visit_summary_html(
        all_rows.iloc[0:0], FilterSpec(situation=situation), Weights(), REVIEW_DATE, TODAY,
        caution_lines=caution_lines(all_rows, situation),
    )  # fmt: skip


def test_each_caution_is_its_own_list_item_avoid_first(all_rows):
    situation = ("pregnancy", "dental-work")
    page = cautions_page(all_rows, situation)
    in_view = set(all_rows["treatment_id"])
    expected = [
        row for row in data_rows("cautions.csv")
        if row["condition"] in situation and row["treatment_id"] in in_view
    ]  # fmt: skip
    items = caution_items(page)
    assert len(items) == len(expected) > 2
    levels = [re.match(r"<strong>(Avoid|Discuss first):</strong> ", item) for item in items]
    assert all(levels)
    words = [level[1] for level in levels if level]
    assert words == sorted(words, key=["Avoid", "Discuss first"].index)
    assert "caution" not in re.sub(r'<ul class="cautions">.*?</ul>', "", page.split("</style>")[1])


REASONS_IN_APP = "The reason for each is in the app"


def test_a_few_cautions_keep_their_reasons_on_the_page(all_rows):
    situation = ("pregnancy", "dental-work")
    page = cautions_page(all_rows, situation)
    reasons = [
        row["reason"] for row in data_rows("cautions.csv") if row["condition"] in situation
    ]  # fmt: skip
    assert sum(map(len, reasons)) <= MOST_CAUTION_REASON_CHARACTERS
    listed = " ".join(caution_items(page))
    assert all(str(escape(reason)) in listed for reason in reasons)
    assert REASONS_IN_APP not in page


def test_many_cautions_name_each_treatments_conditions_on_one_line_with_the_reasons_left_to_the_app(
    all_rows,
):
    situation = tuple(CONDITION_LABELS)
    page = cautions_page(all_rows, situation)
    in_view = dict(zip(all_rows["treatment_id"], all_rows["name"], strict=True))
    written = [row for row in data_rows("cautions.csv") if row["treatment_id"] in in_view]
    assert sum(len(row["reason"]) for row in written) > MOST_CAUTION_REASON_CHARACTERS
    items = caution_items(page)
    cautioned = list(dict.fromkeys(row["treatment_id"] for row in written))
    assert len(items) == len(cautioned)
    to_avoid = {row["treatment_id"] for row in written if row["level"] == "avoid"}
    leads = [re.match(r"<strong>(.*?):</strong> (.*)", item) for item in items]
    assert all(leads)
    order = [tid for lead in leads if lead for tid in in_view if escape(in_view[tid]) == lead[1]]
    assert sorted(order) == sorted(cautioned)
    # Those with anything to avoid come first.
    assert [tid in to_avoid for tid in order] == sorted(
        (tid in to_avoid for tid in order), reverse=True
    )
    for tid, lead in zip(order, leads, strict=True):
        assert lead
        line = lead[2]
        for row in written:
            if row["treatment_id"] == tid:
                assert str(escape(CONDITION_LABELS[row["condition"]].lower())) in line
                assert str(escape(row["reason"])) not in line
        levels = ["Avoid with" in line, "Discuss first with" in line]
        assert levels == [
            any(r["treatment_id"] == tid and r["level"] == level for r in written)
            for level in LEVELS
        ]
    assert REASONS_IN_APP in page


def test_a_page_without_cautions_says_so_plainly(page):
    assert "<p>None for the situations I gave.</p>" in page


def test_the_page_prints_and_dates_itself(page):
    assert page.startswith("<!doctype html>")
    assert "@media print" in page
    assert "<title>AVN treatment options: visit summary</title>" in page
    assert f"on {TODAY.isoformat()}" in page
    assert f"data reviewed {REVIEW_DATE}" in page


def test_the_page_says_it_does_not_replace_the_doctor(page):
    assert "does not replace your doctor" in page


def test_the_page_loads_nothing_from_elsewhere(page):
    assert not re.search(r"<(script|link|img|iframe)\b", page, flags=re.IGNORECASE)
    assert "src=" not in page


def test_an_empty_choice_says_so(chosen):
    page = visit_summary_html(chosen.iloc[0:0], SPEC, Weights(), REVIEW_DATE, TODAY)
    assert "<p>No treatments were chosen.</p>" in page
    assert "<section>" not in page
    assert "does not replace your doctor" in page


HOSTILE = {
    "name": "<script>alert(1)</script>",
    "evidence_why": "<img src=x onerror=alert(1)>",
    "cause_note": "</dd><script>bad()</script>",
    "source_urls": 'javascript:alert(1) https://ok.example/x data:text/html,<b>x</b> https://ok.example/"onmouseover="alert(1)',
    "questions_to_ask": "<b>Bold?</b> | Fine & dandy?",
    "sources": "<a href='javascript:alert(1)'>x</a>",
    "benefit_group": "<svg onload=alert(1)>",
}
HOSTILE_CAUTIONS = {
    "avoid": [("<iframe src=//evil.example>", [("<script>x()</script>", "<svg onload=y>")])]
}


@pytest.fixture(scope="module")
def hostile_page(chosen) -> str:
    row = chosen.iloc[[0]].assign(**HOSTILE)
    return visit_summary_html(
        row, SPEC, Weights(), "<script>x</script>", TODAY, caution_lines=HOSTILE_CAUTIONS
    )


def test_every_table_value_is_escaped(hostile_page):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_page
    assert "&lt;/dd&gt;&lt;script&gt;bad()&lt;/script&gt;" in hostile_page
    assert "&lt;b&gt;Bold?&lt;/b&gt;" in hostile_page
    assert "Fine &amp; dandy?" in hostile_page
    assert "data reviewed &lt;script&gt;x&lt;/script&gt;" in hostile_page
    assert "&lt;svg onload=alert(1)&gt;" in hostile_page
    assert (
        "<strong>Avoid:</strong> &lt;script&gt;x()&lt;/script&gt;, with "
        "&lt;iframe src=//evil.example&gt;: &lt;svg onload=y&gt;"
    ) in hostile_page
    for tag in ("<script", "<img", "<svg", "<iframe", "<b>"):
        assert tag not in hostile_page.lower()


def test_only_http_links_become_hrefs(hostile_page):
    hrefs = re.findall(r'href="([^"]*)"', hostile_page)
    assert hrefs == ["https://ok.example/x", "https://ok.example/&#34;onmouseover=&#34;alert(1)"]
    assert "href='" not in hostile_page
    # Each anchor carries one quoted href and nothing else: the quote cannot close early.
    anchors = re.findall(r"<a\b[^>]*>", hostile_page)
    assert len(anchors) == 2
    assert all(re.fullmatch(r'<a href="[^"<>]*">', anchor) for anchor in anchors)
    # The dropped addresses are not shown at all, not even as text.
    assert "javascript:alert(1) " not in _text(hostile_page)
    assert "data:text/html" not in hostile_page


def tick_boxes(page: str) -> list[str]:
    listed = re.search(r'<ul class="tick">(.*?)</ul>', page)
    assert listed
    return re.findall(r"<li>☐ (.*?)</li>", listed[1])


@pytest.mark.parametrize(
    ("treatment_ids", "doing_nothing"),
    [
        (["bisphosphonate-oral", "watchful-waiting"], escape(CSV_ROWS["watchful-waiting"]["name"])),
        (["bisphosphonate-oral"], DOING_NOTHING),
    ],
)
def test_doing_nothing_is_one_tick_box_the_watchful_waiting_row_when_compared(
    all_rows, treatment_ids, doing_nothing
):
    rows = all_rows[all_rows["treatment_id"].isin(treatment_ids)]
    boxes = tick_boxes(visit_summary_html(rows, SPEC, Weights(), REVIEW_DATE, TODAY))
    assert boxes == [escape(CSV_ROWS["bisphosphonate-oral"]["name"]), doing_nothing, "Not sure yet"]
    assert (
        sum("watchful waiting" in box.lower() or "doing nothing" in box.lower() for box in boxes)
        == 1
    )


GENERAL_QUESTIONS = (
    "Is joint-preserving surgery (such as core decompression) an option for me?",
    "When is my next MRI, and what would change the plan?",
    "What about my other joints (for example my knees)?",
)
STEROID_QUESTION = "Can my steroid dose be lowered, or my alcohol intake reduced?"
CAUSE_QUESTION = "Is the cause of my AVN known, and can it be removed?"


@pytest.mark.parametrize(
    ("cause", "asked", "not_asked"),
    [
        ((), CAUSE_QUESTION, STEROID_QUESTION),
        (("steroids",), STEROID_QUESTION, CAUSE_QUESTION),
        (("alcohol", "lupus"), STEROID_QUESTION, CAUSE_QUESTION),
        (("sickle-cell",), CAUSE_QUESTION, STEROID_QUESTION),
    ],
)
def test_the_general_questions_for_the_visit_follow_the_cause(chosen, cause, asked, not_asked):
    page = visit_summary_html(
        chosen, FilterSpec(stage=2, cause=cause), Weights(), REVIEW_DATE, TODAY
    )
    listed = re.search(r'<ol class="questions general">(.*?)</ol>', page)
    assert listed
    questions = re.findall(r"<li>(.*?)</li>", listed[1])
    assert [escape(q) for q in (GENERAL_QUESTIONS[0], asked, *GENERAL_QUESTIONS[1:])] == questions
    assert escape(not_asked) not in page


@pytest.fixture(scope="module")
def table():
    return with_caution_columns(load_treatments(), load_cautions())


def test_the_natural_course_for_stage_ii_and_a_c1_hip_lesion_is_kuroda_2019(table):
    (row,) = [r for r in data_rows("outcomes.csv") if r["outcome_id"] == "ww-kuroda2019-c1-5y"]
    view, notices = page_from_query(
        {"stage": "2", "lesion": "C1", "joint": "hip"}, set(table["treatment_id"])
    )
    assert notices == []
    page = summary_page(table, view, load_cautions(), load_outcomes(), REVIEW_DATE, TODAY)
    course = re.search(r'<p class="course">(.*?)</p>', page)
    assert course
    share = round(float(row["treated_percent"]))
    assert course[1].startswith("Without treatment, out of 100 people like those studied")
    assert f"about {share} had collapse of the joint surface within 5 years" in course[1]
    assert course[1].endswith("Kuroda 2019]")


def test_without_a_stored_natural_course_the_page_says_so_for_the_stage(chosen):
    page = visit_summary_html(
        chosen, FilterSpec(stage=4, lesion="C2"), Weights(), REVIEW_DATE, TODAY
    )
    assert (
        '<p class="course">No figure for the course without treatment is stored for stage IV '
        "and lesion type C2.</p>"
    ) in page


def test_the_page_has_no_instruction_to_press_keys(page):
    assert "Ctrl" not in page and "⌘" not in page


def test_cautions_are_given_in_full_for_the_summarys_treatments_and_by_name_for_the_rest():
    compared = ["hyperbaric-oxygen", "physical-therapy"]
    query = {"compare": compared, "situation": ["pregnancy"]}
    table = load_treatments()
    view, _ = page_from_query(query, set(table["treatment_id"]))
    page = summary_page(table, view, load_cautions(), load_outcomes(), REVIEW_DATE, TODAY)
    names = {row["treatment_id"]: row["name"] for row in data_rows("treatments.csv")}
    pregnancy = [row for row in data_rows("cautions.csv") if row["condition"] == "pregnancy"]
    listed = " ".join(caution_items(page))
    for row in pregnancy:
        written = str(escape(names[row["treatment_id"]]))
        assert (written in listed) == (row["treatment_id"] in compared), row["treatment_id"]
    others = re.search(r"avoid in my situation:</strong> (.*?)\.</p>", page)
    to_avoid = [
        row["treatment_id"] for row in pregnancy
        if row["level"] == "avoid" and row["treatment_id"] not in compared
        and CSV_ROWS[row["treatment_id"]]["surgical"] == "false"
    ]  # fmt: skip
    assert others is not None and to_avoid
    assert sorted(others.group(1).split(", ")) == sorted(str(escape(names[t])) for t in to_avoid)
