"""What the server does as it starts (serve.py): begin reading the table it was started on,
so the first visitor of a big table finds it read, or waits only for the rest of the read."""

import contextlib
import threading
from collections.abc import AsyncIterator

from avn_data.cli import data_path_from_argv
from avn_data.evidence.cautions import flagged_treatments
from avn_data.tables.problems import TableError

READER_THREAD = "read-started-table"


def read_started_table() -> None:
    # A table that cannot be read is reported on the page, which then reads it again.
    with contextlib.suppress(TableError, OSError):
        flagged_treatments(data_path_from_argv())


@contextlib.asynccontextmanager
async def read_table_at_start(_app: object) -> AsyncIterator[None]:
    """The server's lifespan: reading runs beside it, so the server answers at once."""
    threading.Thread(target=read_started_table, name=READER_THREAD, daemon=True).start()
    yield
