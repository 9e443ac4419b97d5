"""What the uploader has held, as a pure value: the file last checked and the last good table."""

from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from avn_data.tables.problems import Problem, TableError

BUNDLED_NAME = "the bundled table"
# Replacing one file with another passes through a run with no file; an empty uploader that
# gets a new file within this many seconds was a replacement, later it was a removal. On a busy
# server the empty run and the new file's upload took more than 2 s between them, and a good
# table was lost; a removal followed this soon by a broken file keeps the earlier good table,
# and the message names it, which loses nothing.
REPLACE_SECONDS = 10.0


@dataclass(frozen=True)
class UploadMemory:
    """The uploader's history within one browser session."""

    file_id: str | None = None
    name: str = ""
    table: pd.DataFrame | None = None
    problems: tuple[Problem, ...] = ()
    good_name: str | None = None
    good_table: pd.DataFrame | None = None
    emptied_at: float | None = None


def remember(
    memory: UploadMemory,
    file_id: str | None,
    name: str,
    read: Callable[[], pd.DataFrame],
    now: float,
) -> UploadMemory:
    """The memory after a run in which the uploader holds `file_id` (None: no file).

    `read` loads the file and raises TableError; it is called only for a file not yet checked.
    """
    if file_id is None:
        emptied_at = now if memory.file_id is not None else memory.emptied_at
        return replace(
            memory, file_id=None, name="", table=None, problems=(), emptied_at=emptied_at
        )
    if file_id == memory.file_id:
        return memory
    removed = memory.emptied_at is not None and now - memory.emptied_at > REPLACE_SECONDS
    good_name, good_table = (None, None) if removed else (memory.good_name, memory.good_table)
    try:
        table = read()
    except TableError as error:
        return UploadMemory(file_id, name, None, tuple(error.problems), good_name, good_table)
    return UploadMemory(file_id, name, table, (), name, table)


def showing(memory: UploadMemory, bundled: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table the page shows, and its name: the upload, the last good one, or the bundled."""
    if memory.table is not None:
        return memory.table, memory.name
    if memory.file_id is not None and memory.good_table is not None:
        return memory.good_table, memory.good_name or BUNDLED_NAME
    return bundled, BUNDLED_NAME
