"""Data files are read once, again after an edit, and once when several ask at the same time."""

import asyncio
import os
import threading
import time

import pandas as pd

from avn_data.evidence import cautions
from avn_data.tables.paths import fresh
from tests.tables import DATA_DIR
from ui.start import READER_THREAD, read_table_at_start


class CountingReader:
    def __init__(self, pause_s: float = 0.0) -> None:
        self.calls = 0
        self.pause_s = pause_s
        self._lock = threading.Lock()

    def __call__(self, path):
        with self._lock:
            self.calls += 1
        time.sleep(self.pause_s)
        return path.read_text()


def test_an_unchanged_file_is_read_once_and_an_edited_one_again(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a\n1\n")
    read = CountingReader()
    assert fresh(read, path) == fresh(read, path) == "a\n1\n"
    assert read.calls == 1
    path.write_text("a\n2\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert fresh(read, path) == "a\n2\n"
    assert read.calls == 2


def test_callers_asking_at_the_same_time_wait_for_one_read(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a\n1\n")
    read = CountingReader(pause_s=0.2)
    answers = []
    callers = [threading.Thread(target=lambda: answers.append(fresh(read, path))) for _ in range(4)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert answers == ["a\n1\n"] * 4
    assert read.calls == 1


def test_the_server_reads_its_table_as_it_starts_and_the_page_reuses_that_read(
    tmp_path, monkeypatch
):
    own = tmp_path / "own.csv"
    own.write_bytes((DATA_DIR / "treatments.csv").read_bytes())
    reads = []
    load = cautions.load_treatments
    monkeypatch.setattr(cautions, "load_treatments", lambda path: reads.append(path) or load(path))
    monkeypatch.setattr("sys.argv", ["serve.py", "--data", str(own)])

    async def start_server() -> None:
        async with read_table_at_start(None):
            pass

    asyncio.run(start_server())
    for thread in threading.enumerate():
        if thread.name == READER_THREAD:
            thread.join()
    assert reads == [own.resolve()]
    on_first_visit = cautions.flagged_treatments(own.resolve())
    assert reads == [own.resolve()]
    pd.testing.assert_series_equal(
        on_first_visit["treatment_id"], load(DATA_DIR / "treatments.csv")["treatment_id"]
    )
