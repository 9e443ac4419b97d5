"""Profile one filter change, in the browser and on the server: `make profile`.

Browser: Chromium's own counters (CDP Performance.getMetrics: main-thread task, script,
layout and style time) around each change, and a CPU profile (CDP Profiler) of the changes,
its self time summed by script bundle and by function. Server: a CPU-clock profile (yappi,
all threads) of the same slider steps run through Streamlit's AppTest, summed by the page's
own functions. The dashboard and the reference app are profiled the same way; what the
profiles showed is written by hand into bench/notes.md.
"""

import argparse
import collections
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import page_timing
from tools.server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

REFERENCE = ROOT / "bench" / "reference_app.py"
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
STEPS = [value for _, value in page_timing.sweep()]


def _metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def _bundle(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    return name.split(".")[0] or "(browser)"


def browser_profile(app: Path, app_args: list[str], sweeps: int) -> str:
    from playwright.sync_api import sync_playwright

    with streamlit_server(*app_args, app=app) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = page_timing.new_page(browser)
        page_timing.open_page(page, server.url)
        for key, _ in page_timing.sweep():
            page_timing.press(page, key)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        busy: dict[str, list[float]] = collections.defaultdict(list)
        totals = []
        for _ in range(sweeps):
            for key, _ in page_timing.sweep():
                before = _metrics(cdp)
                timing = page_timing.press(page, key)
                after = _metrics(cdp)
                totals.append(timing.total)
                for name in METRICS:
                    # Includes the quiet period's polling, which is a few ms.
                    busy[name].append((after[name] - before[name]) * 1000)
        profile = cdp.send("Profiler.stop")["profile"]
        browser.close()
    lines = [
        f"{app.name} {' '.join(app_args)}: {len(totals)} changes, median "
        f"{statistics.median(totals):.0f} ms to still",
        "  main thread per change (median): "
        + ", ".join(f"{name} {statistics.median(busy[name]):.0f} ms" for name in METRICS),
    ]
    lines += _cpu_profile_summary(profile, len(totals))
    return "\n".join(lines)


def _cpu_profile_summary(profile: dict, changes: int, top: int = 15) -> list[str]:
    nodes = {node["id"]: node for node in profile["nodes"]}
    self_time: collections.Counter = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        self_time[sample] += delta / 1000
    by_bundle: collections.Counter = collections.Counter()
    by_function: collections.Counter = collections.Counter()
    for node_id, ms in self_time.items():
        frame = nodes[node_id]["callFrame"]
        bundle = _bundle(frame["url"]) if frame["url"] else frame["functionName"] or "(native)"
        if bundle in ("(idle)", "(program)"):
            continue
        by_bundle[bundle] += ms
        by_function[f"{frame['functionName'] or '(anonymous)'} [{bundle}]"] += ms
    lines = ["  JS self time per change by bundle:"]
    lines += [f"    {ms / changes:7.1f} ms  {name}" for name, ms in by_bundle.most_common(8)]
    lines.append("  top functions, self time per change:")
    lines += [f"    {ms / changes:7.1f} ms  {name}" for name, ms in by_function.most_common(top)]
    return lines


def server_profile(app: Path, app_args: list[str], key: str | None, reruns: int) -> str:
    """CPU time per rerun by function (yappi, CPU clock, every thread), over slider steps."""
    import yappi
    from streamlit.testing.v1 import AppTest

    sys.argv = [str(app), *app_args]
    test = AppTest.from_file(str(app), default_timeout=120)
    test.run()
    test.run()
    yappi.clear_stats()
    yappi.set_clock_type("cpu")
    yappi.start(builtins=False)
    started = time.process_time()
    # The slider of the last whole-page tree: after a keyed fragment rerun, AppTest's tree
    # holds only the fragments that ran, and the filter column is not among them.
    slider = test.select_slider(key=key) if key else test.slider[0]
    for step in range(reruns):
        slider.set_value(STEPS[step % len(STEPS)]).run()
    cpu = (time.process_time() - started) / reruns * 1000
    yappi.stop()
    rows = []
    root = str(ROOT) + "/"
    for stat in yappi.get_func_stats():
        module = stat.module.replace(root, "").split("site-packages/")[-1]
        rows.append((stat.ttot / reruns * 1000, stat.ncall / reruns, f"{stat.name} ({module})"))
    ours = [
        row
        for row in sorted(rows, reverse=True)
        if any(part in row[2] for part in ("(ui/", "(avn_data/", "(dashboard.py", "reference_app"))
        or any(word in row[2] for word in ("plotly_chart", "dataframe", "marshall", "_enqueue"))
    ]
    lines = [
        f"{app.name}: {cpu:.0f} ms CPU per rerun under the profiler (yappi inflates it; "
        "read the shares)",
    ]
    lines += [f"  {ms:7.1f} ms {calls:6.0f}×  {name}" for ms, calls, name in ours[:40]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="a table to start both apps on (default: bundled)")
    parser.add_argument("--sweeps", type=int, default=2, help="browser: slider sweeps")
    parser.add_argument("--reruns", type=int, default=16, help="server: AppTest reruns")
    parser.add_argument("--skip-browser", action="store_true")
    arguments = parser.parse_args()
    app_args = ["--data", arguments.data] if arguments.data else []
    print(server_profile(ROOT / "dashboard.py", app_args, "max_invasiveness", arguments.reruns))
    print(server_profile(REFERENCE, app_args, None, arguments.reruns), flush=True)
    if not arguments.skip_browser:
        for app in (ROOT / "dashboard.py", REFERENCE):
            print(browser_profile(app, app_args, arguments.sweeps), flush=True)


if __name__ == "__main__":
    main()
