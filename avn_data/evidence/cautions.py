"""Personal cautions (data/cautions.csv): which treatments to avoid or discuss, and when."""

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from avn_data.tables import columns as col
from avn_data.tables.conditions import CONDITIONS_CSV, condition_labels
from avn_data.tables.load import BUNDLED_TABLE, load_table, load_treatments
from avn_data.tables.paths import DATA_DIR, fresh
from avn_data.tables.schema import TableSpec
from avn_data.view.filters import SLUG_FENCE

# Several cautions for one treatment, in one cell.
CAUTION_SEPARATOR = " | "

CAUTIONS_CSV = DATA_DIR / "cautions.csv"
# Per condition of the person, its label and each (treatment name, reason) it cautions.
CautionLines = list[tuple[str, list[tuple[str, str]]]]
LEVELS = ("avoid", "discuss")


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


def _read_cautions(path: Path) -> pd.DataFrame:
    return load_table(path.read_bytes(), caution_spec(tuple(condition_labels())))


def load_cautions(path: Path = CAUTIONS_CSV) -> pd.DataFrame:
    """The validated cautions; raises TableError naming each bad row and column."""
    return fresh(_read_cautions, path, depends_on=(CONDITIONS_CSV,))


def _read_flagged(path: Path) -> pd.DataFrame:
    return with_caution_columns(load_treatments(path), load_cautions())


def flagged_treatments(path: Path = BUNDLED_TABLE) -> pd.DataFrame:
    """The treatment table at `path` with its caution columns; raises TableError or OSError."""
    return fresh(_read_flagged, path, depends_on=(CAUTIONS_CSV, CONDITIONS_CSV))


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
    joined = text.groupby("treatment_id")["line"].agg(CAUTION_SEPARATOR.join)
    return _per_treatment(treatment_ids, joined)


def caution_levels(
    treatment_ids: pd.Series, cautions: pd.DataFrame, situation: tuple[str, ...]
) -> pd.Series:
    """Per treatment, the strongest caution for the situation: 'avoid', 'discuss' or ''."""
    matching = cautions[cautions["condition"].isin(situation)]
    strongest = matching.groupby("treatment_id")["level"].agg(
        lambda levels: "avoid" if (levels == "avoid").any() else "discuss"
    )
    return _per_treatment(treatment_ids, strongest)


def _per_treatment(treatment_ids: pd.Series, by_treatment: pd.Series) -> pd.Series:
    """`by_treatment`'s text for each of `treatment_ids`, '' for the rest."""
    if by_treatment.empty:
        # The usual case (no situation chosen): no lookup over a long table's ids.
        return pd.Series("", index=treatment_ids.index, dtype=object)
    return treatment_ids.map(by_treatment).astype(object).fillna("")


def cautions_by_condition(
    cautions: pd.DataFrame, treatments: pd.DataFrame, situation: tuple[str, ...], level: str
) -> CautionLines:
    """For one level ('avoid' or 'discuss'), one entry per condition of the person: its label
    and each treatment in `treatments` it applies to, with the reason."""
    labels = condition_labels()
    names = dict(zip(treatments["treatment_id"], treatments["name"], strict=True))
    matching = cautions[
        (cautions["level"] == level)
        & cautions["condition"].isin(situation)
        & cautions["treatment_id"].isin(names)
    ]
    return [
        (labels[str(condition)], [(names[tid], reason) for tid, reason in zip(
            rows["treatment_id"], rows["reason"], strict=True)])
        for condition, rows in matching.groupby("condition", sort=False)
    ]  # fmt: skip
