"""One treatment, told in full: scores with their meaning, links, questions, the comparison grid."""

from urllib.parse import urlparse

import pandas as pd

from avn_data.columns import QUESTION_SEPARATOR
from avn_data.rubric import EVIDENCE_MEANINGS, INVASIVENESS_LEVELS, SIDE_EFFECT_LEVELS

SAFE_SCHEMES = ("http", "https")


def source_links(urls: str) -> list[str]:
    """The http(s) addresses in a cell; anything else (javascript:, data:, file:) is dropped."""
    links = []
    for candidate in urls.split():
        try:
            parsed = urlparse(candidate)
        except ValueError:  # e.g. an unclosed IPv6 bracket: not a usable address
            continue
        if parsed.scheme.lower() in SAFE_SCHEMES and parsed.netloc:
            links.append(candidate)
    return links


def questions(text: str) -> list[str]:
    """The questions to ask, one per item."""
    return [
        question.strip() for question in text.split(QUESTION_SEPARATOR.strip()) if question.strip()
    ]


def weeks_text(low: float, high: float) -> str:
    """'4–8 weeks', or '13 weeks' when both ends agree."""
    return f"{low:g} weeks" if low == high else f"{low:g}–{high:g} weeks"


def invasiveness_text(score: int) -> str:
    return f"{score} of 4: {INVASIVENESS_LEVELS[score]}"


def side_effect_text(score: int) -> str:
    return f"{score} of 4: {SIDE_EFFECT_LEVELS[score]}"


def evidence_text(certainty: str) -> str:
    return f"{certainty.capitalize()}: {EVIDENCE_MEANINGS[certainty]}"


def _side_effects(row: dict) -> str:
    return f"{side_effect_text(row['side_effect_burden'])}. {row['side_effects']}"


def _course(row: dict) -> str:
    return weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])


def _for_me(row: dict) -> str:
    return row["cautions_for_you"] or "None for the situations you gave."


def _evidence(row: dict) -> str:
    return f"{evidence_text(row['evidence_certainty'])}. {row['evidence_summary']}"


# Rows of the side-by-side grid are the questions people ask (Option Grid style).
GRID_QUESTIONS = (
    ("How invasive is it?", lambda row: invasiveness_text(row["invasiveness"])),
    ("How long does it take?", _course),
    ("At which stages?", lambda row: row["applicable_stages"]),
    ("What are the side effects?", _side_effects),
    ("Who should avoid it?", lambda row: row["cautions"]),
    ("Any caution for me?", _for_me),
    ("How good is the evidence?", _evidence),
    ("What does it involve day to day?", lambda row: row["regimen"] or "Not given in this table."),
)  # fmt: skip


def comparison_grid(rows: pd.DataFrame) -> pd.DataFrame:
    """Questions down the side, one column per treatment, plain text in every cell."""
    grid = {
        row["name"]: [answer(row) for _, answer in GRID_QUESTIONS]
        for row in rows.to_dict("records")
    }
    return pd.DataFrame(grid, index=[question for question, _ in GRID_QUESTIONS])
