"""Benchmark: `make bench` prints each figure and writes bench/results.md.

Every figure is a median over repeats, and each comparison runs in the same process and the same
minute as its reference, because the machine is shared and noisy. Parts:
1. server rerun: the dashboard's full script run (AppTest, warm) against a minimal reference app;
2. browser: time to the first full render, and from a filter change to new rows in charts
   and table (headless Chromium);
3. scale: synthetic tables through validation, filtering, ranking, charts and CSV export,
   against plain pandas reading, masking and writing the same file;
4. server peak memory at each size.
"""

import argparse
import datetime
import io
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from avn_data import charts
from avn_data.export import to_csv_bytes
from avn_data.filters import FilterSpec
from avn_data.load import load_table
from avn_data.view import DEFAULT_VIEW_COLUMNS, results, view_frame
from bench.synthetic import synthetic_csv
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

BENCH_DIR = ROOT / "bench"
OUT_DIR = BENCH_DIR / "out"
# What the profiles showed and what was changed: written by hand, appended to every report.
NOTES = BENCH_DIR / "notes.md"
SPEC = FilterSpec(stage=2, max_invasiveness=1)
CHARTS_DRAWN = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3"


def median_time(action: Callable[[], object], repeats: int) -> float:
    """Median wall seconds of `action` over `repeats` runs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table_text(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, which also reads well in a terminal."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ==== 1. Server rerun ================================================================


def server_rerun(repeats: int) -> str:
    from streamlit.testing.v1 import AppTest

    apps = {
        "dashboard": AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60),
        "reference": AppTest.from_file(str(BENCH_DIR / "reference_app.py"), default_timeout=60),
    }
    for app in apps.values():
        app.run()
        app.run()
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(repeats):
        for name, app in apps.items():
            started = time.perf_counter()
            app.run()
            times[name].append(time.perf_counter() - started)
    dashboard, reference = (statistics.median(times[name]) for name in apps)
    return (
        "### 1. Server rerun (AppTest, warm, median of "
        f"{repeats})\n\n"
        + table_text(
            ["app", "median rerun", "ratio"],
            [
                ["dashboard.py", f"{dashboard * 1000:.0f} ms", f"{dashboard / reference:.2f}×"],
                ["reference app", f"{reference * 1000:.0f} ms", "1.00×"],
            ],
        )
        + "\n\nBudget: at most 1.5× the reference."
    )


# ==== 2. In the browser ==============================================================


def _new_rows_shown(page, expected: int) -> None:
    """Wait until the sentence counts `expected` rows and every chart has drawn a new figure.

    The table is a canvas with no readable rows; it re-renders in the same React commit as
    the sentence, so the charts, which Streamlit draws last, mark the end of the update.
    """
    page.wait_for_function(
        """n => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const sentence = [...document.querySelectorAll('p')]
                .find(p => p.innerText.startsWith('Showing'));
            return plots.length >= 3 && sentence
                && sentence.innerText.startsWith('Showing ' + n + ' of')
                && plots.every((p, i) => p.data && p.data !== window.__before[i]);
        }""",
        arg=expected,
        timeout=120_000,
    )


def browser_figures(data: Path | None, changes: int, label: str) -> list[str]:
    """[label, first render, p50 and p95 filter change, server peak memory], headless Chromium."""
    from playwright.sync_api import sync_playwright

    args = ("--data", str(data)) if data else ()
    table = load_table(data.read_bytes()) if data else None
    with streamlit_server(*args) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        page.goto(f"{url}/?max_invasiveness=1")
        page.wait_for_selector("text=Showing", timeout=300_000)
        page.wait_for_function(CHARTS_DRAWN, timeout=300_000)
        first_render = time.perf_counter() - started
        counts = _expected_counts(table)
        slider = page.get_by_role("slider").first
        durations = []
        for step in range(changes):
            key, expected = ("ArrowLeft", counts[0]) if step % 2 == 0 else ("ArrowRight", counts[1])
            slider.focus()
            page.evaluate(
                "window.__before = [...document.querySelectorAll('.js-plotly-plot')]"
                ".map(p => p.data)"
            )
            started = time.perf_counter()
            page.keyboard.press(key)
            _new_rows_shown(page, expected)
            durations.append(time.perf_counter() - started)
        browser.close()
        peak = peak_memory_mb(int((ROOT / "test-artifacts" / "last-server.pid").read_text()))
    return [
        label,
        f"{first_render:.2f} s",
        f"{statistics.median(durations) * 1000:.0f} ms",
        f"{percentile(durations, 0.95) * 1000:.0f} ms",
        f"{peak:.0f} MB",
    ]


def peak_memory_mb(pid: int) -> float:
    """A live process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _expected_counts(table: pd.DataFrame | None) -> tuple[int, int]:
    """Rows shown at max_invasiveness 0 and 1, the two settings the benchmark steps between."""
    if table is None:
        from avn_data.load import load_treatments

        table = load_treatments()
    return tuple(len(FilterSpec(max_invasiveness=value).apply(table)) for value in (0, 1))


# ==== 3. Scale =======================================================================


def plain_pandas(data: bytes) -> bytes:
    frame = pd.read_csv(io.BytesIO(data))
    kept = frame[
        frame["stage_min"].le(2)
        & frame["stage_max"].ge(2)
        & frame["invasiveness"].le(1)
        & ~frame["surgical"]
    ]
    return kept.to_csv(index=False).encode()


def scale_row(rows: int, repeats: int) -> tuple[list[str], dict[str, float]]:
    data = synthetic_csv(rows)
    table = load_table(data)
    kept = results(table, SPEC)
    steps = {
        "validate": lambda: load_table(data),
        "filter + rank": lambda: results(table, SPEC),
        "charts": lambda: [
            charts.trade_off_map(kept),
            charts.stage_coverage(kept, SPEC.stage),
            charts.duration_chart(kept, SPEC.max_weeks),
        ],
        "export": lambda: to_csv_bytes(view_frame(kept, DEFAULT_VIEW_COLUMNS)),
        "pandas read+mask+write": lambda: plain_pandas(data),
    }
    seconds = {name: median_time(step, repeats) for name, step in steps.items()}
    ours = seconds["validate"] + seconds["filter + rank"] + seconds["export"]
    seconds["ratio"] = ours / seconds["pandas read+mask+write"]
    cells = [f"{rows:,}", f"{len(data) / 1e6:.1f} MB"]
    cells += [f"{seconds[name] * 1000:,.0f} ms" for name in steps]
    cells += [f"{seconds['ratio']:.2f}×"]
    return cells, seconds


def scale(sizes: list[int], repeats: int) -> str:
    header = ["rows", "CSV", "validate", "filter + rank", "charts", "export", "pandas", "ratio"]
    rows, per_row = [], []
    for size in sizes:
        cells, seconds = scale_row(size, repeats if size < 1_000_000 else max(1, repeats // 2))
        rows.append(cells)
        per_row.append((size, seconds["validate"] / size * 1e6))
        print(f"  scale {size:,}: done", flush=True)
    growth = ", ".join(f"{size:,}: {micro:.1f} µs" for size, micro in per_row)
    return (
        f"### 3. Scale (median of {repeats}; 1M rows: median of {max(1, repeats // 2)})\n\n"
        + table_text(header, rows)
        + "\n\nratio = (validate + filter + rank + export) ÷ plain pandas reading, masking and "
        "writing the same file. Budget: within 2× at 1M rows, and linear growth. "
        f"Validation per row: {growth}."
    )


# ==== 4. Memory ======================================================================


def peak_memory(sizes: list[int], browser_changes: int) -> str:
    """Server peak memory and in-browser timings with each synthetic table loaded."""
    OUT_DIR.mkdir(exist_ok=True)
    rows = []
    for size in sizes:
        path = OUT_DIR / f"synthetic-{size}.csv"
        path.write_bytes(synthetic_csv(size))
        rows.append(browser_figures(path, browser_changes, f"{size:,}"))
        print(f"  memory {size:,}: done", flush=True)
    return (
        "### 4. Server peak memory, and the page with a big table\n\n"
        + table_text(
            ["rows", "first render", "filter change p50", "p95", "server peak memory"], rows
        )
        + "\n\nBudget: the page with 100k rows renders and answers a filter change in under 1 s."
    )


# ==== Profile ========================================================================


def profile_rerun(repeats: int) -> str:
    """cProfile of a rerun's own Python work (filter, rank, three charts), bundled table."""
    import cProfile
    import pstats

    from avn_data.load import load_treatments

    table = load_treatments()

    def rerun_work() -> None:
        rows = results(table, SPEC)
        charts.trade_off_map(rows)
        charts.stage_coverage(rows, SPEC.stage)
        charts.duration_chart(rows, SPEC.max_weeks)

    rerun_work()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        rerun_work()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"avn_data", 12)
    lines = [line for line in out.getvalue().splitlines() if ".py:" in line or "ncalls" in line]
    return (
        f"### Profile: a rerun's own Python work ({repeats} runs, cProfile, cumulative)\n\n"
        "```\n" + "\n".join(lines) + "\n```"
    )


# ==== Report =========================================================================


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "freeze"], capture_output=True, text=True, check=False
    ).stdout
    pins = ", ".join(
        line
        for line in versions.splitlines()
        if line.split("==")[0].lower() in {"streamlit", "pandas", "plotly", "pandera"}
    )
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, "
        f"Python {platform.python_version()}, Chromium at {CHROMIUM}; {pins}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000,1000000", help="comma-separated row counts"
    )
    parser.add_argument("--memory-sizes", default="29,1000,10000,100000", help="sizes for part 4")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--browser-changes", type=int, default=20)
    parser.add_argument("--skip-browser", action="store_true", help="parts 1 and 3 only")
    parser.add_argument("--out", default=str(BENCH_DIR / "results.md"))
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",") if size]
    sections = [server_rerun(arguments.repeats), profile_rerun(arguments.repeats)]
    print("\n\n".join(sections) + "\n", flush=True)
    if not arguments.skip_browser:
        header = ["table", "first render", "filter change p50", "p95", "server peak memory"]
        bundled = browser_figures(None, arguments.browser_changes, "bundled (29 rows)")
        sections.append(
            "### 2. In the browser (headless Chromium, "
            f"{arguments.browser_changes} filter changes)\n\n"
            + table_text(header, [bundled])
            + "\n\nBudget: filter change p50 under 150 ms."
        )
        print(sections[-1] + "\n", flush=True)
    sections.append(scale(sizes, arguments.repeats))
    print(sections[-1] + "\n", flush=True)
    if not arguments.skip_browser:
        memory_sizes = [int(size) for size in arguments.memory_sizes.split(",") if size]
        sections.append(peak_memory(memory_sizes, max(4, arguments.browser_changes // 4)))
        print(sections[-1] + "\n", flush=True)
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    report = (
        f"# Benchmark results\n\nRun {datetime.date.today().isoformat()} on {machine()}.\n"
        "Re-run with `make bench` (about 15 minutes); `make bench-quick` skips the browser.\n\n"
        + "\n\n".join(sections)
        + "\n\n"
        + notes
    )
    Path(arguments.out).write_text(report, encoding="utf-8")
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
