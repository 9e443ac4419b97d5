"""Load test: N concurrent browser sessions against one local server (`make load [SESSIONS=50]`).

Each session is its own Chromium context: it opens the page, waits for the full first render
(sentence, table and three charts), then steps the invasiveness slider and waits for the new
rows. Prints how many succeeded, p50/p95 times, and the server's peak memory.
"""

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

MAX_SESSIONS = 200
SESSION_TIMEOUT_MS = 300_000
CHARTS_DRAWN = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3"


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def one_session(browser, url: str, start_gate: asyncio.Event) -> tuple[float, float]:
    """(seconds to full render, seconds for a filter change to show new rows)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        page.set_default_timeout(SESSION_TIMEOUT_MS)
        await start_gate.wait()
        started = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector("text=Showing")
        await page.wait_for_function(CHARTS_DRAWN)
        rendered = time.perf_counter() - started
        if await page.locator("[data-testid='stException']").count():
            raise RuntimeError("exception box on the page")
        before = await page.locator("p", has_text="Showing").first.inner_text()
        changed_at = time.perf_counter()
        await page.get_by_role("slider").first.focus()
        for _ in range(4):
            await page.keyboard.press("ArrowLeft")
        await page.wait_for_function(
            "t => ![...document.querySelectorAll('p')].some(p => p.innerText === t)", arg=before
        )
        await page.wait_for_function(CHARTS_DRAWN)
        return rendered, time.perf_counter() - changed_at
    finally:
        await context.close()


async def run(sessions: int) -> int:
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    with streamlit_server() as url:
        pid = int(Path(ROOT / "test-artifacts" / "last-server.pid").read_text())
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            gate = asyncio.Event()
            tasks = [asyncio.create_task(one_session(browser, url, gate)) for _ in range(sessions)]
            await asyncio.sleep(1)
            wall = time.perf_counter()
            gate.set()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            wall = time.perf_counter() - wall
            await browser.close()
        memory = peak_memory_mb(pid)
        server_cpu = cpu_seconds(pid)
    done = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    renders = [render for render, _ in done]
    changes = [change for _, change in done]
    print(f"sessions: {sessions}   succeeded: {len(done)}   failed: {len(failures)}")
    print(f"wall time for all sessions: {wall:.1f} s")
    if done:
        for label, values in (("full render", renders), ("filter change", changes)):
            print(
                f"{label:<14} p50 {statistics.median(values):6.2f} s"
                f"   p95 {percentile(values, 0.95):6.2f} s"
            )
    print(f"server peak memory: {memory:.0f} MB")
    print(f"server CPU time: {server_cpu:.0f} s of {wall:.0f} s wall on {os.cpu_count()} cores")
    for failure in failures[:5]:
        print(f"failure: {type(failure).__name__}: {str(failure).splitlines()[0][:160]}")
    return 0 if not failures else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=50, help=f"1 to {MAX_SESSIONS}")
    arguments = parser.parse_args()
    if not 1 <= arguments.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1 to {MAX_SESSIONS}")
    sys.exit(asyncio.run(run(arguments.sessions)))


if __name__ == "__main__":
    main()
