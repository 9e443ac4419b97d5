"""The sidebar's widget values and the filter spec, converted both ways without Streamlit."""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from avn_data import columns as col
from avn_data.filters import FilterSpec

# Widget keys are the spec's field names, so a URL key, a CLI flag and a widget share one name.
WIDGET_DEFAULTS: dict[str, Any] = {
    "stage": None,
    "category": [],
    "max_invasiveness": col.SCORE_MAX,
    "max_side_effects": col.SCORE_MAX,
    "max_weeks": None,
    "evidence": col.EVIDENCE_LEVELS[0],
    "q": "",
    "surgical": False,
}


def widget_state(spec: FilterSpec) -> dict[str, Any]:
    """The value each sidebar widget shows for `spec`."""
    return {
        "stage": spec.stage,
        "category": list(spec.category),
        "max_invasiveness": col.SCORE_MAX
        if spec.max_invasiveness is None
        else spec.max_invasiveness,
        "max_side_effects": col.SCORE_MAX
        if spec.max_side_effects is None
        else spec.max_side_effects,
        "max_weeks": spec.max_weeks,
        "evidence": spec.evidence or col.EVIDENCE_LEVELS[0],
        "q": spec.q,
        "surgical": spec.surgical,
    }


def spec_from_widgets(state: Mapping[str, Any]) -> FilterSpec:
    """The spec the widgets describe; a widget at its widest setting filters nothing."""

    def loosest_is_none(value: Any, loosest: Any) -> Any:
        return None if value == loosest else value

    return FilterSpec(
        stage=state.get("stage"),
        category=tuple(state.get("category") or ()),
        max_invasiveness=loosest_is_none(state.get("max_invasiveness"), col.SCORE_MAX),
        max_side_effects=loosest_is_none(state.get("max_side_effects"), col.SCORE_MAX),
        max_weeks=None if state.get("max_weeks") is None else float(state["max_weeks"]),
        evidence=loosest_is_none(state.get("evidence"), col.EVIDENCE_LEVELS[0]),
        q=(state.get("q") or "").strip(),
        surgical=bool(state.get("surgical")),
    )


def stage_counts(table: pd.DataFrame, spec: FilterSpec) -> dict[int, int]:
    """For each stage, how many rows the other filters keep that apply at that stage."""
    base = replace(spec, stage=None).apply(table)
    return {
        stage: int((base["stage_min"].le(stage) & base["stage_max"].ge(stage)).sum())
        for stage in col.STAGE_LABELS
    }


def category_counts(table: pd.DataFrame, spec: FilterSpec) -> dict[str, int]:
    """For each category, how many rows the other filters keep in it."""
    counts = replace(spec, category=()).apply(table)["category"].value_counts()
    return {category: int(counts.get(category, 0)) for category in col.CATEGORIES}
