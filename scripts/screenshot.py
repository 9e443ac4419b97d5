"""Save the README's screenshots of the running dashboard: `make screenshot [VIEW=query]`.

docs/screenshot.png is the page in a 1400-px-wide window; docs/screenshot-phone.png is the same
view on a 390 x 844 phone, scrolled to the list, which a phone shows as cards.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from tools.server import CHARTS_SETTLED, CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

PHONE = {"width": 390, "height": 844}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--view", default="stage=2&aim=disease", help="query string of the view to capture"
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--phone-out", default=str(ROOT / "docs" / "screenshot-phone.png"))
    parser.add_argument("--height", type=int, default=2400, help="viewport height in pixels")
    arguments = parser.parse_args()
    with streamlit_server() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": arguments.height})
        page.goto(f"{server.url}/?{arguments.view}")
        page.wait_for_function(CHARTS_SETTLED, timeout=60_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=arguments.out)
        print(f"saved {arguments.out}")

        phone = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True)
        phone.goto(f"{server.url}/?{arguments.view}")
        phone.wait_for_function(CHARTS_SETTLED, timeout=60_000)
        phone.get_by_text("Showing", exact=False).first.evaluate(
            "line => line.scrollIntoView({block: 'start'})"
        )
        phone.wait_for_timeout(1000)
        phone.screenshot(path=arguments.phone_out)
        print(f"saved {arguments.phone_out}")
        browser.close()


if __name__ == "__main__":
    main()
