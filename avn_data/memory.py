"""Give freed memory back to the system after closed sessions are dropped.

When Streamlit drops an expired session, its upload and rows are freed, but the allocators
keep the freed pages: the server stayed ~550 MB above idle after 20 closed upload sessions
(bench/notes.md). Nothing leaked (a second round reused it), but a server that only ever
grows to its busiest moment is not one to leave running. Three things return it:

- Arrow's buffers (pandas' strings) go to the system allocator instead of Arrow's default
  mimalloc pool: mimalloc hands back the heaps of finished threads (every Streamlit run has
  its own) only when asked from the main thread, which a Streamlit app never runs on.
- glibc keeps at most two arenas: with one per thread, freed pages were scattered over many
  half-used arenas that trimming could not empty (6 closed upload sessions: +74 MB kept
  after expiry with the default, +20 MB with two arenas). That is set where the server
  starts, as MALLOC_ARENA_MAX=2 in its environment (`make run`), since glibc reads it before
  any thread exists.
- A background thread trims now and then, so no page run waits for it. It runs only on a
  server started with AVN_RELEASE_MEMORY_EVERY_S in its environment (`make run`), never in
  tests or tools that import the page, and it forces no garbage collection: Python's own
  collector runs as it does everywhere, and a full collection would hold the interpreter
  lock while a busy server's sessions wait.
"""

import ctypes
import ctypes.util
import os
import threading
from collections.abc import Callable, Mapping
from functools import cache

RELEASE_EVERY_ENV = "AVN_RELEASE_MEMORY_EVERY_S"


# Each glibc function called here, with its C signature: (argument types, result type).
_SIGNATURES: dict[
    str, tuple[list[type[ctypes.c_int] | type[ctypes.c_size_t]], type[ctypes.c_int]]
] = {
    "malloc_trim": ([ctypes.c_size_t], ctypes.c_int),
}


@cache
def _glibc(function: str) -> Callable[..., int] | None:
    """A glibc function, or None on a C library without it (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        found = getattr(ctypes.CDLL(name), function) if name else None
    except (OSError, AttributeError):
        return None
    if found is not None:
        # Declared so that ctypes converts the arguments as C does instead of guessing.
        found.argtypes, found.restype = _SIGNATURES[function]
    return found


def use_returnable_allocators() -> None:
    """Allocate Arrow buffers with malloc, so that `release_freed_memory` can return them.
    Call it before the first session's data is loaded."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def release_freed_memory() -> None:
    """Hand the pages freed so far back to the system."""
    trim = _glibc("malloc_trim")
    if trim is not None:
        trim(0)


def release_interval(environment: Mapping[str, str] = os.environ) -> float | None:
    """Seconds between releases, from AVN_RELEASE_MEMORY_EVERY_S; None (no thread) when it
    is unset, not a number, or not above zero."""
    try:
        every_s = float(environment.get(RELEASE_EVERY_ENV, ""))
    except ValueError:
        return None
    return every_s if every_s > 0 else None


def _release_forever(every_s: float, stop: threading.Event) -> None:
    while not stop.wait(every_s):
        release_freed_memory()


def start_releasing(every_s: float) -> threading.Event:
    """Release freed memory every `every_s` seconds on a daemon thread; set the returned
    event to stop it."""
    stop = threading.Event()
    threading.Thread(
        target=_release_forever, args=(every_s, stop), name="release-freed-memory", daemon=True
    ).start()
    return stop
