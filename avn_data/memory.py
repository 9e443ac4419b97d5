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
  after expiry with the default, +20 MB with two arenas).
- A background thread collects and trims now and then, so no page run waits for it.
"""

import ctypes
import ctypes.util
import gc
import threading
from collections.abc import Callable
from functools import cache

RELEASE_EVERY_S = 15.0
MALLOC_ARENAS = 2
# mallopt's parameter number for the arena limit (glibc's malloc.h).
M_ARENA_MAX = -8


# Each glibc function called here, with its C signature: (argument types, result type).
_SIGNATURES: dict[
    str, tuple[list[type[ctypes.c_int] | type[ctypes.c_size_t]], type[ctypes.c_int]]
] = {
    "mallopt": ([ctypes.c_int, ctypes.c_int], ctypes.c_int),
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
    """Allocate so that `release_freed_memory` can return what is freed: Arrow buffers with
    malloc, and malloc with few arenas. Call it before the first session's data is loaded."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    mallopt = _glibc("mallopt")
    if mallopt is not None:
        mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def release_freed_memory() -> None:
    """Collect unreachable cycles, then hand the pages freed so far back to the system."""
    # The page turns Streamlit's post-run collection off (speed), so a dropped session's
    # cycles wait for Python's own collector; collect them before trimming.
    gc.collect()
    trim = _glibc("malloc_trim")
    if trim is not None:
        trim(0)


def _release_forever(every_s: float, stop: threading.Event) -> None:
    while not stop.wait(every_s):
        release_freed_memory()


def start_releasing(every_s: float = RELEASE_EVERY_S) -> threading.Event:
    """Release freed memory every `every_s` seconds on a daemon thread; set the returned
    event to stop it."""
    stop = threading.Event()
    threading.Thread(
        target=_release_forever, args=(every_s, stop), name="release-freed-memory", daemon=True
    ).start()
    return stop
