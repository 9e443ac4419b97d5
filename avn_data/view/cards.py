"""What each treatment's card says on a phone: the list's place and name, the verdict with how
sure we are, the why-line, how long it takes and the cautions for the person."""

from typing import TypedDict

import pandas as pd

from avn_data.evidence.cautions import CAUTION_SEPARATOR
from avn_data.view.durations import is_unknown
from avn_data.view.rows import places

# A phone shows the first cards of a long list; the download holds every row.
MAX_CARDS = 100


class Card(TypedDict):
    id: str
    title: str
    verdict: str
    certainty: str
    why: str
    course: str
    cautions: list[str]


def _text(value: object) -> str:
    return "" if is_unknown(value) else str(value)


def card_data(rows: pd.DataFrame) -> list[Card]:
    """One card per row of the ranked list, in its order and numbered as the table and charts
    number it; at most MAX_CARDS."""
    shown = rows.head(MAX_CARDS)
    return [
        Card(
            id=str(row["treatment_id"]),
            title=f"{place} · {row['name']}",
            verdict=_text(row.get("benefit_group")),
            certainty=_text(row.get("verdict_certainty")),
            why=_text(row.get("evidence_why")),
            course=_text(row.get("typical_course")),
            cautions=[
                line for line in _text(row.get("cautions_for_you")).split(CAUTION_SEPARATOR) if line
            ],
        )
        for place, row in zip(places(shown), shown.to_dict("records"), strict=True)
    ]


def more_note(rows: pd.DataFrame) -> str:
    """What a phone reader is told when the list is longer than its cards."""
    if len(rows) <= MAX_CARDS:
        return ""
    return (
        f"Showing the first {MAX_CARDS} of {len(rows):,} treatments, in the list's order; "
        "the download holds them all."
    )
