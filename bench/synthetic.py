"""Synthetic valid treatment tables of any size, built from the bundled rows, for benchmarks."""

import csv
import io

import numpy as np

from avn_data.tables.columns import TABLE_COLUMNS
from avn_data.tables.load import BUNDLED_TABLE


def synthetic_csv(rows: int, seed: int = 0) -> bytes:
    """`rows` rows cycling through the bundled ones, with unique ids and names and varied
    durations, as the CSV bytes a person would upload; written row by row to stay lean."""
    with BUNDLED_TABLE.open(encoding="utf-8", newline="") as handle:
        bundled = list(csv.DictReader(handle))
    stretch = 1 + np.random.default_rng(seed).integers(0, 10, rows) / 10
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(TABLE_COLUMNS)
    for index in range(rows):
        row = dict(bundled[index % len(bundled)])
        row["treatment_id"] = f"{row['treatment_id']}-{index}"
        row["name"] = f"{row['name']} #{index}"
        if row["duration_weeks_max"]:  # a course with no known length stays unknown
            longest = float(row["duration_weeks_max"]) * stretch[index]
            row["duration_weeks_max"] = f"{round(longest, 1):g}"
        writer.writerow([row[name] for name in TABLE_COLUMNS])
    text.flush()
    return buffer.getvalue()
