"""Builders for test tables: a valid row, CSV bytes from rows, and a small known table; and the
bundled data files read plainly with the csv module, as an oracle independent of the app's loader."""

import csv
import io
from pathlib import Path

import pandas as pd

from avn_data.evidence.outcomes import NUMBER_COLUMNS, OUTCOME_COLUMNS
from avn_data.tables.columns import TABLE_COLUMNS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_rows(file_name: str) -> list[dict[str, str]]:
    """Every row of data/`file_name` as text cells, read with the csv module."""
    with (DATA_DIR / file_name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def rubric_words() -> dict[str, dict[int, str]]:
    """data/rubric.csv as {scale: {level: meaning}}."""
    words: dict[str, dict[int, str]] = {}
    for row in data_rows("rubric.csv"):
        words.setdefault(row["scale"], {})[int(row["level"])] = row["meaning"]
    return words


def make_row(**overrides: object) -> dict[str, object]:
    """A valid row; keyword arguments replace single cells."""
    row: dict[str, object] = {
        "treatment_id": "example",
        "name": "Example treatment",
        "category": "Medication",
        "surgical": "false",
        "in_source_article": "true",
        "how_it_works": "It works.",
        "regimen": "Once a week.",
        "joints": "hip",
        "invasiveness": 1,
        "duration_weeks_min": 4,
        "duration_weeks_max": 12,
        "stage_min": 1,
        "stage_max": 2,
        "side_effect_burden": 1,
        "side_effects": "Mild.",
        "cautions": "None known.",
        "evidence_certainty": "low",
        "evidence_summary": "One small trial.",
        "article_claim": "Not discussed in the source article.",
        "score_basis": "Rubric.",
        "questions_to_ask": "Is it for me?",
        "sources": "Someone 2020",
        "source_urls": "https://example.org/study",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict[str, object]], columns: tuple[str, ...] = TABLE_COLUMNS) -> bytes:
    """The rows as a CSV file, written the way pandas and Python's csv module write it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Scores chosen so each filter in the tests keeps a different, known subset.
SMALL_TABLE_ROWS = [
    make_row(treatment_id="pills", name="Pills", category="Medication", invasiveness=1,
             duration_weeks_min=25, duration_weeks_max=156, stage_min=1, stage_max=3,
             side_effect_burden=3, evidence_certainty="low", sources="Lai 2005"),
    make_row(treatment_id="shots", name="Shots", category="Injection", invasiveness=3,
             duration_weeks_min=4, duration_weeks_max=8, stage_min=1, stage_max=2,
             side_effect_burden=1, evidence_certainty="very low",
             side_effects="Brief soreness at the injection site."),
    make_row(treatment_id="walk", name="Crutches", category="Movement & offloading",
             invasiveness=0, duration_weeks_min=6, duration_weeks_max=26, stage_min=1,
             stage_max=3, side_effect_burden=0, evidence_certainty="low"),
    make_row(treatment_id="wait", name="Watchful waiting", category="Observation",
             invasiveness=0, duration_weeks_min=26, duration_weeks_max=52, stage_min=0,
             stage_max=2, side_effect_burden=0, evidence_certainty="moderate",
             in_source_article="false"),
    make_row(treatment_id="drill", name="Core decompression", category="Surgery",
             surgical="true", invasiveness=3, duration_weeks_min=6, duration_weeks_max=13,
             stage_min=1, stage_max=2, side_effect_burden=4, evidence_certainty="low",
             in_source_article="false"),
    make_row(treatment_id="new-hip", name="Hip replacement", category="Surgery",
             surgical="true", invasiveness=4, duration_weeks_min=12, duration_weeks_max=21,
             stage_min=3, stage_max=4, side_effect_burden=4, evidence_certainty="moderate",
             in_source_article="false"),
]  # fmt: skip


def outcome_row(**overrides: object) -> dict[str, object]:
    """A valid outcome row; keyword arguments replace single cells."""
    row: dict[str, object] = dict.fromkeys(OUTCOME_COLUMNS, "")
    row.update(
        outcome_id="example-collapse",
        treatment_id="prp-injection",
        aim="disease",
        outcome="collapse",
        finding="2 of 29 hips collapsed.",
        population="Adults with early AVN of the hip",
        joint="hip",
        stage_min=1,
        stage_max=2,
        cause="any",
        symptoms="any",
        horizon_months=24,
        unit="hips",
        treated_events=2,
        treated_n=29,
        comparator="no treatment",
        comparator_events=19,
        comparator_n=25,
        direction="favours",
        design="RCT",
        certainty="low",
        comparison="inactive",
        evidence_from="avn",
        source="Someone 2005 (PMID 16203877)",
        study_id="PMID 16203877",
        read_in="abstract",
        quote="collapse in 2 of 29 hips",
    )
    row.update(overrides)
    return row


def no_data_row(treatment_id: str, **overrides: object) -> dict[str, object]:
    """An explicit 'no outcome data' row for `treatment_id`."""
    values = {
        **dict.fromkeys(("joint", "unit", *NUMBER_COLUMNS), ""),
        "outcome_id": f"{treatment_id}-no-data",
        "treatment_id": treatment_id,
        "outcome": "no outcome data",
        "finding": "No study has measured it in AVN.",
        "comparator": "none",
        "comparison": "none",
        "study_id": "",
        "direction": "no data",
        "design": "none",
        "certainty": "none",
        **overrides,
    }
    return outcome_row(**values)


def outcomes_bytes(rows: list[dict[str, object]], columns=OUTCOME_COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def outcome_frame(*rows: dict) -> "pd.DataFrame":
    """The rows as the loader types them: text cells, stages as numbers or missing. Built
    directly, as the property tests build thousands (the loader is tested on its own, and
    test_verdict checks that the two agree)."""
    frame = pd.DataFrame(list(rows), columns=OUTCOME_COLUMNS).fillna("").astype(str)
    stages = {
        name: pd.to_numeric(frame[name], errors="coerce") for name in ("stage_min", "stage_max")
    }
    return frame.assign(**stages)
