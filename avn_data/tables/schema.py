"""The treatment table's schema: types, ranges and allowed values, as a pandera schema."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from avn_data.tables import columns as col
from avn_data.tables.conditions import cause_labels


@dataclass(frozen=True)
class TableSpec:
    """What a table must hold, and how to explain each column's rule to a person."""

    title: str
    schema: pa.DataFrameSchema
    required: tuple[str, ...]
    expectations: dict[str, str]
    optional_text: tuple[str, ...] = ()
    int_columns: tuple[str, ...] = ()
    float_columns: tuple[str, ...] = ()
    bool_columns: tuple[str, ...] = ()
    # Number columns whose cells may be left empty (= unknown); they load as float NaN.
    nullable: tuple[str, ...] = ()
    ordered_pairs: tuple[tuple[str, str], ...] = field(default=())
    # Rules across columns: each gives (row index, column, message) for every row it fails.
    row_rules: tuple[Callable[[pd.DataFrame], list[tuple[Any, str, str]]], ...] = ()


def ordered_pair_check(low: str, high: str) -> pa.Check:
    """A row-wise check that `low` does not exceed `high` (skipped when either is unknown);
    its name is parsed back in validate."""

    def holds(frame: pd.DataFrame) -> pd.Series:
        unknown = frame[low].isna() | frame[high].isna()
        return unknown | (frame[low] <= frame[high]).fillna(False).astype(bool)

    return pa.Check(holds, name=f"{low}<={high}")


def _score(low: int, high: int) -> pa.Column:
    return pa.Column(int, pa.Check.in_range(low, high))


def _weeks() -> pa.Column:
    return pa.Column(float, [pa.Check.ge(0), pa.Check(np.isfinite, name="finite")])


def per_distinct_cell(cells: pd.Series, function: Callable[[str], Any]) -> pd.Series:
    """`function` of each cell, called once per distinct cell: a long table repeats a few
    values, and a Python call per row cost 0.3-0.7 s a column at 100k rows."""
    return cells.map({cell: function(cell) for cell in pd.unique(cells)})


def _items(cell: str) -> list[str]:
    return [item.strip() for item in str(cell).split(";") if item.strip()]


def _listed_from(allowed: Callable[[], Sequence[str]], name: str) -> pa.Column:
    """A '; '-separated list column whose every item is one of `allowed()` (may be empty)."""

    def every_item_allowed(cells: pd.Series) -> pd.Series:
        # Asked once per column, not per cell: the vocabulary comes from a data file.
        vocabulary = set(allowed())
        return per_distinct_cell(cells, lambda cell: set(_items(cell)) <= vocabulary).astype(bool)

    return pa.Column(str, pa.Check(every_item_allowed, name=f"{name}_vocabulary"))


def _causes() -> tuple[str, ...]:
    return ("any", *cause_labels())


TREATMENT_PAIRS = (("duration_weeks_min", "duration_weeks_max"), ("stage_min", "stage_max"))
# Left empty when nobody recorded the harms or the course (e.g. PEMF, osteotomy recovery).
TREATMENT_NULLABLE = ("side_effect_burden", "duration_weeks_min", "duration_weeks_max")

TREATMENT_SCHEMA = pa.DataFrameSchema(
    {
        "treatment_id": pa.Column(str, pa.Check.str_matches(col.ID_PATTERN), unique=True),
        "name": pa.Column(str),
        "category": pa.Column(str, pa.Check.isin(col.CATEGORIES)),
        "surgical": pa.Column(bool),
        "in_source_article": pa.Column(bool),
        "invasiveness": _score(col.SCORE_MIN, col.SCORE_MAX),
        "duration_weeks_min": _weeks(),
        "duration_weeks_max": _weeks(),
        "stage_min": _score(col.STAGE_MIN, col.STAGE_MAX),
        "stage_max": _score(col.STAGE_MIN, col.STAGE_MAX),
        "side_effect_burden": _score(col.SCORE_MIN, col.SCORE_MAX),
        "evidence_certainty": pa.Column(str, pa.Check.isin(col.EVIDENCE_LEVELS)),
        "aims": _listed_from(lambda: col.AIMS, "aims"),
        "joints": _listed_from(lambda: col.JOINTS, "joints"),
        "causes_studied": _listed_from(_causes, "causes"),
        "not_effective_in": _listed_from(_causes, "causes"),
    },
    checks=[ordered_pair_check(low, high) for low, high in TREATMENT_PAIRS],
    strict=False,
)

_SCORE_RULE = f"a whole number from {col.SCORE_MIN} to {col.SCORE_MAX}"
_STAGE_RULE = f"a stage from {col.STAGE_MIN} (at risk) to {col.STAGE_MAX}, or I to IV (ARCO 2019)"
_BOOL_RULE = "true or false (yes/no and 1/0 work too)"

TREATMENTS = TableSpec(
    title="treatment table",
    schema=TREATMENT_SCHEMA,
    required=col.REQUIRED_COLUMNS,
    optional_text=col.OPTIONAL_TEXT_COLUMNS,
    int_columns=col.INT_COLUMNS,
    float_columns=col.FLOAT_COLUMNS,
    bool_columns=col.BOOL_COLUMNS,
    ordered_pairs=TREATMENT_PAIRS,
    nullable=TREATMENT_NULLABLE,
    expectations={
        "treatment_id": "a unique id of lowercase letters, digits and single hyphens, "
        "like 'prp-injection'",
        "category": "one of: " + ", ".join(col.CATEGORIES),
        "surgical": _BOOL_RULE,
        "in_source_article": _BOOL_RULE,
        "invasiveness": _SCORE_RULE,
        "side_effect_burden": _SCORE_RULE + ", or empty when unknown",
        "stage_min": _STAGE_RULE,
        "stage_max": _STAGE_RULE,
        "duration_weeks_min": "a number of weeks, 0 or more, or empty when unknown",
        "duration_weeks_max": "a number of weeks, 0 or more, or empty when unknown",
        "evidence_certainty": "one of: " + ", ".join(col.EVIDENCE_LEVELS),
        "aims": "a list of aims separated by '; ', each one of: " + ", ".join(col.AIMS),
        "joints": "a list of joints separated by '; ', each one of: " + ", ".join(col.JOINTS),
        "causes_studied": "'any', or a list of causes separated by '; ' (see the causes table)",
        "not_effective_in": "empty, or a list of causes separated by '; ' (see the causes table)",
    },
)
