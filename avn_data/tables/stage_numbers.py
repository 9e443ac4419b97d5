"""One rule for reading an ARCO stage (in a link, a flag or a table cell) and one for naming it."""

import pandas as pd

from avn_data.tables import columns as col

STAGE_COLUMNS = ("stage_min", "stage_max")
STAGE_RULE = "must be 0–4 or I–IV"
# Every spelling accepted, lower-cased: ASCII digits and Roman numerals. Nothing else, so no
# full-width, Arabic-Indic or superscript digit that int() or a regex's \d would accept.
STAGE_BY_TEXT = {
    **{str(stage): stage for stage in col.STAGE_LABELS},
    **{label.lower(): stage for stage, label in col.STAGE_LABELS.items()},
}


def stage_number(text: str) -> int:
    """The stage '0'–'4' or 'I'–'IV' (any case, surrounding spaces ignored) names."""
    try:
        return STAGE_BY_TEXT[text.strip().lower()]
    except KeyError:
        raise ValueError(STAGE_RULE) from None


def stage_numbers(cells: pd.Series) -> pd.Series:
    """`stage_number` for a column of text cells at once; NaN where a cell is not a stage."""
    return cells.str.strip().str.lower().map(STAGE_BY_TEXT)


def stage_label(stage: int) -> str:
    """'II' for 2; stage 0 reads '0 (at risk)'."""
    return "0 (at risk)" if stage == 0 else col.STAGE_LABELS[stage]


def stage_range_label(stage_min: int, stage_max: int) -> str:
    """'I–III' for 1 to 3; a single stage reads 'II'."""
    low, high = col.STAGE_LABELS[stage_min], col.STAGE_LABELS[stage_max]
    return low if stage_min == stage_max else f"{low}–{high}"
