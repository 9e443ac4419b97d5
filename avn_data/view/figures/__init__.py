"""Plotly figures of the filtered treatments; pure functions a test can read trace by trace.

Traces and layouts are built as plain dicts of plain lists and turned into one `go.Figure` at
the end: `add_trace`/`update_layout` per trace cost several times more, and lists skip plotly's
dataframe detection and base64 packing of arrays.
"""

from avn_data.view.figures.compare import compare_chart, compare_data, compare_text
from avn_data.view.figures.course import course_ticks, duration_chart, duration_data, duration_text
from avn_data.view.figures.layout import CAPTIONS, MAX_BARS, figure_of, short_name
from avn_data.view.figures.stage_coverage import (
    stage_coverage,
    stage_coverage_data,
    stage_coverage_text,
)
from avn_data.view.figures.trade_off import (
    MAX_POINTS,
    cell_offsets,
    trade_off_data,
    trade_off_map,
    trade_off_text,
)
from avn_data.view.rows import places

__all__ = [
    "CAPTIONS",
    "MAX_BARS",
    "MAX_POINTS",
    "cell_offsets",
    "compare_chart",
    "compare_data",
    "compare_text",
    "course_ticks",
    "duration_chart",
    "duration_data",
    "duration_text",
    "figure_of",
    "places",
    "short_name",
    "stage_coverage",
    "stage_coverage_data",
    "stage_coverage_text",
    "trade_off_data",
    "trade_off_map",
    "trade_off_text",
]
