"""Personal cautions (data/cautions.csv): which treatments to avoid or discuss, and when."""

import csv
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from avn_data import columns as col
from avn_data.load import DATA_DIR, load_table
from avn_data.schema import TableSpec

CAUTIONS_CSV = DATA_DIR / "cautions.csv"
CONDITIONS_CSV = DATA_DIR / "conditions.csv"
LEVELS = ("avoid", "discuss")
# Delimits condition slugs inside one cell so a contains() test cannot match a partial slug.
SLUG_FENCE = "|"


@cache
def condition_labels(path: Path = CONDITIONS_CSV) -> dict[str, str]:
    """Each situation's slug and its plain label, in the file's order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["condition"]: row["label"] for row in csv.DictReader(handle)}


def parse_condition(text: str) -> str:
    """A known situation slug."""
    slug = text.strip().lower()
    if slug not in condition_labels():
        raise ValueError("must be one of: " + ", ".join(condition_labels()))
    return slug


def caution_spec(conditions: tuple[str, ...]) -> TableSpec:
    """The cautions table's rules, with the situations it may name."""
    schema = pa.DataFrameSchema(
        {
            "treatment_id": pa.Column(str, pa.Check.str_matches(col.ID_PATTERN)),
            "condition": pa.Column(str, pa.Check.isin(conditions)),
            "level": pa.Column(str, pa.Check.isin(LEVELS)),
        },
        unique=["treatment_id", "condition"],
        strict=False,
    )
    return TableSpec(
        title="cautions table",
        schema=schema,
        required=("treatment_id", "condition", "level", "reason", "source"),
        expectations={
            "treatment_id": "an id of lowercase letters, digits and single hyphens",
            "condition": "one of: " + ", ".join(conditions),
            "level": "avoid or discuss",
        },
    )


def load_cautions(path: Path = CAUTIONS_CSV) -> pd.DataFrame:
    """The validated cautions; raises TableError naming each bad row and column."""
    return load_table(Path(path).read_bytes(), caution_spec(tuple(condition_labels())))


def with_caution_columns(table: pd.DataFrame, cautions: pd.DataFrame) -> pd.DataFrame:
    """The table plus `avoid_for` and `discuss_for`: the fenced situation slugs of each row."""
    derived = {}
    for level in LEVELS:
        rows = cautions[cautions["level"] == level]
        slugs = rows.groupby("treatment_id")["condition"].agg(
            lambda conditions: SLUG_FENCE + SLUG_FENCE.join(sorted(conditions)) + SLUG_FENCE
        )
        derived[f"{level}_for"] = table["treatment_id"].map(slugs).astype(object).fillna("")
    return table.assign(**derived)


def conflicts(table: pd.DataFrame, situation: tuple[str, ...], level: str) -> pd.Series:
    """True for each row that has a caution of `level` for any of the person's situations."""
    column = f"{level}_for"
    hits = pd.Series(False, index=table.index)
    if column not in table.columns:
        return hits
    for slug in situation:
        hits |= table[column].str.contains(f"{SLUG_FENCE}{slug}{SLUG_FENCE}", regex=False)
    return hits


def cautions_for_you(
    treatment_ids: pd.Series, cautions: pd.DataFrame, situation: tuple[str, ...]
) -> pd.Series:
    """Per treatment, the cautions that match the situation in words ('' when none)."""
    labels = condition_labels()
    matching = cautions[cautions["condition"].isin(situation)].sort_values("level", kind="stable")
    text = matching.assign(
        line=matching["level"].str.capitalize()
        + " ("
        + matching["condition"].map(labels)
        + "): "
        + matching["reason"]
    )
    joined = text.groupby("treatment_id")["line"].agg(" | ".join)
    return treatment_ids.map(joined).astype(object).fillna("")
