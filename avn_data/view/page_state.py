"""Everything a link holds (filters, aims, priorities, the treatment opened, the comparison),
and the widget values that show it."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from avn_data.evidence.ranking import Weights, parse_weight
from avn_data.tables.parsing import parse_aim
from avn_data.view.filters import (
    FILTERS,
    NOTICE_TEXT_LIMIT,
    FilterSpec,
    WidgetValues,
    from_query,
    spec_from_widgets,
)

Parsed = TypeVar("Parsed")
MAX_COMPARE = 4
# URL key for each priority weight; the weights' own names are longer than a link needs.
WEIGHT_KEYS = {
    "mind_invasiveness": "invasiveness",
    "mind_side_effects": "side_effect_burden",
    "mind_time": "time_cost",
    "mind_evidence": "evidence_gap",
}
AIM_KEY = "aim"
PAGE_KEYS = ("treatment", "compare", AIM_KEY, *WEIGHT_KEYS)


@dataclass(frozen=True)
class PageState:
    """The whole view: what a copied link reopens."""

    filters: FilterSpec = field(default_factory=FilterSpec)
    treatment: str | None = None
    compare: tuple[str, ...] = ()
    aims: tuple[str, ...] = ()
    weights: Weights = field(default_factory=Weights)

    def to_query(self) -> dict[str, str | list[str]]:
        """URL parameters for everything that differs from the default view."""
        query = self.filters.to_query()
        if self.aims:
            query[AIM_KEY] = list(self.aims)
        defaults = Weights()
        for key, name in WEIGHT_KEYS.items():
            if getattr(self.weights, name) != getattr(defaults, name):
                query[key] = str(getattr(self.weights, name))
        if self.treatment:
            query["treatment"] = self.treatment
        if self.compare:
            query["compare"] = list(self.compare)
        return query

    def widget_values(self) -> dict[str, Any]:
        """The value of every widget on the page for this view."""
        return {
            **self.filters.widget_values(),
            AIM_KEY: list(self.aims),
            "treatment": self.treatment,
            "compare": list(self.compare),
            **{key: getattr(self.weights, name) for key, name in WEIGHT_KEYS.items()},
        }


WIDGET_DEFAULTS: dict[str, Any] = PageState().widget_values()
# What "Reset filters" puts back: the view's filters, not the person's situation or priorities.
RESETTABLE = tuple(f.key for f in FILTERS if not f.personal)


def page_from_widgets(values: WidgetValues) -> PageState:
    """The view the widgets describe."""
    weights = {
        name: int(values.get(key, WIDGET_DEFAULTS[key])) for key, name in WEIGHT_KEYS.items()
    }
    return PageState(
        filters=spec_from_widgets(values),
        treatment=values.get("treatment") or None,
        compare=tuple(values.get("compare") or ()),
        aims=tuple(values.get(AIM_KEY) or ()),
        weights=Weights(**weights),
    )


def _last(raw: str | Sequence[str]) -> str:
    return raw if isinstance(raw, str) else (list(raw) or [""])[-1]


def _all(raw: str | Sequence[str]) -> list[str]:
    return [raw] if isinstance(raw, str) else list(raw)


def _parsed(
    key: str, text: str, parse: Callable[[str], Parsed], notices: list[str]
) -> Parsed | None:
    try:
        return parse(text)
    except ValueError as error:
        notices.append(f"Ignored {key}={text[:NOTICE_TEXT_LIMIT]!r}: {key} {error}.")
        return None


def page_from_query(
    params: Mapping[str, str | Sequence[str]], treatment_ids: Collection[str]
) -> tuple[PageState, list[str]]:
    """The view a link describes, and a notice for every part that could not be used."""
    spec, notices = from_query(params, ignore=PAGE_KEYS)
    treatment = _last(params.get("treatment", "")).strip()
    if treatment and treatment not in treatment_ids:
        notices.append(f"There is no treatment '{treatment[:NOTICE_TEXT_LIMIT]}' in this table.")
        treatment = ""
    compare = []
    for item in (text.strip() for text in _all(params.get("compare", []))):
        if item not in treatment_ids:
            notices.append(
                f"Left out '{item[:NOTICE_TEXT_LIMIT]}' from the comparison: no such treatment."
            )
        elif item not in compare:
            compare.append(item)
    if len(compare) > MAX_COMPARE:
        notices.append(f"A comparison holds at most {MAX_COMPARE} treatments; kept the first.")
    aims = [_parsed(AIM_KEY, text, parse_aim, notices) for text in _all(params.get(AIM_KEY, []))]
    weights = {}
    for key, name in WEIGHT_KEYS.items():
        if key in params:
            value = _parsed(key, _last(params[key]), parse_weight, notices)
            if value is not None:
                weights[name] = value
    return PageState(
        filters=spec,
        treatment=treatment or None,
        compare=tuple(compare[:MAX_COMPARE]),
        aims=tuple(dict.fromkeys(aim for aim in aims if aim is not None)),
        weights=replace(Weights(), **weights),
    ), notices
