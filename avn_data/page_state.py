"""Everything a link holds: the filters, the treatment opened, the comparison and the priorities."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from avn_data.filters import FilterSpec, from_query
from avn_data.ranking import Weights, parse_weight

MAX_COMPARE = 4
# URL key for each priority weight; the weights' own names are longer than a link needs.
WEIGHT_KEYS = {
    "mind_invasiveness": "invasiveness",
    "mind_side_effects": "side_effect_burden",
    "mind_time": "time_cost",
    "mind_evidence": "evidence_gap",
}
PAGE_KEYS = ("treatment", "compare", *WEIGHT_KEYS)


@dataclass(frozen=True)
class PageState:
    """The whole view: what a copied link reopens."""

    filters: FilterSpec = field(default_factory=FilterSpec)
    treatment: str | None = None
    compare: tuple[str, ...] = ()
    weights: Weights = field(default_factory=Weights)

    def to_query(self) -> dict[str, str | list[str]]:
        """URL parameters for everything that differs from the default view."""
        query = self.filters.to_query()
        if self.treatment:
            query["treatment"] = self.treatment
        if self.compare:
            query["compare"] = list(self.compare)
        defaults = Weights()
        for key, name in WEIGHT_KEYS.items():
            if getattr(self.weights, name) != getattr(defaults, name):
                query[key] = str(getattr(self.weights, name))
        return query


def _last(raw: str | Sequence[str]) -> str:
    return raw if isinstance(raw, str) else (list(raw) or [""])[-1]


def _all(raw: str | Sequence[str]) -> list[str]:
    return [raw] if isinstance(raw, str) else list(raw)


def _weight(key: str, text: str, notices: list[str]) -> int | None:
    try:
        return parse_weight(text)
    except ValueError as error:
        notices.append(f"Ignored {key}={text[:40]!r}: {key} {error}.")
        return None


def page_from_query(
    params: Mapping[str, str | Sequence[str]], treatment_ids: Collection[str]
) -> tuple[PageState, list[str]]:
    """The view a link describes, and a notice for every part that could not be used."""
    spec, notices = from_query(params, ignore=PAGE_KEYS)
    state = PageState(filters=spec)
    treatment = _last(params.get("treatment", "")).strip()
    if treatment and treatment in treatment_ids:
        state = replace(state, treatment=treatment)
    elif treatment:
        notices.append(f"There is no treatment '{treatment[:40]}' in this table.")
    compare = []
    for item in (text.strip() for text in _all(params.get("compare", []))):
        if item not in treatment_ids:
            notices.append(f"Left out '{item[:40]}' from the comparison: no such treatment.")
        elif item not in compare:
            compare.append(item)
    if len(compare) > MAX_COMPARE:
        notices.append(f"A comparison holds at most {MAX_COMPARE} treatments; kept the first.")
    weights = {}
    for key, name in WEIGHT_KEYS.items():
        if key in params and (value := _weight(key, _last(params[key]), notices)) is not None:
            weights[name] = value
    return replace(
        state, compare=tuple(compare[:MAX_COMPARE]), weights=replace(Weights(), **weights)
    ), notices
