"""The printable visit summary: names, questions, situation and cautions, all escaped, with print styles."""

import re
from datetime import date
from html import escape

import pandas as pd
import pytest

from avn_data.evidence.cautions import load_cautions, with_caution_columns
from avn_data.evidence.ranking import Weights
from avn_data.tables.load import load_treatments
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import results
from avn_data.view.visit_summary import visit_summary_html
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
    assert re.findall(r"<li>(.*?)</li>", asked[1]) == [escape(q) for q in expected if q]


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


def test_the_bisphosphonate_caution_for_dental_work_is_marked_with_its_reason(page):
    (caution,) = [
        row
        for row in data_rows("cautions.csv")
        if row["treatment_id"] == "bisphosphonate-oral" and row["condition"] == "dental-work"
    ]
    expected = (
        f"{caution['level'].capitalize()} ({CONDITION_LABELS['dental-work']}): {caution['reason']}"
    )
    section = section_of(page, "bisphosphonate-oral")
    assert f'<dt>Cautions for me</dt><dd class="caution">{escape(expected)}</dd>' in section


def test_a_treatment_without_a_caution_says_so_plainly(page):
    section = section_of(page, "watchful-waiting")
    assert "<dt>Cautions for me</dt><dd>None for the situations I gave.</dd>" in section


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
    "side_effects": "<img src=x onerror=alert(1)>",
    "source_urls": 'javascript:alert(1) https://ok.example/x data:text/html,<b>x</b> https://ok.example/"onmouseover="alert(1)',
    "cautions": "</dd><script>bad()</script>",
    "questions_to_ask": "<b>Bold?</b> | Fine & dandy?",
    "sources": "<a href='javascript:alert(1)'>x</a>",
    "evidence_summary": "<svg onload=alert(1)>",
    "cautions_for_you": "<iframe src=//evil.example>",
}


@pytest.fixture(scope="module")
def hostile_page(chosen) -> str:
    row = chosen.iloc[[0]].assign(**HOSTILE)
    return visit_summary_html(row, SPEC, Weights(), "<script>x</script>", TODAY)


def test_every_table_value_is_escaped(hostile_page):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_page
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_page
    assert "&lt;/dd&gt;&lt;script&gt;bad()&lt;/script&gt;" in hostile_page
    assert "&lt;b&gt;Bold?&lt;/b&gt;" in hostile_page
    assert "Fine &amp; dandy?" in hostile_page
    assert "data reviewed &lt;script&gt;x&lt;/script&gt;" in hostile_page
    for tag in ("<script", "<img", "<svg", "<iframe", "<b>"):
        assert tag not in hostile_page.lower()


def test_only_http_links_become_hrefs(hostile_page):
    hrefs = re.findall(r'href="([^"]*)"', hostile_page)
    assert hrefs == ["https://ok.example/x", "https://ok.example/&quot;onmouseover=&quot;alert(1)"]
    assert "href='" not in hostile_page
    # Each anchor carries one quoted href and nothing else: the quote cannot close early.
    anchors = re.findall(r"<a\b[^>]*>", hostile_page)
    assert len(anchors) == 2
    assert all(re.fullmatch(r'<a href="[^"<>]*">', anchor) for anchor in anchors)
    # The dropped addresses are not shown at all, not even as text.
    assert "javascript:alert(1) " not in _text(hostile_page)
    assert "data:text/html" not in hostile_page
