"""Every bundled table checked, alone and against the others (`python -m avn_data validate`)."""

from pathlib import Path
from typing import cast

import pandas as pd

from avn_data.evidence.cautions import caution_spec
from avn_data.evidence.outcomes import (
    NO_DATA,
    OUTCOMES_CSV,
    consistency_problems,
    events_above_group_size,
    interval_problems,
    load_outcomes,
    provenance_problems,
    unknown_treatments,
    vocabulary_problems,
)
from avn_data.evidence.verdict import failed_in, overall_certainty
from avn_data.tables.conditions import condition_labels
from avn_data.tables.csv_text import read_cells
from avn_data.tables.load import load_table
from avn_data.tables.paths import DATA_DIR
from avn_data.tables.problems import Problem, load_or_problems, named
from avn_data.tables.validate import spreadsheet_row


def uncovered_treatments(outcomes: pd.DataFrame, treatments: pd.DataFrame) -> list[Problem]:
    """Non-surgical treatments without any outcome row (not even a 'no outcome data' row)."""
    covered = set(outcomes["treatment_id"])
    missing = treatments.loc[~treatments["surgical"] & ~treatments["treatment_id"].isin(covered)]
    return [
        Problem(
            None,
            "treatment_id",
            f"treatment '{treatment_id}' has no outcome row; add its findings "
            f"or an explicit '{NO_DATA}' row",
        )
        for treatment_id in missing["treatment_id"]
    ]


def stored_result_problems(outcomes: pd.DataFrame, treatments: pd.DataFrame) -> list[Problem]:
    """Treatments whose stored `evidence_certainty` or `not_effective_in` differs from what
    their study rows give: both are stored results of the rows, never typed apart from them."""
    certainty = overall_certainty(outcomes)
    failed = failed_in(outcomes)
    problems = []
    for index, row in treatments.iterrows():
        # Every loaded table keeps read_cells' RangeIndex; iterrows types a label as Hashable.
        row_number = spreadsheet_row(cast(int, index))
        expected = certainty.get(row["treatment_id"], "none")
        if row["evidence_certainty"] != expected:
            problems.append(
                Problem(
                    row_number,
                    "evidence_certainty",
                    f"is '{row['evidence_certainty']}' but its study rows in outcomes.csv give "
                    f"'{expected}' (the highest certainty of its AVN rows)",
                )
            )
        stored = {cause.strip() for cause in str(row.get("not_effective_in", "")).split(";")}
        found = failed.get(row["treatment_id"], set())
        if "not_effective_in" in treatments and stored - {""} != found:
            listed = "; ".join(sorted(found)) or "nothing"
            problems.append(
                Problem(
                    row_number,
                    "not_effective_in",
                    f"must list the causes its study rows found it failed in: {listed}",
                )
            )
    return problems


def cross_table_problems(outcomes: pd.DataFrame, treatments: pd.DataFrame) -> list[Problem]:
    """Every rule that needs more than one cell: links to the treatments, counts, intervals."""
    return [
        *unknown_treatments(outcomes, treatments["treatment_id"]),
        *events_above_group_size(outcomes),
        *interval_problems(outcomes),
        *vocabulary_problems(outcomes),
        *provenance_problems(outcomes),
        *consistency_problems(outcomes),
        *uncovered_treatments(outcomes, treatments),
    ]


def check_all_tables(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem in the treatment, cautions and outcome tables and between them."""
    data_dir = Path(data_dir)
    treatments, problems = load_or_problems(
        data_dir / "treatments.csv", lambda path: load_table(path.read_bytes())
    )
    conditions = tuple(condition_labels(data_dir / "conditions.csv"))
    cautions, more = load_or_problems(
        data_dir / "cautions.csv",
        lambda path: load_table(path.read_bytes(), caution_spec(conditions)),
    )
    problems += more
    outcomes, more = load_or_problems(data_dir / OUTCOMES_CSV.name, load_outcomes)
    problems += more
    if treatments is not None and cautions is not None:
        problems += named("cautions.csv", unknown_treatments(cautions, treatments["treatment_id"]))
    if treatments is not None and outcomes is not None:
        problems += named(OUTCOMES_CSV.name, cross_table_problems(outcomes, treatments))
        problems += named("treatments.csv", stored_result_problems(outcomes, treatments))
    references = data_dir / "references.csv"
    if treatments is not None and references.exists():
        problems += named(
            references.name,
            unknown_treatments(read_cells(references.read_bytes()), treatments["treatment_id"]),
        )
    return problems
