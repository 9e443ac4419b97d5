"""The filter spec: applies itself, says itself in English, lives in URLs and CLI flags."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from avn_data import columns as col
from avn_data.cautions import condition_labels, conflicts, parse_condition

ROMAN_STAGES = {label.lower(): stage for stage, label in col.STAGE_LABELS.items()}
SEARCH_COLUMNS = (
    "name",
    "category",
    "how_it_works",
    "regimen",
    "side_effects",
    "cautions",
    "evidence_summary",
    "sources",
)
MAX_QUERY_LENGTH = 100


def parse_stage(text: str) -> int:
    """A stage from '2' or 'II' (any case), 0–4."""
    cleaned = text.strip().lower()
    stage = ROMAN_STAGES.get(cleaned)
    if stage is None and re.fullmatch(r"\d", cleaned):
        stage = int(cleaned)
    if stage is None or not col.STAGE_MIN <= stage <= col.STAGE_MAX:
        raise ValueError("must be 0–4 or I–IV")
    return stage


def parse_score(text: str) -> int:
    """A whole score from 0 to 4."""
    if not re.fullmatch(r"\s*\d\s*", text) or not col.SCORE_MIN <= int(text) <= col.SCORE_MAX:
        raise ValueError(f"must be a whole number from {col.SCORE_MIN} to {col.SCORE_MAX}")
    return int(text)


def parse_weeks(text: str) -> float:
    """A number of weeks, 0 or more, below ten years."""
    try:
        weeks = float(text)
    except ValueError:
        raise ValueError("must be a number of weeks") from None
    if not 0 <= weeks <= 520:
        raise ValueError("must be a number of weeks from 0 to 520")
    return weeks


def parse_category(text: str) -> str:
    """One of the fixed categories, matched without regard to case."""
    by_lower = {category.lower(): category for category in col.CATEGORIES}
    try:
        return by_lower[text.strip().lower()]
    except KeyError:
        raise ValueError("must be one of: " + ", ".join(col.CATEGORIES)) from None


def parse_evidence(text: str) -> str:
    """An evidence word; 'very-low' and 'very_low' are read as 'very low'."""
    word = re.sub(r"[-_+\s]+", " ", text.strip().lower())
    if word not in col.EVIDENCE_LEVELS:
        raise ValueError("must be one of: " + ", ".join(col.EVIDENCE_LEVELS))
    return word


def parse_query(text: str) -> str:
    """Search text, trimmed to a sane length."""
    return text.strip()[:MAX_QUERY_LENGTH]


def parse_flag(text: str) -> bool:
    """true/false, yes/no, 1/0 or on/off."""
    word = text.strip().lower()
    if word in {"true", "yes", "1", "on"}:
        return True
    if word in {"false", "no", "0", "off", ""}:
        return False
    raise ValueError("must be true or false")


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _field(default: Any, parse: Callable[[str], Any], **metadata: Any) -> Any:
    factory = {"default_factory": tuple} if default == () else {"default": default}
    return field(**factory, metadata={"parse": parse, **metadata})


@dataclass(frozen=True)
class FilterSpec:
    """What the person asked to see; the defaults show every non-surgical treatment."""

    stage: int | None = _field(None, parse_stage)
    category: tuple[str, ...] = _field((), parse_category, repeatable=True)
    max_invasiveness: int | None = _field(None, parse_score)
    max_side_effects: int | None = _field(None, parse_score)
    max_weeks: float | None = _field(None, parse_weeks)
    evidence: str | None = _field(None, parse_evidence)
    q: str = _field("", parse_query)
    surgical: bool = _field(False, parse_flag)
    situation: tuple[str, ...] = _field((), parse_condition, repeatable=True)
    hide_avoid: bool = _field(False, parse_flag)

    def mask(self, table: pd.DataFrame) -> pd.Series:
        """True for each row that passes every filter."""
        keep = pd.Series(True, index=table.index)
        if self.stage is not None:
            keep &= table["stage_min"].le(self.stage) & table["stage_max"].ge(self.stage)
        if self.category:
            keep &= table["category"].isin(self.category)
        if self.max_invasiveness is not None:
            keep &= table["invasiveness"].le(self.max_invasiveness)
        if self.max_side_effects is not None:
            keep &= table["side_effect_burden"].le(self.max_side_effects)
        if self.max_weeks is not None:
            keep &= table["duration_weeks_min"].le(self.max_weeks)
        if self.evidence is not None:
            keep &= evidence_rank(table["evidence_certainty"]).ge(
                col.EVIDENCE_LEVELS.index(self.evidence)
            )
        if self.q:
            keep &= _contains(table, self.q)
        if not self.surgical:
            keep &= ~table["surgical"]
        if self.hide_avoid:
            keep &= ~conflicts(table, self.situation, "avoid")
        return keep

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows that pass every filter, in table order."""
        return table[self.mask(table)]

    def clauses(self) -> list[str]:
        """Each active filter in plain words."""
        words = []
        if self.stage is not None:
            words.append(f"stage {stage_label(self.stage)}")
        if self.category:
            words.append("category " + " or ".join(self.category))
        if self.max_invasiveness is not None:
            words.append(f"invasiveness at most {self.max_invasiveness}")
        if self.max_side_effects is not None:
            words.append(f"side-effect burden at most {self.max_side_effects}")
        if self.max_weeks is not None:
            words.append(f"shortest course within {self.max_weeks:g} weeks")
        if self.evidence is not None:
            words.append(f"evidence at least {self.evidence}")
        if self.q:
            words.append(f'matching "{self.q}"')
        words.append("surgical rows included" if self.surgical else "non-surgical only")
        if self.situation:
            labels = condition_labels()
            words.append("cautions for " + "; ".join(labels[slug] for slug in self.situation))
            if self.hide_avoid:
                words.append("treatments to avoid hidden")
        return words

    def describe(self, shown: int, total: int) -> str:
        """One sentence for above the results."""
        noun = "treatment" if total == 1 else "treatments"
        return f"Showing {shown} of {total} {noun}: {', '.join(self.clauses())}."

    def to_query(self) -> dict[str, str | list[str]]:
        """URL query parameters for every field that differs from its default."""
        query: dict[str, str | list[str]] = {}
        for spec_field in fields(self):
            value = getattr(self, spec_field.name)
            if value == spec_field.default or value == ():
                continue
            if spec_field.metadata.get("repeatable"):
                query[spec_field.name] = [_format(item) for item in value]
            else:
                query[spec_field.name] = _format(value)
        return query

    def slug(self) -> str:
        """The view as a file-name part, e.g. 'stage-2_max-invasiveness-1'."""
        parts = []
        for key, value in self.to_query().items():
            values = value if isinstance(value, list) else [value]
            text = "-".join(re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-") for item in values)
            parts.append(f"{key.replace('_', '-')}-{text}"[:40])
        return "_".join(parts)


FILTER_KEYS = tuple(spec_field.name for spec_field in fields(FilterSpec))


def stage_label(stage: int) -> str:
    """'II' for 2; stage 0 reads '0 (at risk)'."""
    return "0 (at risk)" if stage == 0 else col.STAGE_LABELS[stage]


def stage_range_label(stage_min: int, stage_max: int) -> str:
    """'I–III' for 1 to 3; a single stage reads 'II'."""
    low, high = col.STAGE_LABELS[stage_min], col.STAGE_LABELS[stage_max]
    return low if stage_min == stage_max else f"{low}–{high}"


def evidence_rank(certainty: pd.Series) -> pd.Series:
    """Position of each evidence word, weakest (none) = 0."""
    return certainty.map({word: rank for rank, word in enumerate(col.EVIDENCE_LEVELS)})


def _contains(table: pd.DataFrame, text: str) -> pd.Series:
    present = [name for name in SEARCH_COLUMNS if name in table.columns]
    hits = pd.Series(False, index=table.index)
    for name in present:
        hits |= table[name].str.contains(text, case=False, regex=False)
    return hits


def from_query(
    params: Mapping[str, str | Sequence[str]], ignore: Sequence[str] = ()
) -> tuple[FilterSpec, list[str]]:
    """A spec from URL parameters, and a notice for each one that was unknown or malformed."""
    values: dict[str, Any] = {}
    notices = []
    known = {spec_field.name: spec_field for spec_field in fields(FilterSpec)}
    for key, raw in params.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        if key in ignore:
            continue
        if key not in known:
            notices.append(f"Ignored the unknown link setting '{key}'.")
            continue
        spec_field = known[key]
        parse = spec_field.metadata["parse"]
        if not spec_field.metadata.get("repeatable"):
            items = items[-1:]
        parsed = []
        for item in items:
            try:
                parsed.append(parse(item))
            except ValueError as error:
                notices.append(f"Ignored {key}={item[:40]!r}: {key} {error}.")
        if parsed:
            is_list = spec_field.metadata.get("repeatable")
            values[key] = tuple(dict.fromkeys(parsed)) if is_list else parsed[-1]
    return replace(FilterSpec(), **values), notices
