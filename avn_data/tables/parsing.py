"""Read one typed value from the text of a link parameter or a command-line flag."""

import re

from avn_data.tables import columns as col
from avn_data.tables.stage_numbers import stage_number

MAX_QUERY_LENGTH = 100


def parse_stage(text: str) -> int:
    """A stage from '2' or 'II' (any case), 0–4: the same rule as a table's stage cells."""
    return stage_number(text)


def parse_score(text: str) -> int:
    """A whole score from 0 to 4."""
    if not re.fullmatch(r"\s*[0-9]\s*", text) or not col.SCORE_MIN <= int(text) <= col.SCORE_MAX:
        raise ValueError(f"must be a whole number from {col.SCORE_MIN} to {col.SCORE_MAX}")
    return int(text)


def parse_weeks(text: str) -> float:
    """A number of weeks, 0 or more, up to ten years."""
    try:
        weeks = float(text)
    except ValueError:
        raise ValueError("must be a number of weeks") from None
    if not 0 <= weeks <= col.MAX_WEEKS:
        raise ValueError(f"must be a number of weeks from 0 to {col.MAX_WEEKS}")
    return weeks


def _folded(text: str) -> str:
    return re.sub(r"[-_+\s]+", " ", text.strip().lower())


def one_of(text: str, allowed: tuple[str, ...]) -> str:
    """The allowed word `text` names, ignoring case and '-', '_', '+' or spaces between words."""
    by_folded = {_folded(word): word for word in allowed}
    try:
        return by_folded[_folded(text)]
    except KeyError:
        raise ValueError("must be one of: " + ", ".join(allowed)) from None


def parse_category(text: str) -> str:
    """One of the fixed categories, matched without regard to case."""
    return one_of(text, col.CATEGORIES)


def parse_evidence(text: str) -> str:
    """An evidence word; 'very-low' and 'very_low' are read as 'very low'."""
    return one_of(text, col.EVIDENCE_LEVELS)


def parse_joint(text: str) -> str:
    """A joint: hip, knee, shoulder, ankle-foot or other."""
    return one_of(text, col.JOINTS)


def parse_aim(text: str) -> str:
    """What a person wants from treatment: pain, function, disease or prevention."""
    return one_of(text, col.AIMS)


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


def parse_lesion(text: str) -> str:
    """A JIC lesion type from the MRI report: A, B, C1 or C2."""
    return one_of(text, col.LESION_TYPES)
