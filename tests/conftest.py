"""Shared fixtures and the one Hypothesis profile every property test runs under."""

import functools

import pandas as pd
import pytest
import streamlit.components.v2.manifest_scanner as manifest_scanner
from hypothesis import HealthCheck, settings

from avn_data.tables.load import load_table
from tests.tables import SMALL_TABLE_ROWS, csv_bytes

# Deterministic on any machine, however loaded: no per-example deadline and no speed health
# check (both measure wall-clock time, so a busy CI machine failed them at random), the same
# examples on every run (derandomize), and no example database carried between runs.
settings.register_profile(
    "deterministic",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("deterministic")

# Seconds an AppTest run may take. Only a hang should ever reach it: a run takes a second or two,
# but many times that on a loaded machine, where a tight limit failed at random.
APP_TIMEOUT = 120


# Every new AppTest scans all installed packages for component manifests (about 180 ms here,
# and the suite makes hundreds); a server does it once at start. The installed packages do not
# change during a run, so one scan answers for all.
manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)


@pytest.fixture(scope="session")
def small_table() -> pd.DataFrame:
    """Six treatments, two of them surgical, loaded through the real loader."""
    return load_table(csv_bytes(SMALL_TABLE_ROWS))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Under pytest-xdist (`--dist loadgroup`), a module's browser tests run on one worker, one
    # after another, sharing the module's server and Chromium; other workers take the other
    # browser module and the rest. Browser tests spread one by one started a server and a
    # Chromium per module on every worker, and two pages at once on 2 cores slowed both.
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(f"browser:{item.path.name}"))
