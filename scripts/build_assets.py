"""Put the pinned plotly package's plotly.js into static/ under a name that carries its version.

Run by `make` after installing (never by the page, so a read-only install serves it as built):
a new plotly version gets a new URL, so no browser keeps a stale copy; older copies are removed.
"""

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui.plotly_asset import PLOTLY_JS, SERVED_PLOTLY_JS


def main() -> None:
    SERVED_PLOTLY_JS.parent.mkdir(exist_ok=True)
    for old in SERVED_PLOTLY_JS.parent.glob("plotly-*.min.js"):
        if old != SERVED_PLOTLY_JS:
            old.unlink()
    if not SERVED_PLOTLY_JS.exists() or SERVED_PLOTLY_JS.read_bytes() != PLOTLY_JS.read_bytes():
        staged = SERVED_PLOTLY_JS.with_suffix(".partial")
        shutil.copyfile(PLOTLY_JS, staged)
        staged.replace(SERVED_PLOTLY_JS)
    print(f"served plotly.js: static/{SERVED_PLOTLY_JS.name}")


if __name__ == "__main__":
    main()
