"""Session-state keys shared by more than one part of the page, named once."""

from typing import Final

# Widgets whose values other parts read or set.
TAB: Final = "tab"
TREATMENT: Final = "treatment"
COMPARE: Final = "compare"
COLUMNS: Final = "columns"
# The columns last chosen: a widget's own state is dropped while its tab is not drawn.
COLUMNS_KEPT: Final = "columns_kept"
UPLOAD: Final = "upload"
TABLE_WIDGET: Final = "results_table"
TRADE_OFF_MAP: Final = "trade_off_map"
# Set when a treatment is opened from the list: its page then takes the keyboard focus once.
FOCUS_OPENED: Final = "focus_opened"
# Set on a session's first run, from its link; their presence also marks that run as done.
LINK_NOTICES: Final = "link_notices"
# What the uploader has held: the last file checked and the last good table (avn_data.uploads).
UPLOAD_MEMORY: Final = "upload_memory"
# Builds the rows the Explore download writes (on click, once per view); it dies with the
# session.
DOWNLOAD_ROWS: Final = "download_rows"

EXPLORE, COMPARE_TAB, DETAIL, SUMMARY = "Explore", "Compare", "Treatment details", "Visit summary"
TABS: Final = (EXPLORE, COMPARE_TAB, DETAIL, SUMMARY)

# The Explore tab's parts that rerun alone: a filter change reruns only those it changes
# (ui/filter_panel.rerun_after), by these fragment keys.
COUNTS_FRAGMENT: Final = "fragment_facet_counts"
HELPER_FRAGMENT: Final = "fragment_stage_helper"
LIST_FRAGMENT: Final = "fragment_list"
COURSE_FRAGMENT: Final = "fragment_natural_course"
CHARTS_FRAGMENT: Final = "fragment_charts"
