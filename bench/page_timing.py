"""Time a Streamlit page in headless Chromium until it stops changing.

An init script, installed before the page's own code, records in `window.__perf`:
- every DOM mutation that can be painted (a MutationObserver over the whole document; the
  unpainted children of a <canvas> are left out),
- every 2D canvas draw call (the glide data grid draws the table on a canvas, which no
  mutation shows),
- every Plotly `plotly_afterplot` event,
- every WebSocket message sent and received (time and size),
- every finished script run (ForwardMsg.script_finished, read from the received bytes), and
  the app's script state (`data-test-script-state` on `stApp`).

A change is over when the server has finished a run since the start, the page no longer shows
the app as running, every chart is drawn, and nothing of the above has happened for QUIET_MS.
Its time is taken in the page's own clock, from the
start (the slider's key press, or the navigation for a reload) to the last change seen, so
neither the quiet period nor Playwright's polling is part of it.
"""

from dataclasses import dataclass

QUIET_MS = 500
VIEWPORT = {"width": 1400, "height": 1000}
# The slider both the dashboard and the reference app have.
SLIDER_LABEL = "Most invasive"
TIMEOUT_MS = 300_000
# No message sent this long after a key press: the press was lost, press again.
LOST_KEY_MS = 10_000

INIT_SCRIPT = """
(() => {
  const perf = window.__perf = {
    lastChange: 0, dom: 0, canvas: 0, plots: 0, key: null, runs: 0,
    sent: [], received: [],
  };
  const mark = kind => { perf.lastChange = performance.now(); perf[kind] += 1; };
  const hooked = new WeakSet();
  // A canvas's child nodes are never painted: glide's accessible copy of the table lives
  // there and is refreshed on a timer, so changes inside a canvas do not count.
  const painted = record => {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentNode;
    return !(node && node.closest && node.closest('canvas'));
  };
  new MutationObserver(records => {
    const seen = records.filter(painted).length;
    if (seen) { perf.lastChange = performance.now(); perf.dom += seen; }
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
      if (!hooked.has(plot) && typeof plot.on === 'function') {
        hooked.add(plot);
        plot.on('plotly_afterplot', () => mark('plots'));
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        characterData: true, attributeOldValue: true});
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillText', 'fillRect', 'clearRect', 'drawImage', 'stroke', 'fill']) {
    const original = proto[name];
    proto[name] = function (...args) { mark('canvas'); return original.apply(this, args); };
  }
  const size = data => data.byteLength ?? data.size ?? data.length ?? 0;
  // The status of ForwardMsg.script_finished (field 6, a varint) if `bytes` is one, else -1.
  const varint = (bytes, at) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; }
    while (byte & 0x80 && at < bytes.length);
    return [value, at];
  };
  const finished = buffer => {
    const bytes = new Uint8Array(buffer);
    let at = 0;
    while (at < bytes.length) {
      let tag, value;
      [tag, at] = varint(bytes, at);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [value, at] = varint(bytes, at); if (field === 6) return value; }
      else if (wire === 2) { [value, at] = varint(bytes, at); at += value; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return -1;
    }
    return -1;
  };
  // A run is over when the server says it finished (0: the whole script, 3: a fragment);
  // runs stopped early for a newer rerun do not count.
  const received = (time, data) => {
    perf.received.push([time, size(data)]);
    if (data instanceof ArrayBuffer && [0, 3].includes(finished(data))) perf.runs += 1;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => received(performance.now(), event.data));
    }
    send(data) { perf.sent.push([performance.now(), size(data)]); return super.send(data); }
  };
  document.addEventListener('keydown', () => { perf.key = performance.now(); }, true);
})();
"""

# Settled: the script ran since the start and stopped, and the page has been still for QUIET_MS.
SETTLED = """([quiet, runsBefore, plotsWanted]) => {
  const perf = window.__perf;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!perf || !app || perf.runs <= runsBefore) return false;  // no run has ended yet
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // A chart is done when drawn, or when it waits off screen to be drawn on sight.
  const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(
    plot => plot.querySelector('.main-svg')).length;
  const waiting = document.querySelectorAll(
    '.avn-plot[data-pending="off-screen"]:not(.js-plotly-plot)').length;
  if (drawn + waiting < plotsWanted) return false;
  return performance.now() - perf.lastChange >= quiet;
}"""

DIAGNOSE = """(runsBefore) => {
  const perf = window.__perf;
  const app = document.querySelector('[data-testid="stApp"]');
  return {runsBefore, runs: perf.runs, state: app && app.getAttribute('data-test-script-state'),
          stillFor: performance.now() - perf.lastChange, sent: perf.sent.length,
          received: perf.received.length,
          plots: document.querySelectorAll('.js-plotly-plot .main-svg').length};
}"""

READ = """(since) => {
  const perf = window.__perf;
  const after = list => list.filter(([t]) => t >= since);
  const received = after(perf.received), sent = after(perf.sent);
  return {
    last: perf.lastChange, key: perf.key,
    firstSent: sent.length ? sent[0][0] : null,
    firstReceived: received.length ? received[0][0] : null,
    lastReceived: received.length ? received[received.length - 1][0] : null,
    messages: received.length, bytes: received.reduce((sum, [, n]) => sum + n, 0),
    dom: perf.dom, canvas: perf.canvas, plots: perf.plots, runs: perf.runs,
  };
}"""

RESET = """() => {
  const perf = window.__perf;
  perf.dom = 0; perf.canvas = 0; perf.plots = 0; perf.key = null;
  return [performance.now(), perf.runs];
}"""


@dataclass
class Timing:
    """One measured change, in milliseconds of the page's clock."""

    total: float  # from the start (key press or navigation) to the last change
    server: float  # from the start to the last WebSocket message
    messages: int  # WebSocket messages received
    bytes: int  # and their size
    dom: int  # painted DOM mutations
    canvas: int  # 2D canvas draw calls
    plots: int  # Plotly afterplot events


def _timing(reading: dict, start: float) -> Timing:
    last_message = reading["lastReceived"] if reading["lastReceived"] is not None else start
    return Timing(
        total=reading["last"] - start,
        server=last_message - start,
        messages=reading["messages"],
        bytes=reading["bytes"],
        dom=reading["dom"],
        canvas=reading["canvas"],
        plots=reading["plots"],
    )


def settle(
    page, runs_before: int, plots: int = 1, quiet_ms: int = QUIET_MS, timeout_ms: int = TIMEOUT_MS
) -> None:
    """Wait until a run has finished after `runs_before` runs and the page has been still."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            SETTLED, arg=[quiet_ms, runs_before, plots], timeout=timeout_ms, polling=50
        )
    except PlaywrightTimeout as error:
        state = page.evaluate(DIAGNOSE, runs_before)
        raise TimeoutError(f"the page did not settle: {state}") from error


def new_page(browser, viewport: dict | None = None):
    """A page in its own browser context, with the recorder installed before any app code."""
    context = browser.new_context(viewport=viewport or VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    return context.new_page()


def open_page(page, url: str, plots: int = 1) -> Timing:
    """Navigate (a new session) and time it from navigation start until the page is still."""
    page.goto(url, wait_until="commit")
    settle(page, 0, plots)
    return _timing(page.evaluate(READ, 0), 0.0)


def slider_of(page, label: str = SLIDER_LABEL):
    return page.get_by_role("slider", name=label).first


def press(page, key: str, plots: int = 1, label: str = SLIDER_LABEL) -> Timing:
    """Press `key` on the slider named `label` and time it until the page is still again."""
    slider = slider_of(page, label)
    slider.focus()
    _, runs = page.evaluate(RESET)
    sent = page.evaluate("() => window.__perf.sent.length")
    page.keyboard.press(key)
    try:
        settle(page, runs, plots, timeout_ms=LOST_KEY_MS)
    except TimeoutError:
        if page.evaluate("() => window.__perf.sent.length") == sent:
            # The press never reached the slider (it was being redrawn): press again; the
            # time then starts from this press.
            slider.focus()
            page.keyboard.press(key)
        settle(page, runs, plots)
    start = page.evaluate("() => window.__perf.key")
    return _timing(page.evaluate(READ, start), start)


def sweep(low: int = 0, high: int = 4) -> list[tuple[str, int]]:
    """Key presses that walk a slider from its top to its bottom and back: (key, value after)."""
    down = [("ArrowLeft", value) for value in range(high - 1, low - 1, -1)]
    up = [("ArrowRight", value) for value in range(low + 1, high + 1)]
    return down + up


def side_by_side(
    browser, urls: dict[str, str], rows_at: dict[int, int], sweeps: int, reloads: int
) -> dict[str, dict[str, list[Timing]]]:
    """Filter changes and warm reloads of each app in `urls`, interleaved step by step.

    Every app gets the same slider steps across the whole range (top to bottom and back,
    `sweeps` times) right after one another, in alternating order, so a busy moment on the
    shared machine falls on both. Only steps that change the rows (`rows_at`: rows shown at
    each slider value) are kept. Then each app is reloaded `reloads` times the same way: a new
    session on the running, warmed server.
    """
    pages = {name: new_page(browser) for name in urls}
    for name, page in pages.items():
        open_page(page, urls[name])
    for key, _ in sweep():  # warm-up: every view once, not counted
        for page in pages.values():
            press(page, key)
    timings = {name: {"change": [], "reload": []} for name in urls}
    order = list(urls)
    for _ in range(sweeps):
        before = max(rows_at)
        for key, value in sweep(min(rows_at), max(rows_at)):
            order.reverse()
            for name in order:
                timing = press(pages[name], key)
                if rows_at[value] != rows_at[before]:
                    timings[name]["change"].append(timing)
            before = value
    for _ in range(reloads):
        order.reverse()
        for name in order:
            timings[name]["reload"].append(open_page(pages[name], urls[name]))
    for page in pages.values():
        page.context.close()
    return timings
