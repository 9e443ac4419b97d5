"""Load the treatment table from a path or uploaded bytes, validated and typed."""

from pathlib import Path

import pandas as pd

from avn_data.tables.csv_text import read_cells
from avn_data.tables.paths import DATA_DIR, fresh
from avn_data.tables.schema import TREATMENTS, TableSpec
from avn_data.tables.validate import validate_cells

BUNDLED_TABLE = DATA_DIR / "treatments.csv"


def load_table(data: bytes, spec: TableSpec = TREATMENTS) -> pd.DataFrame:
    """Validated, typed table from the raw bytes of a CSV file; raises TableError."""
    return validate_cells(read_cells(data), spec)


def load_treatments(path: Path = BUNDLED_TABLE) -> pd.DataFrame:
    """The treatment table at `path` (the bundled one by default); raises TableError or OSError."""
    return fresh(_read_treatments, Path(path))


def _read_treatments(path: Path) -> pd.DataFrame:
    return load_table(path.read_bytes())
