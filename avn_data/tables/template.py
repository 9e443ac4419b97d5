"""A starting point for someone's own table: the bundled header with one worked example row."""

import pandas as pd

from avn_data.tables.columns import TABLE_COLUMNS
from avn_data.view.export import to_csv_bytes

EXAMPLE_ID = "physical-therapy"


def template_csv_bytes(table: pd.DataFrame) -> bytes:
    """The bundled table's columns and one example row, ready to fill in a spreadsheet."""
    example = table[table["treatment_id"] == EXAMPLE_ID]
    row = example if not example.empty else table.head(1)
    frame = row.loc[:, list(TABLE_COLUMNS)].astype({"surgical": str, "in_source_article": str})
    return to_csv_bytes(frame.replace({"True": "true", "False": "false"}))
