"""The benchmark's machinery, small: the script runs and prints its tables, the server launcher
gives a PID and stops it, and plotly still skips validation where the charts ask it to.
No timings are asserted."""

import os
import socket
import subprocess
import sys
import urllib.request

import plotly.graph_objects as go
import pytest

from avn_data.tables.load import load_treatments
from avn_data.view import figures
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import results
from bench import page_timing
from bench.benchmark import rows_at_each_setting
from tools import server as launcher
from tools.server import ROOT, streamlit_server


def test_the_benchmark_runs_small_and_prints_its_tables(tmp_path):
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "bench/benchmark.py", "--skip-browser", "--sizes", "200,400", "--repeats", "1", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    for heading in ("### 1. Server rerun", "### Profile", "### 3. Scale"):
        assert heading in done.stdout
    assert "| 200 |" in done.stdout and "| 400 |" in done.stdout
    assert "| whole page |" in done.stdout and "| filter step |" in done.stdout
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Benchmark results") and "cores" in report


def test_a_sweep_walks_the_whole_slider_down_and_back():
    assert page_timing.sweep(0, 4) == [
        ("ArrowLeft", 3), ("ArrowLeft", 2), ("ArrowLeft", 1), ("ArrowLeft", 0),
        ("ArrowRight", 1), ("ArrowRight", 2), ("ArrowRight", 3), ("ArrowRight", 4),
    ]  # fmt: skip


def test_the_steps_that_count_are_the_ones_that_change_the_rows():
    rows_at = rows_at_each_setting(load_treatments())
    assert sorted(rows_at) == [0, 1, 2, 3, 4]
    assert list(rows_at.values()) == sorted(rows_at.values())
    assert len(set(rows_at.values())) >= 3


def test_the_launcher_yields_url_and_pid_and_stops_the_server():
    with streamlit_server(app=ROOT / "bench" / "reference_app.py") as server:
        assert server.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as answer:
            assert answer.status == 200
        os.kill(server.pid, 0)  # alive
    with pytest.raises(ProcessLookupError):
        os.kill(server.pid, 0)


def test_plotly_still_skips_validation_when_the_charts_ask():
    """figures.figure_of passes plotly's private `_validate=False` (plotly is pinned in
    requirements.txt). If an upgrade drops or renames it, this fails: the figure would raise,
    or the invalid values would be checked."""
    invalid = {"data": [{"type": "scatter", "marker": {"size": "big"}}], "layout": {"height": -5}}
    unchecked = go.Figure(_validate=False, **invalid)
    assert unchecked.data[0].marker.size == "big" and unchecked.layout.height == -5
    with pytest.raises(ValueError):
        go.Figure(**invalid)


def test_unvalidated_figures_equal_validated_ones():
    rows = results(load_treatments(), FilterSpec(stage=2))
    for figure in (figures.trade_off_map(rows), figures.stage_coverage(rows, 2)):
        checked = go.Figure(figure.to_dict())  # validates every property
        assert checked.to_dict() == figure.to_dict()


def test_a_port_taken_before_the_server_binds_it_is_left_for_another(monkeypatch):
    # What a parallel test worker can do: take the port between its choice and the bind.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1]])
        real_free_port = launcher.free_port
        monkeypatch.setattr(launcher, "free_port", lambda: next(ports, None) or real_free_port())
        with streamlit_server(app=ROOT / "bench" / "reference_app.py") as server:
            assert server.port != taken.getsockname()[1]
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as answer:
                assert answer.status == 200
