"""The columns a person sees, derived ones included: one frame for the table and the export."""

from collections.abc import Sequence

import pandas as pd

from avn_data.columns import STAGE_LABELS

DEFAULT_VIEW_COLUMNS = (
    "name",
    "applicable_stages",
    "invasiveness",
    "side_effect_burden",
    "duration_weeks_min",
    "duration_weeks_max",
    "evidence_certainty",
    "category",
    "side_effects",
    "cautions",
    "sources",
    "treatment_id",
)
DERIVED_COLUMNS = ("applicable_stages",)


def stage_range_label(stage_min: int, stage_max: int) -> str:
    """'I–III' for 1 to 3; a single stage reads 'II'."""
    low, high = STAGE_LABELS[stage_min], STAGE_LABELS[stage_max]
    return low if stage_min == stage_max else f"{low}–{high}"


def with_derived_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table plus its display-only columns."""
    labels = [
        stage_range_label(low, high)
        for low, high in zip(table["stage_min"], table["stage_max"], strict=True)
    ]
    return table.assign(applicable_stages=pd.Series(labels, index=table.index, dtype=object))


def view_frame(table: pd.DataFrame, columns: Sequence[str] = DEFAULT_VIEW_COLUMNS) -> pd.DataFrame:
    """The rows of `table` with exactly `columns`, in that order, derived ones computed."""
    frame = with_derived_columns(table) if set(DERIVED_COLUMNS) & set(columns) else table
    return frame.loc[:, list(columns)].reset_index(drop=True)
