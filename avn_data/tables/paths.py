"""Where the bundled data lives, and the one caching rule for every file read from it."""

import threading
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
Result = TypeVar("Result")


# Room for every data file and a few hundred derived results (e.g. a natural course per
# person): evicting one costs a re-read, never a wrong answer.
@lru_cache(maxsize=512)
def _cached(
    read: Callable[..., Any], path: Path, versions: tuple[tuple[str, int], ...], *args: Any
) -> Any:
    return read(path, *args)


def _version(path: Path) -> tuple[str, int]:
    return str(path), path.stat().st_mtime_ns


def fresh(
    read: Callable[..., Result], path: Path, *args: Any, depends_on: Sequence[Path] = ()
) -> Result:
    """`read(path, *args)`, reused until `path` or a file it `depends_on` changes on disk.

    Every data file goes through this one rule, so an edited file is picked up on the next
    run without a restart, and an unchanged one is read once. Callers treat the result as
    read-only: it is shared.
    """
    resolved = _resolved(Path(path))
    versions = tuple(_version(_resolved(Path(other))) for other in (resolved, *depends_on))
    key = (read, resolved, versions, *args)
    # Callers asking at once (the server reading its table at start, a first visitor) wait
    # for one read instead of each reading the file.
    reading = _reading(key)
    with reading:
        try:
            result: Result = _cached(read, resolved, versions, *args)
        finally:
            _done_reading(key, reading)
    return result


_readings: dict[Hashable, threading.Lock] = {}
_readings_guard = threading.Lock()


def _reading(key: Hashable) -> threading.Lock:
    with _readings_guard:
        return _readings.setdefault(key, threading.Lock())


def _done_reading(key: Hashable, reading: threading.Lock) -> None:
    with _readings_guard:
        if _readings.get(key) is reading:
            del _readings[key]


@lru_cache(maxsize=256)
def _resolved(path: Path) -> Path:
    # Resolving walks the file system; a page run asks for the same few paths hundreds of times.
    return path.resolve()
