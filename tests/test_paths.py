"""Data files are read once, again after an edit, and once when several ask at the same time."""

import os
import threading
import time

from avn_data.tables.paths import fresh


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

