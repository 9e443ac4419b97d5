"""Hypothesis strategies shared by the test files: one filter spec, drawn over every filter.

The person's situations and causes are read from the data files (with the csv module, not
through the app's own readers), so a new condition or cause is drawn without touching this file.
"""

from collections.abc import Sequence

from hypothesis import strategies as st

from avn_data.tables import columns as col
from avn_data.view.filters import FILTER_KEYS, FilterSpec
from tests.tables import DATA_DIR, data_rows

SEARCH_TEXTS = ("", "a", "pain", "Bone drug", "x y", "[regex(")


def slugs(file_name: str, column: str) -> tuple[str, ...]:
    """Column `column` of data/`file_name`, in file order; () while the file does not exist."""
    if not (DATA_DIR / file_name).exists():
        return ()
    return tuple(row[column] for row in data_rows(file_name))


CONDITIONS = slugs("conditions.csv", "condition")
CAUSES = slugs("causes.csv", "cause")


def some_of(options: Sequence[str], max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """A few distinct options in drawn order; always () when there are none to choose from."""
    if not options:
        return st.just(())
    return st.lists(st.sampled_from(options), unique=True, max_size=max_size).map(tuple)


# One strategy per filter key; test_filters checks that every filter has one.
FILTER_VALUES = {
    "stage": st.none() | st.integers(col.STAGE_MIN, col.STAGE_MAX),
    "joint": some_of(col.JOINTS),
    "category": some_of(col.CATEGORIES),
    "max_invasiveness": st.none() | st.integers(col.SCORE_MIN, col.SCORE_MAX),
    "max_side_effects": st.none() | st.integers(col.SCORE_MIN, col.SCORE_MAX),
    "max_weeks": st.none()
    | st.integers(0, col.MAX_WEEKS).map(float)
    | st.floats(0, col.MAX_WEEKS).map(lambda weeks: round(weeks, 2)),
    "evidence": st.none() | st.sampled_from(col.EVIDENCE_LEVELS),
    "q": st.sampled_from(SEARCH_TEXTS),
    "surgical": st.booleans(),
    "situation": some_of(CONDITIONS),
    "hide_avoid": st.booleans(),
    "cause": some_of(CAUSES),
    "lesion": st.none() | st.sampled_from(col.LESION_TYPES),
}

# Built over the filters that exist; a filter without a strategy fails that check, not an import.
filter_specs = st.builds(
    FilterSpec, **{key: FILTER_VALUES[key] for key in FILTER_KEYS if key in FILTER_VALUES}
)
