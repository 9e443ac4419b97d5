"""Where the bundled data lives, and the one caching rule for every file read from it."""

from collections.abc import Callable, Sequence
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
    result: Result = _cached(read, resolved, versions, *args)
    return result


@lru_cache(maxsize=256)
def _resolved(path: Path) -> Path:
    # Resolving walks the file system; a page run asks for the same few paths hundreds of times.
    return path.resolve()
