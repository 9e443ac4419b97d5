"""The command line: `python -m avn_data validate` exit codes and messages."""

import csv
import io
import json
import subprocess
import sys

import pytest

from avn_data.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from avn_data.evidence.cautions import load_cautions, with_caution_columns
from avn_data.evidence.outcomes import load_outcomes
from avn_data.evidence.ranking import Weights
from avn_data.evidence.references import load_references
from avn_data.tables.load import load_treatments
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import DEFAULT_VIEW_COLUMNS, results
from tests.tables import csv_bytes, make_row


@pytest.fixture
def broken_csv(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(csv_bytes([make_row(invasiveness=9), make_row(treatment_id="b", name="")]))
    return path


def test_the_bundled_table_is_valid(capsys):
    assert main(["validate"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "treatments.csv: valid," in lines[0]
    assert lines[1].endswith("cautions, outcomes and their links to the treatments are valid")


def test_a_valid_file_gets_a_one_line_summary(tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_bytes(csv_bytes([make_row(), make_row(treatment_id="op", surgical="yes")]))
    assert main(["validate", str(path)]) == EXIT_OK
    assert capsys.readouterr().out == (
        f"{path}: valid, 2 treatments (1 non-surgical, 1 surgical reference), 1 categories\n"
    )


def test_a_broken_file_lists_its_problems_and_exits_1(broken_csv, capsys):
    assert main(["validate", str(broken_csv)]) == EXIT_INVALID
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{broken_csv}: 2 problems",
        "row 2, column 'invasiveness': '9' is not a whole number from 0 to 4",
        "row 3, column 'name': is empty; this column must be filled",
    ]


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.csv")]) == EXIT_USAGE
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["validate", "a.csv", "b.csv"]])
def test_bad_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_the_module_runs_as_a_program(broken_csv):
    done = subprocess.run(
        [sys.executable, "-m", "avn_data", "validate", str(broken_csv)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_INVALID
    assert "row 2, column 'invasiveness'" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_writes_the_rows_the_filters_keep(capsys):
    assert main(["export", "--stage", "II", "--max-invasiveness", "1"]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = results(
        load_treatments(), FilterSpec(stage=2, max_invasiveness=1),
        outcomes=load_outcomes(), references=load_references(),
    )  # fmt: skip
    assert [row["treatment_id"] for row in rows] == list(expected["treatment_id"])
    assert list(rows[0]) == [*DEFAULT_VIEW_COLUMNS, "treatment_id"]


def test_export_marks_the_cautions_that_match_a_situation(capsys):
    assert (
        main(
            [
                "export",
                "--situation",
                "dental-work",
                "--situation",
                "pregnancy",
                "--category",
                "Medication",
            ]
        )
        == EXIT_OK
    )
    rows = {
        row["treatment_id"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))
    }
    assert "Ongoing or planned dental work" in rows["bisphosphonate-oral"]["cautions_for_you"]
    assert rows["bisphosphonate-oral"]["cautions_for_you"].startswith("Avoid (Pregnant")
    assert rows["enoxaparin"]["cautions_for_you"] == ""


def test_export_can_hide_what_to_avoid_and_weigh_priorities(capsys):
    assert (
        main(
            [
                "export",
                "--situation",
                "pregnancy",
                "--hide-avoid",
                "--mind-time",
                "5",
                "--format",
                "json",
            ]
        )
        == EXIT_OK
    )
    ids = [record["treatment_id"] for record in json.loads(capsys.readouterr().out)]
    assert "statins" not in ids and "iloprost" not in ids
    cautions = load_cautions()
    table = with_caution_columns(load_treatments(), cautions)
    expected = results(
        table, FilterSpec(situation=("pregnancy",), hide_avoid=True), Weights(time_cost=5), cautions,
        outcomes=load_outcomes(), references=load_references(),
    )  # fmt: skip
    assert ids == list(expected["treatment_id"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--stage", "V"], "argument --stage: 'V' must be 0–4 or I–IV"),
        (
            ["export", "--max-weeks", "soon"],
            "argument --max-weeks: 'soon' must be a number of weeks",
        ),
        (["export", "--category", "Magic"], "argument --category: 'Magic' must be one of"),
        (["export", "--format", "xlsx"], "argument --format: invalid choice"),
        (["export", "--colour", "red"], "unrecognized arguments: --colour red"),
    ],
)
def test_bad_export_flags_exit_2_with_one_clear_line(argv, message, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == EXIT_USAGE
    assert message in capsys.readouterr().err.splitlines()[-1]


def test_export_of_a_broken_table_lists_the_problems(broken_csv, capsys):
    assert main(["export", "--data", str(broken_csv)]) == EXIT_INVALID
    assert "row 2, column 'invasiveness'" in capsys.readouterr().err


def test_validate_takes_the_table_as_data_flag_too(broken_csv, capsys):
    assert main(["validate", "--data", str(broken_csv)]) == EXIT_INVALID
    assert capsys.readouterr().err.startswith(f"{broken_csv}: 2 problems")


def _exported(capsys, *flags: str) -> list[dict[str, str]]:
    assert main(["export", "--all-columns", *flags]) == EXIT_OK
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize("stage", ["I", "II", "III"])
def test_keep_my_joint_puts_treatments_the_evidence_favours_first(capsys, stage):
    rows = _exported(capsys, "--stage", stage, "--aim", "disease")
    ranked = [row for row in rows if not row["benefit_group"].startswith("Reference")]
    favoured = [row["benefit_group"] == "Evidence favours it" for row in ranked]
    # Every favoured row comes before every other one; heat and ice and watchful waiting,
    # with no comparison favouring them for the disease, are never among them.
    assert favoured == sorted(favoured, reverse=True)
    top = {row["treatment_id"] for row, good in zip(ranked, favoured, strict=True) if good}
    assert not top & {"heat-ice", "watchful-waiting"}
    ids = [row["treatment_id"] for row in ranked]
    assert "watchful-waiting" not in ids or ids[-1] == "watchful-waiting"


def test_ease_pain_now_puts_pain_relief_evidence_first(capsys):
    rows = _exported(capsys, "--stage", "II", "--aim", "pain")
    groups = [row["benefit_group"] for row in rows]
    assert groups[0] == "Evidence favours it"
    # Options studied in AVN come before those known only from other conditions, which come
    # before those not yet studied at all.
    studied, other, none = (
        groups.index(words)
        for words in ("Evidence favours it", "Helps in other conditions, not yet studied in AVN",
                      "No evidence yet that it helps")
    )  # fmt: skip
    assert studied < other < none


def test_a_knee_shows_only_rows_with_knee_evidence(capsys):
    rows = _exported(capsys, "--joint", "knee")
    assert rows
    assert all("knee" in row["joints"].split("; ") for row in rows)


def test_a_cause_flags_treatments_studied_only_in_another(capsys):
    rows = {row["treatment_id"]: row for row in _exported(capsys, "--cause", "sickle-cell")}
    assert rows["enoxaparin"]["cause_note"].startswith("Studied only in AVN from")
    assert rows["physical-therapy"]["cause_note"] == ""


def test_the_readable_csv_is_the_pages_list_numbered_and_labelled(capsysbinary):
    assert main(["export", "--stage", "2", "--aim", "pain", "--headers", "readable"]) == EXIT_OK
    readable = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))
    assert main(["export", "--stage", "2", "--aim", "pain", "--format", "json"]) == EXIT_OK
    machine = json.loads(capsysbinary.readouterr().out)
    header, body = readable[0], readable[1:]
    assert header[:2] == ["No.", "Treatment"] and header[-1] == "treatment_id"
    assert "Side-effect burden (0–4)" in header and "side_effect_burden" not in header
    assert [row[-1] for row in body] == [row["treatment_id"] for row in machine]
    numbers = [row[0] for row in body]
    ranked = [n for n in numbers if n != "Ref"]
    assert ranked == [str(place) for place in range(1, len(ranked) + 1)]
    burden = [row[header.index("Side-effect burden (0–4)")] for row in body]
    assert all(cell in ("", "0", "1", "2", "3", "4") for cell in burden), burden
