"""The bundled data: complete, sourced, and saying what data/README.md says it says.

The treatment table is revised by hand, so these tests hold no row counts or scores of their
own: each reads the numbers it checks from the data files (with the csv module) or from the
README, and checks that the two agree.
"""

import re

import pytest

from avn_data.tables.columns import AIMS
from avn_data.tables.dictionary import DICTIONARY_CSV, column_info, review_date
from avn_data.tables.load import BUNDLED_TABLE, DATA_DIR, load_treatments
from avn_data.view.rows import DERIVED_COLUMNS
from tests.tables import data_rows

DATA_README = (DATA_DIR / "README.md").read_text(encoding="utf-8")
TREATMENTS = data_rows("treatments.csv")
BY_ID = {row["treatment_id"]: row for row in TREATMENTS}
RUBRIC = data_rows("rubric.csv")
SCALES = ("invasiveness", "side_effect_burden")
README_RUBRIC_SECTIONS = {
    "invasiveness": "## Invasiveness rubric (0–4)",
    "side_effect_burden": "## Side-effect burden rubric (0–4)",
}

# Every treatment the source article discusses, plus the literature's extras (issue 2). The
# article's "pain medication" by mouth is covered by two rows since the content review.
PROMISED_IDS = [
    "prp-injection", "a2m-injection", "stem-cell-injection", "bisphosphonate-oral",
    "bisphosphonate-iv", "nsaids", "statins", "medical-cannabis", "cbd", "paracetamol", "opioids",
    "pain-relief-patch", "pain-relief-injection", "protected-weight-bearing", "physical-therapy",
    "heat-ice", "acupuncture", "acupressure", "low-impact-exercise", "gait-training",
    "hyperbaric-oxygen", "shockwave-therapy", "pemf", "enoxaparin", "iloprost", "watchful-waiting",
    "core-decompression", "bone-grafting", "osteotomy", "hip-replacement",
]  # fmt: skip


def readme_section(heading: str) -> str:
    """The README's text from `heading` to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = DATA_README.index(heading + "\n")
    rest = DATA_README[start + len(heading) :]
    ends = [match.start() for match in re.finditer(rf"^#{{1,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


def table_rows(section: str) -> list[list[str]]:
    """The cells of each body row of the first markdown table in `section`."""
    lines = section[section.index("\n|") + 1 :].split("\n\n")[0].splitlines()
    return [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        for line in lines[2:]  # below the header and its ---|--- rule
    ]


def csv_header() -> list[str]:
    return list(TREATMENTS[0])


# ---- columns --------------------------------------------------------------------------


def test_the_csv_has_the_columns_the_readme_lists_in_its_order():
    documented = [
        re.fullmatch(r"`([a-z_]+)`", cells[0])[1]
        for cells in table_rows(readme_section("## Columns of `treatments.csv`"))
    ]
    assert csv_header() == documented


def test_the_readme_states_the_column_count():
    stated = re.search(r"one row per treatment, (\d+) columns", DATA_README)
    assert stated, "data/README.md no longer says how many columns treatments.csv has"
    assert int(stated[1]) == len(csv_header())


def test_the_dictionary_lists_the_csv_columns_first_in_the_same_order():
    dictionary = [row["column"] for row in data_rows("dictionary.csv")]
    assert dictionary[: len(csv_header())] == csv_header()


def test_every_column_is_in_the_dictionary_and_its_readme():
    documented = column_info(DICTIONARY_CSV)
    for column in [*csv_header(), *DERIVED_COLUMNS]:
        assert column in documented, f"{column} missing from data/dictionary.csv"
        assert f"`{column}`" in DATA_README, f"{column} missing from data/README.md"


# ---- rows -----------------------------------------------------------------------------


def test_the_readme_states_the_row_count():
    stated = re.search(r"one row per treatment \((\d+) rows\)", DATA_README)
    assert stated, "data/README.md no longer says how many rows treatments.csv has"
    assert int(stated[1]) == len(TREATMENTS)


def test_every_promised_treatment_is_there():
    assert sorted(set(PROMISED_IDS) - set(BY_ID)) == []


def test_the_rows_are_flagged_surgical_exactly_when_their_category_is_surgery():
    surgical = {row["treatment_id"] for row in TREATMENTS if row["surgical"] == "true"}
    surgery = {row["treatment_id"] for row in TREATMENTS if row["category"] == "Surgery"}
    assert surgical == surgery
    assert {row["surgical"] for row in TREATMENTS} <= {"true", "false"}


def blank_allowed() -> set[str]:
    """The columns data/README.md's 'What a blank cell means' names, `direction_…` expanded."""
    named = re.findall(r"^- `([a-z_]+)`(?: / `([a-z_]+)`)?", readme_section("### What a blank cell means"), re.M)  # fmt: skip
    allowed = {name for pair in named for name in pair if name}
    if "`direction_…`" in readme_section("### What a blank cell means"):
        allowed |= {f"direction_{aim}" for aim in AIMS}
    return allowed


def test_a_cell_is_blank_only_where_the_readme_gives_a_blank_its_meaning():
    allowed = blank_allowed()
    blanks = {
        (column, row["treatment_id"])
        for row in TREATMENTS
        for column, cell in row.items()
        if not cell.strip() and column not in allowed
    }
    assert sorted(blanks) == []


def test_the_blank_rule_knows_the_unknown_score_and_course_columns():
    # Succeeds only while the README still documents the blanks the loader accepts.
    assert {"side_effect_burden", "duration_weeks_min", "duration_weeks_max"} <= blank_allowed()


def test_only_the_baseline_has_no_aims():
    assert [row["treatment_id"] for row in TREATMENTS if not row["aims"].strip()] in (
        [],
        ["watchful-waiting"],
    )


@pytest.mark.parametrize("aim", AIMS)
def test_every_aim_a_study_row_speaks_to_is_one_of_the_treatments_aims(aim):
    studied = {row["treatment_id"] for row in data_rows("outcomes.csv") if row["aim"] == aim} - {
        "watchful-waiting"
    }
    not_listed = [
        row["treatment_id"]
        for row in TREATMENTS
        if row["treatment_id"] in studied
        and aim not in [word.strip() for word in row["aims"].split(";")]
    ]
    assert not_listed == []


def test_every_row_is_sourced_with_web_addresses():
    for row in TREATMENTS:
        urls = row["source_urls"].split()
        assert urls, row["treatment_id"]
        assert all(re.fullmatch(r"https?://\S+", url) for url in urls), row["treatment_id"]
        # Bare IP mirrors are not citable sources (research/README.md).
        assert not any(re.match(r"https?://\d+\.\d+\.\d+\.\d+", url) for url in urls)


def test_rows_from_the_article_cite_it():
    for row in TREATMENTS:
        if row["in_source_article"] == "true":
            assert "source article" in row["sources"].lower(), row["treatment_id"]


def test_a_row_with_no_evidence_says_so_in_its_summary():
    unsaid = [
        row["treatment_id"]
        for row in TREATMENTS
        if row["evidence_certainty"] == "none" and not row["evidence_summary"].startswith("No ")
    ]
    assert unsaid == []


def test_questions_for_the_doctor_are_questions():
    for row in TREATMENTS:
        questions = row["questions_to_ask"].split(" | ")
        assert len(questions) >= 2, row["treatment_id"]
        assert all(question.strip().endswith("?") for question in questions), row["treatment_id"]


def test_the_loader_reads_every_row_of_the_bundled_file():
    assert list(load_treatments(BUNDLED_TABLE)["treatment_id"]) == list(BY_ID)


# ---- the rubric -----------------------------------------------------------------------


def test_the_rubric_has_levels_0_to_4_for_both_scales_and_words_for_each():
    levels = {scale: sorted(int(row["level"]) for row in RUBRIC if row["scale"] == scale) for scale in SCALES}  # fmt: skip
    assert levels == {scale: [0, 1, 2, 3, 4] for scale in SCALES}
    assert {row["scale"] for row in RUBRIC} == set(SCALES)
    assert all(row["meaning"].strip() for row in RUBRIC)


@pytest.mark.parametrize(
    "rubric_row", RUBRIC, ids=[f"{row['scale']}-{row['level']}" for row in RUBRIC]
)
def test_each_rubric_levels_example_row_carries_that_score(rubric_row):
    example = BY_ID.get(rubric_row["example_id"])
    assert example, f"example {rubric_row['example_id']} is not in treatments.csv"
    assert example[rubric_row["scale"]] == rubric_row["level"]


@pytest.mark.parametrize("scale", SCALES)
def test_the_readme_rubric_table_states_the_rubric_files_words(scale):
    stated = {
        cells[0]: (cells[1], re.search(r"`([a-z0-9-]+)`", cells[2]))
        for cells in table_rows(readme_section(README_RUBRIC_SECTIONS[scale]))
    }
    for row in (row for row in RUBRIC if row["scale"] == scale):
        assert row["level"] in stated, f"data/README.md has no {scale} level {row['level']}"
        meaning, example = stated[row["level"]]
        assert meaning == row["meaning"], f"{scale} level {row['level']}"
        assert example and example[1] == row["example_id"], f"{scale} level {row['level']}"


# ---- review date and disclaimer ----------------------------------------------------------


def test_the_readme_gives_the_review_date_and_the_disclaimer():
    assert re.search(r"[Rr]eview(ed)? date[^\n]*20\d\d-\d\d-\d\d", DATA_README)
    assert "doctor" in DATA_README


def test_the_review_date_the_page_shows_is_the_dictionarys():
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", review_date())
    assert f"**Review date:** {review_date()}" in DATA_README


# ---- prose cites what the rows and sources hold ----------------------------------------------

AUTHOR_YEAR = re.compile(
    r"\b([A-Z][A-Za-zäöüÄÖÜß'’-]+)(?: et al\.?| and [A-Z][a-z]+)? \(?((?:19|20)\d\d)\b"
)
NOT_AUTHORS = {"In", "The", "From", "Since", "Until", "By", "On", "At", "Of", "And", "Or", "For",
               "Up", "To", "Stage", "Stages", "Steinberg", "Ficat", "ARCO"}  # fmt: skip


@pytest.mark.parametrize(
    "column", ["evidence_summary", "how_it_works", "regimen", "side_effects", "score_basis"]
)
def test_every_study_named_in_a_treatments_prose_is_among_its_sources_or_rows(column):
    outcome_sources = {}
    for row in data_rows("outcomes.csv"):
        outcome_sources.setdefault(row["treatment_id"], []).append(row["source"])
    uncited = [
        (row["treatment_id"], f"{name} {year}")
        for row in TREATMENTS
        for name, year in AUTHOR_YEAR.findall(row[column])
        if name not in NOT_AUTHORS
        and name not in row["sources"] + " ".join(outcome_sources.get(row["treatment_id"], []))
    ]
    assert uncited == []


@pytest.mark.parametrize("column", ["evidence_summary", "how_it_works", "regimen", "side_effects"])
def test_no_internal_reference_codes_in_a_treatments_prose(column):
    codes = re.compile(r"§|\bS\d{1,2}\b|[Ee]vidence brief|\brubric \d")
    assert [row["treatment_id"] for row in TREATMENTS if codes.search(row[column])] == []


def test_the_stored_certainty_and_failures_are_what_the_study_rows_give():
    from avn_data.checks import stored_result_problems
    from avn_data.evidence.outcomes import load_outcomes
    from avn_data.tables.load import load_treatments

    assert stored_result_problems(load_outcomes(), load_treatments()) == []
    changed = load_treatments().assign(evidence_certainty="high")
    problems = stored_result_problems(load_outcomes(), changed)
    assert problems and all(problem.column == "evidence_certainty" for problem in problems)
    assert "but its study rows in outcomes.csv give" in problems[0].message
    forgotten = load_treatments().assign(not_effective_in="")
    problems = stored_result_problems(load_outcomes(), forgotten)
    assert {problem.message for problem in problems} >= {
        "must list the causes its study rows found it failed in: steroids"
    }
