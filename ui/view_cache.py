"""Work done once per view, not once per rerun: the ranked rows of the last few views this
session has seen, each chart and frame built from them, and the filters' counts, so that
stepping back to a view costs only the send."""

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


def _remembered(
    cache_name: str, table: pd.DataFrame, key: Hashable, build: Callable[[], Kept]
) -> Kept:
    """What `build` gives for view `key` of `table`, from this session's cache or built now.

    Keyed by the table's identity as well, checked through a weak reference, so a table
    replaced by an upload never answers for its successor, and is not kept alive by the cache.
    """
    cache: OrderedDict[tuple[int, Hashable], tuple[weakref.ref, Kept]] = (
        st.session_state.setdefault(cache_name, OrderedDict())
    )
    slot = (id(table), key)
    entry = cache.get(slot)
    if entry is None or entry[0]() is not table:
        entry = (weakref.ref(table), build())
        cache[slot] = entry
    cache.move_to_end(slot)
    kept = KEPT_VIEWS_OF_A_BIG_TABLE if len(table) > BIG_TABLE_ROWS else KEPT_VIEWS
    while len(cache) > kept:
        cache.popitem(last=False)
    return entry[1]


def seen_view(table: pd.DataFrame, key: Hashable, rank: Callable[[], pd.DataFrame]) -> SeenView:
    """The view `key` of `table`: from this session's cache, or ranked now and kept."""
    return _remembered(VIEW_CACHE, table, key, lambda: SeenView(rank()))


def counted(table: pd.DataFrame, key: Hashable, count: Callable[[], str]) -> str:
    """The filters' counts for view `key` of `table`: from this session's cache, or counted now."""
    return _remembered(COUNTS_CACHE, table, key, count)
