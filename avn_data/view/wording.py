"""Table values told in plain words: course lengths, links, questions and the comparison grid."""

from collections.abc import Callable
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from avn_data.evidence.rubric import evidence_text, level_text
from avn_data.tables.columns import EVIDENCE_LEVELS, QUESTION_SEPARATOR, Row
from avn_data.view.durations import weeks_text

SAFE_SCHEMES = ("http", "https")


def said_once(words: Callable[..., str], *columns: pd.Series) -> list[str]:
    """`words(*cells)` for every row, computed once per distinct combination of cells: a long
    table repeats a handful of them, and wording each row again costs seconds at 100k rows."""
    # Each row's combination as one integer (mixed radix over each column's distinct values),
    # so numpy finds the distinct combinations instead of Python hashing a tuple per row.
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, distinct = pd.factorize(column, use_na_sentinel=False)
        combined = combined * len(distinct) + codes
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    cells = [column.iloc[first].tolist() for column in columns]
    said = np.array([words(*key) for key in zip(*cells, strict=True)], dtype=object)
    return list(said[inverse.reshape(-1)])


def by_distinct(cells: pd.Series, judge: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """`judge(cells)`, worked out once per distinct cell: a long table repeats a handful of
    values, and pandas matches text cell by cell in Python."""
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)
    judged = judge(pd.Series(distinct, dtype=cells.dtype)).to_numpy()
    return pd.Series(judged[codes], index=cells.index)


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


def _side_effects(row: Row) -> str:
    return f"{level_text('side_effect_burden', row['side_effect_burden'])}. {row['side_effects']}"


def _course(row: Row) -> str:
    return weeks_text(row["duration_weeks_min"], row["duration_weeks_max"])


def _for_me(row: Row) -> str:
    return row["cautions_for_you"] or "None for the situations you gave."


def _evidence(row: Row) -> str:
    certainty = evidence_text(row["verdict_certainty"])
    return f"{certainty}. Why: {row['evidence_why']}. {row['evidence_summary']}"


def _benefit(row: Row) -> str:
    note = f" ({row['cause_note']})" if row.get("cause_note") else ""
    return f"{row['benefit_group']}: {row['evidence_why']}{note}"


def _in_numbers(row: Row) -> str:
    return row.get("in_numbers") or "No study has put a number on it yet."


# Rows of the side-by-side grid are the questions people ask (Option Grid style): what it
# could do for me first, then what it costs me, in the same detail.
GRID_QUESTIONS = (
    ("What could it do for me?", _benefit),
    ("In numbers (its clearest study)", _in_numbers),
    ("How invasive is it?", lambda row: level_text("invasiveness", row["invasiveness"])),
    ("How long does it take?", _course),
    ("At which stages?", lambda row: row["applicable_stages"]),
    ("What are the side effects?", _side_effects),
    ("Who should avoid it?", lambda row: row["cautions"]),
    ("Any caution for me?", _for_me),
    ("How good is the evidence?", _evidence),
    ("What does it involve day to day?", lambda row: row["regimen"] or "Not given in this table."),
)  # fmt: skip


def comparison_grid(rows: pd.DataFrame) -> pd.DataFrame:
    """Questions down the side, one column per treatment, plain text in every cell.

    `rows` are results rows; an `in_numbers` column, when present, holds each treatment's
    clearest finding as a natural-frequency sentence.
    """
    grid = {
        row["name"]: [answer(row) for _, answer in GRID_QUESTIONS]
        for row in rows.to_dict("records")
    }
    return pd.DataFrame(grid, index=[question for question, _ in GRID_QUESTIONS])


# A certainty as filled dots before its word: "●●○○ low". A table sorts cells as text, and
# "○" sorts before "●", so sorting these goes from least to most sure instead of alphabetically.
CERTAINTY_COLUMNS = ("evidence_certainty", "verdict_certainty")


def certainty_dots(word: str) -> str:
    """'low' → '●●○○ low'; a word off the scale (or a blank) is left as it is."""
    if word not in EVIDENCE_LEVELS:
        return word
    filled = EVIDENCE_LEVELS.index(word)
    top = len(EVIDENCE_LEVELS) - 1
    return "●" * filled + "○" * (top - filled) + " " + word


def with_certainty_dots(frame: pd.DataFrame) -> pd.DataFrame:
    """The certainty columns of a shown table as dots and words, so they sort as a scale."""
    shown = [name for name in CERTAINTY_COLUMNS if name in frame.columns]
    return frame.assign(**{name: frame[name].map(certainty_dots) for name in shown})
