"""Work done once per view, not once per rerun: the ranked rows of the last few views seen,
each chart and frame built from them, and the filters' counts, so that stepping back to a view
costs only the send.

Views of the table the server started on are kept for every session (a new visitor's first
page is then ready); views of a session's own upload stay in that session, so closing it
frees them.
"""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar, cast

import pandas as pd
import streamlit as st

VIEW_CACHE = "view_cache"
COUNTS_CACHE = "counts_cache"
# A few views are enough to step back and forth; a big table of one's own keeps fewer, as
# each holds a copy of the rows.
KEPT_VIEWS = 8
KEPT_VIEWS_OF_A_BIG_TABLE = 2
BIG_TABLE_ROWS = 10_000
# Shared by every session: the views many people open (the default, the common stages).
KEPT_SHARED_VIEWS = 64

_shared: dict[str, OrderedDict] = {VIEW_CACHE: OrderedDict(), COUNTS_CACHE: OrderedDict()}
_shared_lock = threading.Lock()
_shared_table: weakref.ref[pd.DataFrame] | None = None

Kept = TypeVar("Kept")


@dataclass
class SeenView:
    """One view's rows, and what has been built from them so far (by name)."""

    rows: pd.DataFrame
    built: dict[str, object] = field(default_factory=dict)

    def once(self, name: str, build: Callable[[], Kept]) -> Kept:
        if name not in self.built:
            self.built[name] = build()
        return cast(Kept, self.built[name])


def share_views_of(table: pd.DataFrame) -> None:
    """Keep the views of `table`, the table the server started on, for every session."""
    global _shared_table
    if _shared_table is None or _shared_table() is not table:
        _shared_table = weakref.ref(table)


def forget_shared_views() -> None:
    """Empty the views kept for every session (the benchmark times a view never seen)."""
    with _shared_lock:
        for cache in _shared.values():
            cache.clear()


def _remembered(
    cache_name: str, table: pd.DataFrame, key: Hashable, build: Callable[[], Kept]
) -> Kept:
    """What `build` gives for view `key` of `table`, from a cache or built now.

    Keyed by the table's identity as well, checked through a weak reference, so a table
    replaced by an upload or a changed file never answers for its successor, and is not kept
    alive by the cache.
    """
    shared = _shared_table is not None and _shared_table() is table
    cache: OrderedDict[tuple[int, Hashable], tuple[weakref.ref, Kept]] = (
        _shared[cache_name] if shared else st.session_state.setdefault(cache_name, OrderedDict())
    )
    if len(table) > BIG_TABLE_ROWS:
        kept = KEPT_VIEWS_OF_A_BIG_TABLE
    else:
        kept = KEPT_SHARED_VIEWS if shared else KEPT_VIEWS
    slot = (id(table), key)
    # Sessions run in threads of their own: the shared cache is read and written under the
    # lock, and built outside it, so one session's build never holds up another's page.
    with _shared_lock:
        entry = cache.get(slot)
    if entry is None or entry[0]() is not table:
        entry = (weakref.ref(table), build())
    with _shared_lock:
        cache[slot] = entry
        cache.move_to_end(slot)
        while len(cache) > kept:
            cache.popitem(last=False)
    return entry[1]


def seen_view(table: pd.DataFrame, key: Hashable, rank: Callable[[], pd.DataFrame]) -> SeenView:
    """The view `key` of `table`: from a cache, or ranked now and kept."""
    return _remembered(VIEW_CACHE, table, key, lambda: SeenView(rank()))


def counted(table: pd.DataFrame, key: Hashable, count: Callable[[], str]) -> str:
    """The filters' counts for view `key` of `table`: from a cache, or counted now."""
    return _remembered(COUNTS_CACHE, table, key, count)
