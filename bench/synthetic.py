"""Synthetic valid treatment tables of any size, built from the bundled rows, for benchmarks."""

import numpy as np
import pandas as pd

from avn_data.columns import TABLE_COLUMNS
from avn_data.export import to_csv_bytes
from avn_data.load import load_treatments


def synthetic_table(rows: int, seed: int = 0) -> pd.DataFrame:
    """`rows` rows cycling through the bundled ones, with unique ids and varied durations."""
    bundled = load_treatments().loc[:, list(TABLE_COLUMNS)]
    picks = np.arange(rows) % len(bundled)
    table = bundled.iloc[picks].reset_index(drop=True)
    stretch = 1 + np.random.default_rng(seed).integers(0, 10, rows) / 10
    return table.assign(
        treatment_id=table["treatment_id"] + "-" + pd.Series(np.arange(rows)).astype(str),
        name=table["name"] + " #" + pd.Series(np.arange(rows)).astype(str),
        duration_weeks_max=(table["duration_weeks_max"] * stretch).round(1),
    )


def synthetic_csv(rows: int, seed: int = 0) -> bytes:
    """The synthetic table as the CSV bytes a person would upload."""
    frame = synthetic_table(rows, seed)
    frame = frame.assign(
        surgical=frame["surgical"].map({True: "true", False: "false"}),
        in_source_article=frame["in_source_article"].map({True: "true", False: "false"}),
    )
    return to_csv_bytes(frame, excel_bom=False)
