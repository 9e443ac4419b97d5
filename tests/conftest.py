"""Shared fixtures: a small hand-made treatment table loaded through the real loader."""

import pandas as pd
import pytest

from avn_data.load import load_table
from tests.tables import SMALL_TABLE_ROWS, csv_bytes


@pytest.fixture(scope="session")
def small_table() -> pd.DataFrame:
    """Six treatments, two of them surgical, loaded through the real loader."""
    return load_table(csv_bytes(SMALL_TABLE_ROWS))
