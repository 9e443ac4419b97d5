"""The table the page explores: the bundled or `--data` table, or this session's upload."""

import threading
import time

import pandas as pd
import streamlit as st

from avn_data.cli import data_path_from_argv
from avn_data.evidence.cautions import flagged_treatments, load_cautions, with_caution_columns
from avn_data.memory import release_interval, start_releasing, use_returnable_allocators
from avn_data.tables.load import BUNDLED_TABLE, load_table
from avn_data.tables.problems import TableError, format_problems
from avn_data.tables.uploads import UploadMemory, remember, showing
from avn_data.view.text import escape_markdown
from ui import state
from ui.view_cache import share_views_of


@st.cache_resource(show_spinner=False)
def keep_releasing_memory() -> threading.Event | None:
    """One thread per server that gives closed sessions' freed memory back to the system,
    on a server started to run one (`make run`)."""
    use_returnable_allocators()
    every_s = release_interval()
    return start_releasing(every_s) if every_s is not None else None


def started_table() -> tuple[pd.DataFrame, list[str]]:
    """The table the server was started on, and why it fell back to the bundled one, if it did."""
    wanted = data_path_from_argv()
    try:
        table, warnings = flagged_treatments(wanted), []
    except (TableError, OSError) as error:
        if wanted == BUNDLED_TABLE:
            raise
        detail = format_problems(error.problems) if isinstance(error, TableError) else str(error)
        table = flagged_treatments(BUNDLED_TABLE)
        warnings = [
            f"**Could not use {escape_markdown(str(wanted))}; showing the bundled table "
            f"instead.**\n\n{_as_list(detail)}"
        ]
    share_views_of(table)
    return table, warnings


def _as_list(problems: str) -> str:
    """Problems, one per line, as a markdown list of escaped text."""
    return "\n".join(f"- {escape_markdown(line)}" for line in problems.splitlines())


def _problem_message(memory: UploadMemory, kept_name: str) -> str:
    count = len(memory.problems)
    return (
        f"**{escape_markdown(memory.name)} was not loaded: {count} problem"
        f"{'s' * (count != 1)}.** Still showing {escape_markdown(kept_name)}. Fix these and "
        "upload it again:\n\n" + _as_list(format_problems(list(memory.problems)))
    )


def session_table(started_with: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """This session's table (its last good upload, kept in session state, never on disk),
    and a message listing the problems of a file that could not be used."""
    upload = st.session_state.get(state.UPLOAD)

    def read_upload() -> pd.DataFrame:
        # `remember` reads only a file the uploader holds, so there is one.
        assert upload is not None
        return with_caution_columns(load_table(upload.getvalue()), load_cautions())

    memory = remember(
        st.session_state.get(state.UPLOAD_MEMORY, UploadMemory()),
        upload.file_id if upload is not None else None,
        upload.name if upload is not None else "",
        read_upload,
        time.monotonic(),
    )
    st.session_state[state.UPLOAD_MEMORY] = memory
    table, name = showing(memory, started_with)
    return table, _problem_message(memory, name) if memory.problems else None
