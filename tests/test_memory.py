"""Freed memory goes back to the system (issue 14, item 4): the release the server runs on a
background thread after closed sessions are dropped. `make load` measures it on a real server."""

import subprocess
import sys
import threading
import time

import pytest

from avn_data.memory import _glibc, start_releasing

# A fragmented heap, like a dropped session's rows: 1-KB cells (above pymalloc's 512 bytes, so
# glibc's malloc serves them), every 50th kept alive so glibc cannot just shrink the heap's top.
FRAGMENTED_HEAP = """
import sys
from avn_data.memory import release_freed_memory

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6

cells = [bytes(1000) + i.to_bytes(4, "little") for i in range(200_000)]
kept = cells[::50]
del cells
held = rss_mb()
release_freed_memory()
print(held, rss_mb())
"""


@pytest.mark.skipif(_glibc("malloc_trim") is None, reason="needs glibc's malloc_trim")
def test_release_gives_freed_pages_back_to_the_system():
    completed = subprocess.run(
        [sys.executable, "-c", FRAGMENTED_HEAP], capture_output=True, text=True, check=True
    )
    held, released = map(float, completed.stdout.split())
    # ~200 MB were allocated and ~196 MB freed; before the release the process still holds them.
    assert held > 150
    assert released < held - 100, (held, released)


def test_release_thread_runs_until_stopped():
    already = set(threading.enumerate())
    stop = start_releasing(every_s=0.05)
    named = [thread for thread in set(threading.enumerate()) - already]
    assert [thread.name for thread in named] == ["release-freed-memory"]
    assert named[0].daemon
    stop.set()
    deadline = time.monotonic() + 5
    while any(thread.is_alive() for thread in named) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(thread.is_alive() for thread in named)


def test_arrow_buffers_come_from_malloc_once_switched():
    # mimalloc, Arrow's default, returns finished threads' heaps only when asked from the main
    # thread; the server's runs and its release thread are never the main thread.
    completed = subprocess.run(
        [
            sys.executable, "-c",
            "from avn_data.memory import use_returnable_allocators\n"
            "import pyarrow\n"
            "before = pyarrow.default_memory_pool().backend_name\n"
            "use_returnable_allocators()\n"
            "print(before, pyarrow.default_memory_pool().backend_name)",
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert completed.stdout.split() == ["mimalloc", "system"]


@pytest.mark.parametrize(
    ("environment", "expected"),
    [({}, None), ({"AVN_RELEASE_MEMORY_EVERY_S": "60"}, 60.0),
     ({"AVN_RELEASE_MEMORY_EVERY_S": "0"}, None), ({"AVN_RELEASE_MEMORY_EVERY_S": "soon"}, None)],
)  # fmt: skip
def test_the_release_thread_runs_only_where_the_server_environment_asks(environment, expected):
    from avn_data.memory import release_interval

    assert release_interval(environment) == expected
