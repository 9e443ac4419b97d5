"""A Streamlit server for tests, benchmarks and screenshots: 127.0.0.1, a free port, its PID.

    with streamlit_server("--data", "big.csv") as server:
        page.goto(server.url)
        print(server.pid)

The server is stopped by its own PID when the block ends (SIGTERM, then SIGKILL after 10 s);
nothing is written to a PID file and no process is looked up by name.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The dashboard's server (serve.py: reads the table as it starts, then serves dashboard.py).
SERVER = ROOT / "serve.py"
LOG_DIR = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOST = "127.0.0.1"
# The page's three Explore charts are done: each drawn, or waiting off screen to be drawn when
# it is scrolled into view (ui/plot_in_place.js).
CHARTS_SETTLED = """(() => {
  const plots = [...document.querySelectorAll('.avn-plot')];
  return plots.length >= 3 && plots.every(plot => plot.dataset.pending === 'off-screen'
    || (!plot.dataset.pending && plot.querySelector('.main-svg')));
})()"""


@dataclass(frozen=True)
class Server:
    """A running server: where to reach it, which process it is, and where it logs."""

    url: str
    pid: int
    port: int
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _static_serving(app: Path) -> tuple[str, ...]:
    # The project's config serves the dashboard's static/ (plotly.js); another app (the
    # benchmark's reference) has no such folder beside it, and Streamlit would warn.
    return () if app == SERVER else ("--server.enableStaticServing", "false")


class PortTaken(RuntimeError):
    """The server exited before it answered, having found its port in use."""


PORT_ATTEMPTS = 3


@contextlib.contextmanager
def streamlit_server(
    *app_args: str,
    app: Path = SERVER,
    options: Sequence[str] = (),
    timeout: float = 60,
) -> Iterator[Server]:
    """`streamlit run APP` on 127.0.0.1 and a free port, with `app_args` after `--`.

    `options` are extra Streamlit flags, e.g. ("--server.disconnectedSessionTTL", "5").
    """
    LOG_DIR.mkdir(exist_ok=True)
    # Another process (a parallel test worker) can take the free port before the server binds
    # it: the server then exits at once, and a new port is tried.
    for attempt in range(1, PORT_ATTEMPTS + 1):
        try:
            with _serve(app, app_args, options, timeout) as server:
                yield server
            return
        except PortTaken:
            if attempt == PORT_ATTEMPTS:
                raise


@contextlib.contextmanager
def _serve(
    app: Path, app_args: Sequence[str], options: Sequence[str], timeout: float
) -> Iterator[Server]:
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", HOST, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", *_static_serving(app), *options, "--", *app_args,
    ]  # fmt: skip
    log_path = LOG_DIR / f"streamlit-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://{HOST}:{port}"
        try:
            try:
                wait_until_healthy(url, process, timeout)
            except RuntimeError as error:
                if "is not available" in log_path.read_text(errors="replace"):
                    raise PortTaken(f"port {port} was taken") from error
                raise
            yield Server(url=url, pid=process.pid, port=port, log=log_path)
        finally:
            _stop(process)


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A live process's resident memory now (VmRSS) or at its peak (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
