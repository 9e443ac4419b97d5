"""Work done once per view: views of the table the server started on serve every session; an
upload's views stay in its own session; a replaced table never answers for its successor."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT
from ui.view_cache import forget_shared_views

# The tables the script below ranks, and a record of every ranking it had to do.
TABLES: dict[str, pd.DataFrame] = {}
BUILDS: list[str] = []


def rank(which: str) -> pd.DataFrame:
    BUILDS.append(which)
    return TABLES[which].head(2)


def _page() -> None:
    import streamlit as st

    from tests import test_view_cache as here
    from ui.view_cache import seen_view, share_views_of

    share_views_of(here.TABLES["started"])
    which = st.session_state.get("which", "started")
    seen = seen_view(here.TABLES[which], ("stage", 2), lambda: here.rank(which))
    st.write(f"{len(seen.rows)} rows")


def session(which: str) -> AppTest:
    page = AppTest.from_function(_page, default_timeout=APP_TIMEOUT)
    page.session_state["which"] = which
    page.run()
    assert not page.exception
    assert page.markdown[0].value == "2 rows"
    return page


@pytest.fixture(autouse=True)
def fresh_tables():
    TABLES.update(started=pd.DataFrame({"x": range(5)}), own=pd.DataFrame({"x": range(3)}))
    BUILDS.clear()
    forget_shared_views()
    yield
    TABLES.clear()


def test_a_view_of_the_started_table_is_ranked_once_for_every_session():
    first, second = session("started"), session("started")
    first.run()
    assert BUILDS == ["started"]
    assert "view_cache" not in second.session_state


def test_a_view_of_an_upload_is_ranked_in_each_session_and_kept_there():
    first = session("own")
    second = session("own")
    first.run()
    assert BUILDS == ["own", "own"]
    assert len(first.session_state["view_cache"]) == len(second.session_state["view_cache"]) == 1


def test_a_replaced_table_is_ranked_again_not_answered_for_by_its_predecessor():
    session("started")
    TABLES["started"] = TABLES["started"].copy()
    session("started")
    assert BUILDS == ["started", "started"]
