"""The outcome table: each rule accepts a good row and names the row and column of a bad one."""

import csv
import shutil

import pandas as pd
import pytest

from avn_data.checks import check_all_tables, cross_table_problems
from avn_data.evidence.outcomes import OUTCOME_COLUMNS, OUTCOMES_CSV, load_outcomes
from avn_data.tables.load import DATA_DIR, load_table, load_treatments
from avn_data.tables.problems import TableError, TableProblem
from tests.tables import csv_bytes, make_row, no_data_row, outcome_row, outcomes_bytes


def load_rows(tmp_path, rows, columns=OUTCOME_COLUMNS) -> pd.DataFrame:
    path = tmp_path / "outcomes.csv"
    path.write_bytes(outcomes_bytes(rows, columns))
    return load_outcomes(path)


def load_problems(tmp_path, rows, columns=OUTCOME_COLUMNS) -> list[str]:
    with pytest.raises(TableError) as caught:
        load_rows(tmp_path, rows, columns)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(scope="module")
def treatments() -> pd.DataFrame:
    """Two non-surgical treatments (one the natural-course baseline) and one operation."""
    rows = [
        make_row(treatment_id="prp-injection"),
        make_row(treatment_id="watchful-waiting", category="Observation"),
        make_row(treatment_id="core-decompression", category="Surgery", surgical="true"),
    ]
    return load_table(csv_bytes(rows))


def baseline_row(**overrides: object) -> dict[str, object]:
    values = {
        "outcome_id": "ww-natural-course",
        "treatment_id": "watchful-waiting",
        "comparator": "none (natural course)",
        "comparator_events": "",
        "comparator_n": "",
        "direction": "baseline",
        "comparison": "natural course",
        "design": "cohort",
        **overrides,
    }
    return outcome_row(**values)


def cross_problems(tmp_path, treatments, first_row) -> list[TableProblem]:
    """Problems of a table whose row 2 is `first_row`; row 3 covers the baseline treatment."""
    table = load_rows(tmp_path, [first_row, baseline_row()])
    return cross_table_problems(table, treatments)


# ---------------------------------------------------------------- loading: one cell at a time


def test_a_valid_table_comes_back_typed_with_unknowns_empty(tmp_path):
    table = load_rows(tmp_path, [outcome_row(), no_data_row("a2m-injection")])
    assert table["treated_n"].dtype == "float64"
    assert table["effect"].dtype == "float64"
    assert table.at[0, "treated_events"] == 2
    assert pd.isna(table.at[1, "treated_n"]) and pd.isna(table.at[1, "horizon_months"])
    assert table.at[1, "joint"] == ""


@pytest.mark.parametrize(
    ("column", "good", "bad", "expected"),
    [
        ("outcome_id", "lai-2005-collapse", "Bad Id", "'Bad Id' is not a unique id"),
        ("aim", "prevention", "mood", "'mood' is not one of: pain, function"),
        ("outcome", "healing on imaging", "death", "'death' is not one of: collapse"),
        ("joint", "ankle-foot", "elbow", "'elbow' is not one of: hip, knee"),
        ("stage_min", "0", "5", "'5' is not a stage from 0 (at risk) to 4"),
        ("stage_max", "II", "two", "'two' is not a stage from 0"),
        ("cause", "sickle-cell", "smoking", "'smoking' is not one of: steroids"),
        ("lesion_type", "C2", "D", "'D' is not one of: A, B, C1, C2, or empty"),
        ("symptoms", "without", "sometimes", "'sometimes' is not one of: with, without, any"),
        ("horizon_months", "130.6", "-1", "'-1' is not a number of months"),
        ("unit", "shoulders", "elbows", "'elbows' is not one of: hips"),
        ("treated_events", "0", "1.5", "'1.5' is not a whole number, 0 or more"),
        ("treated_n", "", "0", "'0' is not a whole number, 1 or more"),
        ("treated_percent", "100", "101", "'101' is not a percentage from 0 to 100"),
        ("comparator_percent", "7.9", "many", "'many' is not a percentage"),
        ("effect_measure", "SMD", "NNT", "'NNT' is not one of: OR, RR, HR, MD, SMD"),
        ("effect_low", "-1.39", "inf", "'inf' is not a number"),
        ("direction", "favours comparator", "positive", "'positive' is not one of: favours"),
        ("design", "case-control", "anecdote", "'anecdote' is not one of: RCT"),
        ("certainty", "very low", "strong", "'strong' is not one of: none, very low"),
        ("finding", "Fewer hips collapsed.", " ", "is empty; this column must be filled"),
    ],
)  # fmt: skip
def test_each_cell_rule_accepts_a_good_value_and_names_a_bad_one(
    tmp_path, column, good, bad, expected
):
    assert load_rows(tmp_path, [outcome_row(**{column: good})]).shape[0] == 1
    problems = load_problems(tmp_path, [outcome_row(**{column: bad})])
    assert any(p.startswith(f"row 2, column '{column}': {expected}") for p in problems), problems


@pytest.mark.parametrize(
    ("low", "high", "fails"), [(1, 3, False), (2, 2, False), (3, 1, True), ("", 1, False)]
)
def test_stage_range_must_not_be_reversed_but_may_be_half_unknown(tmp_path, low, high, fails):
    rows = [outcome_row(stage_min=low, stage_max=high)]
    if not fails:
        assert load_rows(tmp_path, rows).shape[0] == 1
        return
    assert "row 2, column 'stage_min': stage_min (3) is above stage_max (1)" in load_problems(
        tmp_path, rows
    )


def test_a_duplicate_outcome_id_names_both_rows(tmp_path):
    problems = load_problems(tmp_path, [outcome_row(), outcome_row(finding="Again.")])
    duplicate = "'example-collapse' appears more than once (rows 2, 3)"
    assert f"row 2, column 'outcome_id': {duplicate}" in problems
    assert f"row 3, column 'outcome_id': {duplicate}" in problems


@pytest.mark.parametrize("dropped", [None, "note", "knee_type", "treated_percent"])
def test_every_contract_column_must_be_in_the_header(tmp_path, dropped):
    columns = tuple(name for name in OUTCOME_COLUMNS if name != dropped)
    if dropped is None:
        assert list(load_rows(tmp_path, [outcome_row()], columns).columns) == list(columns)
        return
    problems = load_problems(tmp_path, [outcome_row()], columns)
    assert problems == [f"column '{dropped}': this column is missing from the header row"]


# ---------------------------------------------------------------- rules across cells and tables


@pytest.mark.parametrize(
    ("good", "bad", "column", "expected"),
    [
        pytest.param({}, {"treatment_id": "unicorn-dust"}, "treatment_id",
                     "'unicorn-dust' is not a treatment_id", id="unknown-treatment"),
        pytest.param({"treated_events": 29}, {"treated_events": 30}, "treated_events",
                     "treated_events (30) is more than treated_n (29)", id="treated-events"),
        pytest.param({"comparator_events": 25}, {"comparator_events": 26}, "comparator_events",
                     "comparator_events (26) is more than comparator_n (25)", id="comparator-events"),
        pytest.param({"effect_measure": "OR", "effect": 0.2, "effect_low": 0.08, "effect_high": 0.6},
                     {"effect_measure": "OR", "effect": 0.7, "effect_low": 0.08, "effect_high": 0.6},
                     "effect", "effect (0.7) is outside its interval (0.08 to 0.6)", id="outside"),
        pytest.param({"effect_measure": "MD", "effect": -0.82, "effect_low": -1.39, "effect_high": -0.25},
                     {"effect_measure": "MD", "effect": -0.82, "effect_low": -0.25, "effect_high": -1.39},
                     "effect_low", "effect_low (-0.25) is above effect_high (-1.39)", id="reversed"),
        pytest.param({"effect_measure": "SMD", "effect": -0.77},
                     {"effect_measure": "SMD", "effect": -0.77, "effect_low": -1.2},
                     "effect_low", "give both ends of the interval", id="half-interval"),
        pytest.param({"effect_measure": "RR", "effect": 1.37}, {"effect": 1.37},
                     "effect_measure", "is empty although an effect is given", id="no-measure"),
        pytest.param({"effect_measure": "", "effect": ""}, {"effect_measure": "HR"},
                     "effect", "is empty although effect_measure is 'HR'", id="no-effect"),
        pytest.param({"effect_measure": "OR", "effect": 3.84}, {"effect_measure": "OR", "effect": -3.84},
                     "effect", "a ratio (OR) and its interval must be above 0", id="negative-ratio"),
        pytest.param({"design": "cohort"}, {"design": "none"}, "design",
                     "'none' is only for 'no outcome data' rows", id="design-none"),
        pytest.param({"direction": "no difference"}, {"direction": "baseline"}, "direction",
                     "'baseline' is only for the natural-course rows", id="baseline-elsewhere"),
        pytest.param({"joint": "knee", "knee_type": "spontaneous", "lesion_type": ""},
                     {"joint": "hip", "knee_type": "spontaneous"}, "knee_type",
                     "is only for knee rows", id="knee-type-on-hip"),
        pytest.param({"lesion_type": "C2"}, {"joint": "knee", "lesion_type": "C2"}, "lesion_type",
                     "JIC lesion types are only for hip rows", id="lesion-type-on-knee"),
        pytest.param({"joint": "several"}, {"joint": ""}, "joint",
                     "only 'no outcome data' rows may leave the joint empty", id="joint-empty"),
        pytest.param({"comparison": "inactive"}, {"comparison": "none"}, "direction",
                     "'favours' needs a comparison group", id="single-group-favours"),
        pytest.param({"direction": "uncontrolled", "comparison": "none"},
                     {"direction": "uncontrolled", "comparison": "active"}, "comparison",
                     "must be 'none' on an 'uncontrolled' row", id="uncontrolled-compared"),
        pytest.param({"study_id": "DOI 10.1186/s12891-022-06120-z"}, {"study_id": ""}, "study_id",
                     "give 'PMID …' or 'DOI …'", id="no-identifier"),
        pytest.param({"study_id": "", "note": "PMID/DOI not yet verified: abstract read."},
                     {"study_id": "", "note": "abstract read"}, "study_id",
                     "or say 'PMID/DOI not yet verified' in the note", id="unverified-said"),
        pytest.param({"read_in": "full text"}, {"read_in": ""}, "read_in",
                     "say where the numbers were read", id="read-in"),
        pytest.param({"quote": "2 of 29"}, {"quote": ""}, "quote",
                     "copy the phrase the numbers come from", id="quote"),
        pytest.param({"treated_percent": 7}, {"treated_percent": 17}, "treated_percent",
                     "17% disagrees with 2 of 29", id="percent-vs-counts"),
        pytest.param({"horizon_months": ""  , "note": "Follow-up not given in the abstract."},
                     {"horizon_months": ""}, "horizon_months",
                     "give the follow-up or say in the note why not", id="horizon"),
    ],
)  # fmt: skip
def test_each_cross_cell_rule_accepts_a_good_row_and_names_a_bad_one(
    tmp_path, treatments, good, bad, column, expected
):
    assert cross_problems(tmp_path, treatments, outcome_row(**good)) == []
    problems = cross_problems(tmp_path, treatments, outcome_row(**bad))
    hits = [p for p in problems if p.row == 2 and p.column == column]
    assert any(expected in p.message for p in hits), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("bad", "column", "expected"),
    [
        ({"direction": "uncontrolled"}, "direction", "must be 'no data'"),
        ({"design": "RCT"}, "design", "must be 'none'"),
        ({"certainty": "low"}, "certainty", "must be 'none'"),
        ({"treated_n": 12}, "outcome", "must leave every number empty"),
    ],
)
def test_a_no_data_row_says_none_everywhere(tmp_path, treatments, bad, column, expected):
    assert cross_problems(tmp_path, treatments, no_data_row("prp-injection")) == []
    problems = cross_problems(tmp_path, treatments, no_data_row("prp-injection", **bad))
    assert any(p.row == 2 and p.column == column and expected in p.message for p in problems)


def test_natural_course_rows_must_be_marked_baseline(tmp_path, treatments):
    table = load_rows(tmp_path, [outcome_row(), baseline_row(direction="favours")])
    problems = cross_table_problems(table, treatments)
    assert (3, "direction") in [(p.row, p.column) for p in problems]
    assert {p.row for p in problems} == {3}


@pytest.mark.parametrize(
    ("rows", "uncovered"),
    [
        pytest.param(["prp-injection", "watchful-waiting"], [], id="all-covered"),
        pytest.param(["watchful-waiting"], ["prp-injection"], id="treatment-missing"),
        pytest.param(["prp-injection"], ["watchful-waiting"], id="baseline-missing"),
    ],
)
def test_every_non_surgical_treatment_needs_an_outcome_row(tmp_path, treatments, rows, uncovered):
    built = {
        "prp-injection": no_data_row("prp-injection"),
        "watchful-waiting": baseline_row(),
    }
    table = load_rows(tmp_path, [built[treatment_id] for treatment_id in rows])
    problems = cross_table_problems(table, treatments)
    # The surgical row (core-decompression) never needs one.
    assert [p.message.split("'")[1] for p in problems] == uncovered
    assert all(p.row is None and p.column == "treatment_id" for p in problems)


# ---------------------------------------------------------------- all tables, named by file


def test_a_problem_names_its_file_row_and_column():
    located = TableProblem(5, "treated_events", "is too big", "outcomes.csv")
    assert str(located) == "outcomes.csv row 5, column 'treated_events': is too big"
    assert str(TableProblem(None, None, "The file is empty.", "outcomes.csv")) == (
        "outcomes.csv: The file is empty."
    )


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def test_check_all_tables_finds_nothing_in_a_clean_copy_and_names_a_broken_cell(data_copy):
    assert check_all_tables(data_copy) == []
    path = data_copy / OUTCOMES_CSV.name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    counted = table.index[table["treated_n"].ne("")][0]
    table.at[counted, "treated_events"] = str(int(table.at[counted, "treated_n"]) + 1)
    table.to_csv(path, index=False)
    problems = [str(problem) for problem in check_all_tables(data_copy)]
    row = counted + 2
    assert len(problems) == 1
    assert problems[0].startswith(f"outcomes.csv row {row}, column 'treated_events': ")


def test_check_all_tables_reports_a_missing_file_by_name(data_copy):
    (data_copy / OUTCOMES_CSV.name).unlink()
    problems = [str(problem) for problem in check_all_tables(data_copy)]
    assert problems == ["outcomes.csv: cannot be read: No such file or directory"]


# ---------------------------------------------------------------- the bundled table


def test_the_bundled_outcomes_are_valid_against_the_bundled_treatments():
    # Needs the reviewed treatments.csv (paracetamol, opioids, core-decompression-cells).
    assert cross_table_problems(load_outcomes(), load_treatments()) == []


def test_the_bundled_file_has_exactly_the_contract_columns_in_order():
    with OUTCOMES_CSV.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == list(OUTCOME_COLUMNS)


def test_natural_course_figures_for_painless_hips_say_so_in_words():
    table = load_outcomes()
    baseline = table[table["treatment_id"].eq("watchful-waiting")]
    without = baseline[baseline["symptoms"].eq("without")]
    assert not without.empty
    assert without["finding"].str.contains("without", case=False).all()
    painful = baseline[baseline["symptoms"].eq("with") & baseline["joint"].eq("hip")]
    assert not painful.empty


def test_every_figure_says_whether_it_was_checked_against_its_abstract():
    table = load_outcomes()
    numbers = table[["treated_events", "treated_n", "treated_percent", "effect"]].notna()
    figured = table[numbers.any(axis=1)]
    checked = figured["note"].str.contains("Verified|abstract not re-checked")
    assert checked.all(), list(figured.loc[~checked, "outcome_id"])


# ---------------------------------------------------------------- nullable numbers (TableSpec)


def test_treatment_numbers_marked_nullable_may_be_left_unknown():
    row = make_row(side_effect_burden="", duration_weeks_min="", duration_weeks_max="")
    table = load_table(csv_bytes([row]))
    assert table["side_effect_burden"].dtype == "float64"
    assert pd.isna(table.at[0, "side_effect_burden"])
    assert pd.isna(table.at[0, "duration_weeks_max"])


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"invasiveness": ""}, "row 2, column 'invasiveness': is empty"),
        ({"side_effect_burden": 9}, "row 2, column 'side_effect_burden': '9' is not a whole"),
        ({"duration_weeks_min": 9, "duration_weeks_max": 3},
         "row 2, column 'duration_weeks_min': duration_weeks_min (9) is above"),
    ],
)  # fmt: skip
def test_known_numbers_are_still_checked_and_other_columns_must_be_filled(overrides, expected):
    with pytest.raises(TableError) as caught:
        load_table(csv_bytes([make_row(**overrides)]))
    assert any(str(p).startswith(expected) for p in caught.value.problems)


@pytest.mark.parametrize(("low", "high"), [("", 3), (9, "")])
def test_a_half_unknown_duration_range_is_not_an_ordering_problem(low, high):
    table = load_table(csv_bytes([make_row(duration_weeks_min=low, duration_weeks_max=high)]))
    assert table.shape[0] == 1


@pytest.mark.parametrize(("written", "read"), [("3.0", 3), ("2.00", 2), ("III", 3), (" 1 ", 1)])
def test_a_stage_reads_the_same_in_both_tables_however_a_spreadsheet_wrote_it(
    tmp_path, written, read
):
    outcome = load_rows(tmp_path, [outcome_row(stage_min=written, stage_max=written)])
    treatment = load_table(csv_bytes([make_row(stage_min=written, stage_max=written)]))
    assert outcome.at[0, "stage_min"] == read == treatment.at[0, "stage_min"]


@pytest.mark.parametrize("written", ["3.5", "5.0", "3,0"])
def test_a_stage_that_is_not_whole_or_out_of_range_is_still_refused(tmp_path, written):
    problems = load_problems(tmp_path, [outcome_row(stage_min=written, stage_max="")])
    assert any("column 'stage_min'" in problem for problem in problems)
