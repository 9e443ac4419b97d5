"""The benchmark script runs on a tiny size and prints its tables (no timings are asserted)."""

import subprocess
import sys

from tests.browser import ROOT


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
    assert "| dashboard.py |" in done.stdout and "| reference app |" in done.stdout
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# Benchmark results") and "cores" in report
