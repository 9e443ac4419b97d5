"""Each filter defined once: how it reads a link, keeps rows, says itself and shows as a widget.

Like Datasette's filter objects: the spec, the sidebar, the URL, the CLI and the tests all read
FILTERS, so a new filter is one more `Filter(...)` below and its typed field in FilterSpec.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from avn_data.tables import columns as col
from avn_data.tables.conditions import cause_labels, condition_labels, parse_cause, parse_condition
from avn_data.tables.parsing import (
    parse_category,
    parse_evidence,
    parse_flag,
    parse_joint,
    parse_lesion,
    parse_query,
    parse_score,
    parse_stage,
    parse_weeks,
)
from avn_data.tables.stage_numbers import stage_label
from avn_data.view.wording import by_distinct

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
NOTICE_TEXT_LIMIT = 40
# Delimits slugs inside one cell so a contains() test cannot match a partial slug.
SLUG_FENCE = "|"


def evidence_rank(certainty: pd.Series) -> pd.Series:
    """Position of each evidence word, weakest (none) = 0."""
    ranks = {word: rank for rank, word in enumerate(col.EVIDENCE_LEVELS)}
    return by_distinct(certainty, lambda words: words.map(ranks))


def listed(cells: pd.Series, wanted: Sequence[str]) -> pd.Series:
    """True where a '; '-separated list cell names any of `wanted`."""
    if not wanted:
        return pd.Series(False, index=cells.index)
    # One pattern for all words: a whole list item, between the cell's ends or semicolons.
    words = "|".join(re.escape(word) for word in wanted)
    pattern = rf"(?:^|;)\s*(?:{words})\s*(?:;|$)"
    return by_distinct(cells, lambda lists: lists.str.contains(pattern).fillna(False)).astype(bool)


def _contains(table: pd.DataFrame, text: str) -> pd.Series:
    hits = pd.Series(False, index=table.index)
    for name in (name for name in SEARCH_COLUMNS if name in table.columns):
        hits |= table[name].str.contains(text, case=False, regex=False)
    return hits


def conflicts(table: pd.DataFrame, situation: Sequence[str], level: str) -> pd.Series:
    """True for each row with a caution of `level` ('avoid' or 'discuss') for any situation."""
    column = f"{level}_for"
    hits = pd.Series(False, index=table.index)
    if column not in table.columns:
        return hits
    for slug in situation:
        hits |= table[column].str.contains(f"{SLUG_FENCE}{slug}{SLUG_FENCE}", regex=False)
    return hits


@dataclass(frozen=True)
class Filter:
    """One filter: its link key (also the widget key and CLI flag), parsing, rows and words."""

    key: str
    label: str
    parse: Callable[[str], Any]
    keep: Callable[[pd.DataFrame, Any, "FilterSpec"], pd.Series] | None
    words: Callable[[Any, "FilterSpec"], str]
    widget: str
    default: Any = None
    repeatable: bool = False
    # The widget value that filters nothing, e.g. a slider at its top; None: same as `default`.
    loosest: Any = None
    cast: Callable[[Any], Any] = lambda value: value
    options: Callable[[], Sequence[Any]] = tuple
    format_option: Callable[[Any], str] = str
    help: str | None = None
    # The table column it reads, whose dictionary entry explains it when `help` is not set.
    column: str | None = None
    # About the person rather than the view: kept by "Reset filters", left out of file names.
    personal: bool = False
    # Said in the sentence even at its default ("non-surgical only").
    always_said: bool = False

    def to_widget(self, value: Any) -> Any:
        """The value the widget shows for `value`."""
        if self.repeatable:
            return list(value)
        if value == self.default and self.loosest is not None:
            return self.loosest
        return value

    def from_widget(self, shown: Any) -> Any:
        """The filter value a widget showing `shown` stands for."""
        if self.repeatable:
            return tuple(shown or ())
        if shown is None or (self.loosest is not None and shown == self.loosest):
            return self.default
        if isinstance(shown, str):
            return shown.strip()
        return self.cast(shown)

    def widget_default(self) -> Any:
        return self.to_widget(self.default)


def _say_list(prefix: str, name: Callable[[str], str]) -> Callable[[Any, "FilterSpec"], str]:
    return lambda value, spec: prefix + " or ".join(name(item) for item in value)


FILTERS: tuple[Filter, ...] = (
    Filter(
        "stage", "Disease stage", parse_stage,
        keep=lambda table, stage, spec: table["stage_min"].le(stage) & table["stage_max"].ge(stage),
        words=lambda stage, spec: f"stage {stage_label(stage)}",
        widget="segmented", options=lambda: tuple(col.STAGE_LABELS),
        format_option=lambda stage: col.STAGE_LABELS[stage],
        help="0 = at risk, nothing on imaging yet; I–IV = ARCO 2019 stages (the hip scale). "
        "Click the selected stage again for any stage.",
    ),
    Filter(
        "joint", "Joint", parse_joint, default=(), repeatable=True,
        keep=lambda table, joints, spec: listed(table["joints"], joints),
        words=_say_list("joint ", lambda joint: col.JOINT_LABELS[joint].lower()),
        widget="pills", options=lambda: col.JOINTS,
        format_option=lambda joint: col.JOINT_LABELS[joint],
        help="Keep treatments studied or used in AVN of this joint.",
    ),
    Filter(
        "category", "Category", parse_category, default=(), repeatable=True,
        keep=lambda table, categories, spec: table["category"].isin(categories),
        words=_say_list("category ", str),
        widget="pills", options=lambda: col.CATEGORIES,
    ),
    Filter(
        "max_invasiveness", "Most invasive", parse_score, loosest=col.SCORE_MAX, cast=int,
        keep=lambda table, score, spec: table["invasiveness"].le(score),
        words=lambda score, spec: f"invasiveness at most {score}",
        widget="score", column="invasiveness",
    ),
    Filter(
        "max_side_effects", "Heaviest side effects", parse_score, loosest=col.SCORE_MAX, cast=int,
        keep=lambda table, score, spec: table["side_effect_burden"].le(score),
        words=lambda score, spec: f"side-effect burden at most {score}",
        widget="score", column="side_effect_burden",
    ),
    Filter(
        "max_weeks", "Fits in (weeks)", parse_weeks, cast=float,
        keep=lambda table, weeks, spec: table["duration_weeks_min"].le(weeks),
        words=lambda weeks, spec: f"shortest course within {weeks:g} weeks",
        widget="weeks", help="Keep treatments whose shortest typical course fits.",
    ),
    Filter(
        "evidence", "Weakest evidence shown", parse_evidence, loosest=col.EVIDENCE_LEVELS[0],
        keep=lambda table, word, spec: evidence_rank(table["evidence_certainty"]).ge(
            col.EVIDENCE_LEVELS.index(word)
        ),
        words=lambda word, spec: f"evidence at least {word}",
        widget="evidence", options=lambda: col.EVIDENCE_LEVELS, column="evidence_certainty",
    ),
    Filter(
        "q", "Search", parse_query, default="",
        keep=lambda table, text, spec: _contains(table, text),
        words=lambda text, spec: f'matching "{text}"',
        widget="text",
    ),
    Filter(
        "surgical", "Show surgical procedures for comparison", parse_flag, default=False,
        keep=lambda table, surgical, spec: ~table["surgical"] | surgical,
        words=lambda surgical, spec: "surgical rows included" if surgical else "non-surgical only",
        widget="toggle", always_said=True,
    ),
    Filter(
        "situation", "What applies to me", parse_condition, default=(), repeatable=True,
        keep=None,
        words=_say_list("cautions for ", lambda slug: condition_labels()[slug]),
        widget="pills", options=lambda: tuple(condition_labels()),
        format_option=lambda slug: condition_labels()[slug], personal=True,
        help="Treatments with a caution for any of these are flagged.",
    ),
    Filter(
        "hide_avoid", "Hide treatments I should avoid", parse_flag, default=False,
        keep=lambda table, hide, spec: ~conflicts(table, spec.situation, "avoid"),
        words=lambda hide, spec: "treatments to avoid hidden" if spec.situation else "",
        widget="toggle", personal=True,
    ),
    Filter(
        "cause", "How my AVN came about", parse_cause, default=(), repeatable=True,
        keep=None,
        words=_say_list("cause: ", lambda slug: cause_labels().get(slug, slug).lower()),
        widget="pills", options=lambda: tuple(cause_labels()),
        format_option=lambda slug: cause_labels().get(slug, slug), personal=True,
        help="The evidence for some treatments comes from one cause only; the page says so.",
    ),
    Filter(
        "lesion", "Lesion type on my MRI (JIC)", parse_lesion, keep=None,
        words=lambda lesion, spec: f"lesion type {lesion}",
        widget="segmented", options=lambda: col.LESION_TYPES,
        format_option=lambda lesion: lesion, personal=True,
        help="If your MRI report gives the lesion's type (A, B, C1 or C2, Japanese "
        "Investigation Committee), the natural course shown uses it. "
        + " ".join(col.LESION_LABELS.values()),
    ),
)  # fmt: skip
BY_KEY = {spec_filter.key: spec_filter for spec_filter in FILTERS}
FILTER_KEYS = tuple(BY_KEY)


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class FilterSpec:
    """What the person asked to see; the defaults show every non-surgical treatment.

    One field per filter, in FILTERS' order, declared so that callers are type-checked; each
    default is its filter's (tests check the fields match FILTERS and their parsers).
    """

    stage: int | None = BY_KEY["stage"].default
    joint: tuple[str, ...] = BY_KEY["joint"].default
    category: tuple[str, ...] = BY_KEY["category"].default
    max_invasiveness: int | None = BY_KEY["max_invasiveness"].default
    max_side_effects: int | None = BY_KEY["max_side_effects"].default
    max_weeks: float | None = BY_KEY["max_weeks"].default
    evidence: str | None = BY_KEY["evidence"].default
    q: str = BY_KEY["q"].default
    surgical: bool = BY_KEY["surgical"].default
    situation: tuple[str, ...] = BY_KEY["situation"].default
    hide_avoid: bool = BY_KEY["hide_avoid"].default
    cause: tuple[str, ...] = BY_KEY["cause"].default
    lesion: str | None = BY_KEY["lesion"].default

    def mask(self, table: pd.DataFrame) -> pd.Series:
        """True for each row that passes every filter."""
        keep = pd.Series(True, index=table.index)
        for spec_filter in FILTERS:
            value = getattr(self, spec_filter.key)
            if spec_filter.keep is not None and (
                value != spec_filter.default or spec_filter.always_said
            ):
                keep &= spec_filter.keep(table, value, self).fillna(False).astype(bool)
        return keep

    def apply(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows that pass every filter, in table order."""
        return table[self.mask(table)]

    def clauses(self) -> list[str]:
        """Each active filter in plain words."""
        words = []
        for spec_filter in FILTERS:
            value = getattr(self, spec_filter.key)
            if value != spec_filter.default or spec_filter.always_said:
                words.append(spec_filter.words(value, self))
        return [clause for clause in words if clause]

    def describe(self, shown: int, total: int) -> str:
        """One sentence for above the results."""
        noun = "treatment" if total == 1 else "treatments"
        return f"Showing {shown} of {total} {noun}: {', '.join(self.clauses())}."

    def to_query(self) -> dict[str, str | list[str]]:
        """URL query parameters for every filter that differs from its default."""
        query: dict[str, str | list[str]] = {}
        for spec_filter in FILTERS:
            value = getattr(self, spec_filter.key)
            if value == spec_filter.default:
                continue
            if spec_filter.repeatable:
                query[spec_filter.key] = [_format(item) for item in value]
            else:
                query[spec_filter.key] = _format(value)
        return query

    def slug(self) -> str:
        """The view as a file-name part, e.g. 'stage-2_max-invasiveness-1'.

        Personal filters (health conditions, cause) never go into a file name.
        """
        parts = []
        for key, value in self.to_query().items():
            if BY_KEY[key].personal:
                continue
            values = value if isinstance(value, list) else [value]
            text = "-".join(re.sub(r"[^a-z0-9]+", "-", item.lower()).strip("-") for item in values)
            parts.append(f"{key.replace('_', '-')}-{text}")
        return "_".join(parts)

    def widget_values(self) -> dict[str, Any]:
        """The value each filter's widget shows for this spec."""
        return {f.key: f.to_widget(getattr(self, f.key)) for f in FILTERS}


# Each widget's value by its key: a plain dict, or Streamlit's session state (whose keys may
# also be ints).
WidgetValues = Mapping[str, Any] | Mapping[str | int, Any]


def spec_from_widgets(values: WidgetValues) -> FilterSpec:
    """The spec the widgets describe; a widget at its widest setting filters nothing."""
    return FilterSpec(
        **{f.key: f.from_widget(values.get(f.key, f.widget_default())) for f in FILTERS}
    )


def facet_counts(table: pd.DataFrame, spec: FilterSpec, key: str) -> dict[Any, int]:
    """For each option of filter `key`, how many rows the other filters keep with it chosen."""
    spec_filter = BY_KEY[key]
    keep = spec_filter.keep
    if keep is None:
        raise TypeError(f"the {key} filter keeps every row, so it has no counts")
    # A mask, not the other filters' rows: copying a big table's text columns cost seconds.
    others = replace(spec, **{key: spec_filter.default}).mask(table)
    counts = {}
    for option in spec_filter.options():
        value = (option,) if spec_filter.repeatable else option
        counts[option] = int((keep(table, value, spec).fillna(False) & others).sum())
    return counts


def from_query(
    params: Mapping[str, str | Sequence[str]], ignore: Sequence[str] = ()
) -> tuple[FilterSpec, list[str]]:
    """A spec from URL parameters, and a notice for each one that was unknown or malformed."""
    values: dict[str, Any] = {}
    notices = []
    for key, raw in params.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        if key in ignore:
            continue
        shown_key = key[:NOTICE_TEXT_LIMIT]
        if key not in BY_KEY:
            notices.append(f"Ignored the unknown link setting '{shown_key}'.")
            continue
        spec_filter = BY_KEY[key]
        if not spec_filter.repeatable:
            items = items[-1:]
        parsed = []
        for item in items:
            try:
                parsed.append(spec_filter.parse(item))
            except ValueError as error:
                notices.append(f"Ignored {key}={item[:NOTICE_TEXT_LIMIT]!r}: {key} {error}.")
        if parsed:
            values[key] = tuple(dict.fromkeys(parsed)) if spec_filter.repeatable else parsed[-1]
    return replace(FilterSpec(), **values), notices
