"""Fixtures' machinery for browser tests; the server launcher itself lives in tools/server.py."""

import contextlib
from collections.abc import Iterator

from tools.server import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port
from tools.server import streamlit_server as _server

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "free_port", "streamlit_server"]


@contextlib.contextmanager
def streamlit_server(*app_args: str) -> Iterator[str]:
    """The dashboard on 127.0.0.1 and a free port, as its URL (tools.server has the PID)."""
    with _server(*app_args) as server:
        yield server.url
