"""Save screenshots of the running dashboard for the README: `make screenshot [VIEW=query]`."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--view", default="stage=2", help="query string of the view to capture")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--height", type=int, default=2400, help="viewport height in pixels")
    arguments = parser.parse_args()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    with streamlit_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": arguments.height})
        page.goto(f"{url}/?{arguments.view}")
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3", timeout=60_000
        )
        page.wait_for_timeout(1000)
        page.screenshot(path=arguments.out)
        browser.close()
    print(f"saved {arguments.out}")


if __name__ == "__main__":
    main()
