"""Load test against one local server (`make load [SESSIONS=50] [CLOSED_SESSIONS=30]`).

Part 1, concurrent sessions: each is its own Chromium context: it opens the page, waits for
the full first render (sentence, table and charts), then steps the invasiveness slider and
waits for the new rows. Prints how many succeeded, p50/p95 times, and the server's peak memory.

Part 2, closed sessions give their memory back: a fresh server with a short disconnected-
session TTL; N sessions each upload a table and open its view, then all close. The server's
resident memory (RSS, its idle level over a few quiet seconds) is read before, right after
they close, and after Streamlit's session expiry has dropped them (a later visitor's session is
what makes the expiry run: it is lazy). A second round of N tells memory the server freed and
reuses (RSS stays where it was) from memory it still holds (RSS grows again by as much).

Everything runs on 127.0.0.1, with a bounded number of sessions and bounded waits.
"""

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright

from avn_data.memory import RELEASE_EVERY_S
from bench.synthetic import synthetic_csv
from tools.server import (
    CHARTS_SETTLED,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    cpu_seconds,
    memory_mb,
    streamlit_server,
)

MAX_SESSIONS = 200
SESSION_TIMEOUT_MS = 300_000
# Part 2: sessions expire this long after their browser tab closed (Streamlit's default is 120 s).
SESSION_TTL_S = 10
UPLOAD_ROWS = 5_000
UPLOADS_AT_ONCE = 4
IDLE_SAMPLES = 5


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ==== Part 1: concurrent sessions =====================================================


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
        await page.wait_for_function(CHARTS_SETTLED)
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
        await page.wait_for_function(CHARTS_SETTLED)
        return rendered, time.perf_counter() - changed_at
    finally:
        await context.close()


async def concurrent(sessions: int) -> int:
    with streamlit_server() as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            gate = asyncio.Event()
            tasks = [
                asyncio.create_task(one_session(browser, server.url, gate)) for _ in range(sessions)
            ]
            await asyncio.sleep(1)
            wall = time.perf_counter()
            gate.set()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
            wall = time.perf_counter() - wall
            await browser.close()
        memory = memory_mb(server.pid, "VmHWM")
        server_cpu = cpu_seconds(server.pid)
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
    print(f"server CPU time: {server_cpu:.0f} s of {wall:.0f} s wall")
    for failure in failures[:5]:
        print(f"failure: {type(failure).__name__}: {str(failure).splitlines()[0][:160]}")
    return len(failures)


# ==== Part 2: closed sessions give their memory back ==================================


async def _visit(browser, url: str, upload: Path | None, rows: int) -> object:
    """A session that opens the page and, with `upload`, loads that table; left open."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(SESSION_TIMEOUT_MS)
    await page.goto(url)
    await page.wait_for_selector("text=Showing")
    if upload is not None:
        await page.locator("input[type=file]").first.set_input_files(str(upload))
        await page.wait_for_function(
            """rows => [...document.querySelectorAll('p')].some(p =>
                p.innerText.startsWith('Showing') && p.innerText.includes(` of ${rows} `))""",
            arg=rows,
        )
    await page.wait_for_function(CHARTS_SETTLED)
    return context


async def _idle_rss(pid: int, seconds: float = 5) -> float:
    """The lowest RSS over a few seconds of quiet: the server's idle level."""
    samples = []
    for _ in range(IDLE_SAMPLES):
        await asyncio.sleep(seconds / IDLE_SAMPLES)
        samples.append(memory_mb(pid))
    return min(samples)


async def _open_and_close(browser, url: str, count: int, upload: Path, rows: int) -> float:
    """Open `count` uploading sessions (a few at a time), keep them all open, close them."""
    contexts = []
    started = time.perf_counter()
    for first in range(0, count, UPLOADS_AT_ONCE):
        batch = range(first, min(count, first + UPLOADS_AT_ONCE))
        contexts += await asyncio.gather(*(_visit(browser, url, upload, rows) for _ in batch))
    opened = time.perf_counter() - started
    for context in contexts:
        await context.close()
    return opened


async def closed_sessions(count: int, ttl: int, upload_rows: int, rounds: int) -> list[dict]:
    """Server RSS (MB) before, with `count` uploading sessions open, after they close, and
    after their expiry; each session uploads a synthetic table of `upload_rows` rows. A second
    round tells memory the server freed and reuses (RSS stays) from memory it still holds
    (RSS grows again by as much)."""
    upload = ROOT / "test-artifacts" / f"load-upload-{upload_rows}.csv"
    upload.parent.mkdir(exist_ok=True)
    upload.write_bytes(synthetic_csv(upload_rows))
    results = []
    options = ("--server.disconnectedSessionTTL", str(ttl))
    with streamlit_server(options=options) as server:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            # One visit and its expiry first, so imports and caches are in the baseline.
            await (await _visit(browser, server.url, upload, upload_rows)).close()
            await asyncio.sleep(ttl + 2)
            await (await _visit(browser, server.url, None, 0)).close()
            before = await _idle_rss(server.pid)
            for _ in range(rounds):
                figures = {"upload MB": upload.stat().st_size / 1e6, "before": before}
                figures["open s"] = await _open_and_close(
                    browser, server.url, count, upload, upload_rows
                )
                figures["closed"] = await _idle_rss(server.pid)
                await asyncio.sleep(ttl + 2)
                figures["expired, before a new visit"] = await _idle_rss(server.pid)
                # Expiry is lazy: the next session stored (this visit's, when it closes)
                # drops the expired ones; the server's release thread returns their memory
                # within RELEASE_EVERY_S, so the idle level is read over a few of those.
                await (await _visit(browser, server.url, None, 0)).close()
                figures["after expiry"] = await _idle_rss(server.pid, seconds=3 * RELEASE_EVERY_S)
                figures["peak"] = memory_mb(server.pid, "VmHWM")
                results.append(figures)
            await browser.close()
    return results


def report_closed(count: int, rounds: list[dict]) -> None:
    first = rounds[0]
    print(
        f"\nclosed sessions: {len(rounds)} round(s) of {count} sessions, each uploading a "
        f"{first['upload MB']:.1f} MB table and closing"
    )
    for number, figures in enumerate(rounds, start=1):
        before = first["before"]
        print(f"  round {number} ({figures['open s']:.0f} s to open them):")
        for name in ("before", "closed", "expired, before a new visit", "after expiry"):
            print(
                f"    server RSS {name:<28} {figures[name]:7.0f} MB  "
                f"({figures[name] - before:+.0f} MB)"
            )
        kept = (figures["after expiry"] - before) / (count * number)
        print(f"    kept per closed session so far: {kept:.1f} MB; peak {figures['peak']:.0f} MB")


async def run(sessions: int, closed: int, ttl: int, upload_rows: int, rounds: int) -> int:
    failures = 0
    if sessions:
        failures += await concurrent(sessions)
    if closed:
        report_closed(closed, await closed_sessions(closed, ttl, upload_rows, rounds))
    return 0 if not failures else 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=50, help=f"part 1: 0 to {MAX_SESSIONS}")
    parser.add_argument(
        "--closed-sessions", type=int, default=30, help=f"part 2: 0 to {MAX_SESSIONS}"
    )
    parser.add_argument("--ttl", type=int, default=SESSION_TTL_S, help="part 2: seconds, 1-300")
    parser.add_argument("--upload-rows", type=int, default=UPLOAD_ROWS, help="part 2: 10-100000")
    parser.add_argument("--rounds", type=int, default=2, help="part 2: 1 to 5")
    arguments = parser.parse_args()
    for name in ("sessions", "closed_sessions"):
        if not 0 <= getattr(arguments, name) <= MAX_SESSIONS:
            parser.error(f"--{name.replace('_', '-')} must be 0 to {MAX_SESSIONS}")
    if not (
        1 <= arguments.ttl <= 300
        and 10 <= arguments.upload_rows <= 100_000
        and 1 <= arguments.rounds <= 5
    ):
        parser.error("--ttl must be 1 to 300, --upload-rows 10 to 100000, --rounds 1 to 5")
    closed = (arguments.closed_sessions, arguments.ttl, arguments.upload_rows, arguments.rounds)
    sys.exit(asyncio.run(run(arguments.sessions, *closed)))


if __name__ == "__main__":
    main()
