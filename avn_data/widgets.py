"""The sidebar's widget values and the filter spec, converted both ways without Streamlit."""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from avn_data import columns as col
from avn_data.filters import FilterSpec
from avn_data.page_state import WEIGHT_KEYS, PageState
from avn_data.ranking import Weights

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
    "situation": [],
    "hide_avoid": False,
    "treatment": None,
    "compare": [],
    **{key: getattr(Weights(), name) for key, name in WEIGHT_KEYS.items()},
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
        "situation": list(spec.situation),
        "hide_avoid": spec.hide_avoid,
    }


def page_widget_state(state: PageState) -> dict[str, Any]:
    """The value of every widget on the page for a whole view."""
    return {
        **widget_state(state.filters),
        "treatment": state.treatment,
        "compare": list(state.compare),
        **{key: getattr(state.weights, name) for key, name in WEIGHT_KEYS.items()},
    }


def page_from_widgets(values: Mapping[str, Any]) -> PageState:
    """The view the widgets describe."""
    weights = {
        name: int(values.get(key, WIDGET_DEFAULTS[key])) for key, name in WEIGHT_KEYS.items()
    }
    return PageState(
        filters=spec_from_widgets(values),
        treatment=values.get("treatment") or None,
        compare=tuple(values.get("compare") or ()),
        weights=Weights(**weights),
    )


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
        situation=tuple(state.get("situation") or ()),
        hide_avoid=bool(state.get("hide_avoid")),
    )


def stage_counts(table: pd.DataFrame, spec: FilterSpec) -> dict[int, int]:
    """For each stage, how many rows the other filters keep that apply at that stage."""
    base = table.loc[replace(spec, stage=None).mask(table), ["stage_min", "stage_max"]]
    return {
        stage: int((base["stage_min"].le(stage) & base["stage_max"].ge(stage)).sum())
        for stage in col.STAGE_LABELS
    }


def category_counts(table: pd.DataFrame, spec: FilterSpec) -> dict[str, int]:
    """For each category, how many rows the other filters keep in it."""
    counts = table.loc[replace(spec, category=()).mask(table), "category"].value_counts()
    return {category: int(counts.get(category, 0)) for category in col.CATEGORIES}
