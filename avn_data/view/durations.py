"""How long a course takes, in the units a person would use: days, weeks, months or years."""

import math
from typing import TypeGuard

import pandas as pd

DAYS_PER_WEEK = 7
WEEKS_PER_MONTH = 52 / 12
UNKNOWN_COURSE = "unknown: no source gives it"


def _unit(weeks: float) -> tuple[float, str]:
    """The number and unit a person would use for `weeks`: days, weeks, months or years."""
    if weeks < 1:
        return round(weeks * DAYS_PER_WEEK), "day"
    if weeks < 9:
        return round(weeks, 1), "week"
    if weeks < 104:
        return round(weeks / WEEKS_PER_MONTH), "month"
    return round(weeks / 52, 1), "year"


def _count(number: float, unit: str) -> str:
    return f"{number:g} {unit}{'' if number == 1 else 's'}"


def is_unknown(value: object) -> bool:
    """True for an empty (unknown) number."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _is_known(value: float | None) -> TypeGuard[float]:
    return not is_unknown(value)


def weeks_text(low: float | None, high: float | None) -> str:
    """'4–8 weeks', '6 months–3 years', '1 day'; an unknown course says so."""
    if not (_is_known(low) and _is_known(high)):
        return UNKNOWN_COURSE
    (low_number, low_unit), (high_number, high_unit) = _unit(low), _unit(high)
    if (low_number, low_unit) == (high_number, high_unit):
        return _count(high_number, high_unit)
    if low == 0:
        return f"up to {_count(high_number, high_unit)}"
    if low_unit == high_unit:
        return f"{low_number:g}–{_count(high_number, high_unit)}"
    return f"{_count(low_number, low_unit)}–{_count(high_number, high_unit)}"
