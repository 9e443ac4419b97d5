"""The results a person sees: filtered, ranked, flagged rows, and the columns shown and exported."""

from collections.abc import Sequence

import pandas as pd

from avn_data.cautions import cautions_for_you
from avn_data.columns import TABLE_COLUMNS
from avn_data.filters import FilterSpec, stage_range_label
from avn_data.ranking import Weights, ranked

DEFAULT_VIEW_COLUMNS = (
    "name",
    "fit",
    "not_beaten",
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
SITUATION_COLUMN = "cautions_for_you"
DEFAULT_WEIGHTS = Weights()
DERIVED_COLUMNS = ("applicable_stages", "fit", "not_beaten", SITUATION_COLUMN)
ALL_VIEW_COLUMNS = tuple(dict.fromkeys([*DEFAULT_VIEW_COLUMNS, SITUATION_COLUMN, *TABLE_COLUMNS]))


# What ranking reads; everything else is copied once, after the order is known.
RANK_INPUTS = (
    "name",
    "invasiveness",
    "side_effect_burden",
    "duration_weeks_min",
    "duration_weeks_max",
    "evidence_certainty",
)
# What the charts draw, whatever columns the table shows.
CHART_COLUMNS = ("treatment_id", "category", "stage_min", "stage_max", "not_beaten", *RANK_INPUTS)


def results(
    table: pd.DataFrame,
    spec: FilterSpec,
    weights: Weights = DEFAULT_WEIGHTS,
    cautions: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rows the spec keeps, best fit first, with the derived columns filled.

    `columns` limits which of the table's own columns come along: copying long text columns
    is most of the cost on a big table, so they are copied once, only for the kept rows.
    """
    scored = ranked(table.loc[spec.mask(table), list(RANK_INPUTS)], weights)
    wanted = [
        name
        for name in dict.fromkeys(table.columns if columns is None else columns)
        if name in table.columns and name not in scored.columns
    ]
    rows = pd.concat([table.loc[scored.index, wanted], scored], axis=1)
    labels = [
        stage_range_label(low, high)
        for low, high in zip(
            table.loc[scored.index, "stage_min"], table.loc[scored.index, "stage_max"], strict=True
        )
    ]
    matched = (
        cautions_for_you(table.loc[scored.index, "treatment_id"], cautions, spec.situation)
        if cautions is not None
        else pd.Series("", index=rows.index, dtype=object)
    )
    return rows.assign(
        applicable_stages=pd.Series(labels, index=rows.index, dtype=object),
        cautions_for_you=matched,
    ).reset_index(drop=True)


def default_columns(spec: FilterSpec) -> list[str]:
    """Columns shown until the person picks others; their cautions once they give a situation."""
    columns = list(DEFAULT_VIEW_COLUMNS)
    if spec.situation:
        columns.insert(columns.index("invasiveness"), SITUATION_COLUMN)
    return columns


def view_frame(rows: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Exactly `columns` of the results, in that order."""
    return rows.loc[:, list(columns)]


def chosen(
    table: pd.DataFrame,
    treatment_ids: Sequence[str],
    spec: FilterSpec,
    weights: Weights = DEFAULT_WEIGHTS,
    cautions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The named treatments in the order given, whatever the filters, with derived columns."""
    picked = table[table["treatment_id"].isin(treatment_ids)]
    every = FilterSpec(surgical=True, situation=spec.situation)
    rows = results(picked, every, weights, cautions).set_index("treatment_id", drop=False)
    return rows.loc[[tid for tid in treatment_ids if tid in rows.index]].reset_index(drop=True)
