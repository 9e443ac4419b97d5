"""The bundled table: complete, sourced, documented, and covering every treatment it promises."""

import csv
import re

import pytest

from avn_data.columns import TABLE_COLUMNS
from avn_data.dictionary import DICTIONARY_CSV, column_info, review_date
from avn_data.load import BUNDLED_TABLE, DATA_DIR, load_treatments
from avn_data.view import DERIVED_COLUMNS

DATA_README = (DATA_DIR / "README.md").read_text(encoding="utf-8")

# Every treatment the source article discusses, plus the literature's extras (issue 2).
PROMISED_IDS = [
    "prp-injection", "a2m-injection", "stem-cell-injection", "bisphosphonate-oral",
    "bisphosphonate-iv", "nsaids", "statins", "medical-cannabis", "cbd", "pain-relief-oral",
    "pain-relief-patch", "pain-relief-injection", "protected-weight-bearing", "physical-therapy",
    "heat-ice", "acupuncture", "acupressure", "low-impact-exercise", "gait-training",
    "hyperbaric-oxygen", "shockwave-therapy", "pemf", "enoxaparin", "iloprost", "watchful-waiting",
    "core-decompression", "bone-grafting", "osteotomy", "hip-replacement",
]  # fmt: skip
SURGICAL_IDS = {"core-decompression", "bone-grafting", "osteotomy", "hip-replacement"}


@pytest.fixture(scope="module")
def table():
    return load_treatments()


def csv_header() -> list[str]:
    with BUNDLED_TABLE.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_the_bundled_file_has_exactly_the_documented_columns_in_order():
    assert csv_header() == list(TABLE_COLUMNS)


def test_every_column_is_in_the_dictionary_and_its_readme():
    documented = column_info(DICTIONARY_CSV)
    for column in [*csv_header(), *DERIVED_COLUMNS]:
        assert column in documented, f"{column} missing from data/dictionary.csv"
        assert f"`{column}`" in DATA_README, f"{column} missing from data/README.md"


def test_every_promised_treatment_is_there(table):
    assert set(PROMISED_IDS) <= set(table["treatment_id"])


def test_only_the_surgical_reference_rows_are_flagged_surgical(table):
    assert set(table.loc[table["surgical"], "treatment_id"]) == SURGICAL_IDS


def test_every_cell_is_filled(table):
    for column in TABLE_COLUMNS:
        blank = table.loc[table[column].astype(str).str.strip() == "", "treatment_id"]
        assert blank.empty, f"{column} is empty for {list(blank)}"


def test_every_row_is_sourced_with_web_addresses(table):
    for row in table.itertuples():
        urls = row.source_urls.split()
        assert urls, row.treatment_id
        assert all(re.match(r"https?://[^\s]+$", url) for url in urls), row.treatment_id
        # Bare IP mirrors are not citable sources (research/README.md).
        assert not any(re.match(r"https?://\d+\.\d+\.\d+\.\d+", url) for url in urls)


def test_rows_from_the_article_cite_it(table):
    for row in table[table["in_source_article"]].itertuples():
        assert "source article" in row.sources.lower(), row.treatment_id


def test_missing_evidence_is_said_not_guessed(table):
    no_data = table.set_index("treatment_id").loc[["a2m-injection", "acupressure", "cbd"]]
    assert set(no_data["evidence_certainty"]) == {"none"}


def test_questions_for_the_doctor_are_questions(table):
    for row in table.itertuples():
        questions = row.questions_to_ask.split(" | ")
        assert len(questions) >= 2, row.treatment_id
        assert all(question.strip().endswith("?") for question in questions), row.treatment_id


def test_the_readme_gives_the_review_date_and_the_disclaimer():
    assert re.search(r"[Rr]eview(ed)? date[^\n]*20\d\d-\d\d-\d\d", DATA_README)
    assert "doctor" in DATA_README


def test_the_review_date_the_page_shows_is_the_dictionarys():
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", review_date())
    assert f"**Review date:** {review_date()}" in DATA_README
