"""Work done once per view, not once per rerun: the ranked rows of the last few views this
session has seen, and each chart built from them, so that stepping back to a view costs only
the send."""

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

VIEW_CACHE = "view_cache"
# A few views are enough to step back and forth; a big table of one's own keeps fewer, as
# each holds a copy of the rows.
KEPT_VIEWS = 8
KEPT_VIEWS_OF_A_BIG_TABLE = 2
BIG_TABLE_ROWS = 10_000


@dataclass
class SeenView:
    """One view's rows, and what has been built from them so far (by name)."""

    table: weakref.ref
    rows: pd.DataFrame
    built: dict[str, object] = field(default_factory=dict)

    def once(self, name: str, build: Callable[[], object]) -> object:
        if name not in self.built:
            self.built[name] = build()
        return self.built[name]


def seen_view(table: pd.DataFrame, key: Hashable, rank: Callable[[], pd.DataFrame]) -> SeenView:
    """The view `key` of `table`: from this session's cache, or ranked now and kept.

    Keyed by the table's identity as well, checked through a weak reference, so a table
    replaced by an upload never answers for its successor, and is not kept alive by the cache.
    """
    cache: OrderedDict[tuple[int, Hashable], SeenView] = st.session_state.setdefault(
        VIEW_CACHE, OrderedDict()
    )
    slot = (id(table), key)
    view = cache.get(slot)
    if view is None or view.table() is not table:
        view = SeenView(weakref.ref(table), rank())
        cache[slot] = view
    cache.move_to_end(slot)
    kept = KEPT_VIEWS_OF_A_BIG_TABLE if len(table) > BIG_TABLE_ROWS else KEPT_VIEWS
    while len(cache) > kept:
        cache.popitem(last=False)
    return view
