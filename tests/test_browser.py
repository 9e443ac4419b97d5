"""The real page in headless Chromium: charts render, filters and links work, download matches CLI."""

import csv
import io
import os
import re
import subprocess
import sys

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
RENDER_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("AVN_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and browser tests are required")
        pytest.skip(f"{CHROMIUM} is missing; run `make test` as root to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_url():
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server() as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def open_view(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("text=Showing", timeout=RENDER_TIMEOUT_MS)
    wait_for_charts(page)


def wait_for_charts(page) -> None:
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
        timeout=RENDER_TIMEOUT_MS,
    )


def summary_text(page) -> str:
    return page.locator("p").filter(has_text=re.compile(r"^Showing")).first.inner_text()


def chart_ids(page) -> list[list[str]]:
    """The treatment ids each Plotly chart on the page draws, read from the live figures."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
               [...new Set(plot.data.flatMap(trace => trace.customdata || []).filter(Boolean))].sort())"""
    )


def cli_export_ids(*flags: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "avn_data", "export", *flags],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return [row["treatment_id"] for row in csv.DictReader(io.StringIO(done.stdout))]


def test_the_page_renders_charts_without_errors(page, app_url):
    open_view(page, app_url)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    assert page.get_by_text("does not replace your doctor").first.is_visible()
    ids = chart_ids(page)
    assert len(ids) == 3 and ids[0] == ids[1] == ids[2] == sorted(cli_export_ids())
    page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)
    assert page.console_errors == []


def test_a_filter_change_updates_charts_and_table(page, app_url):
    open_view(page, app_url)
    before = summary_text(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "text => ![...document.querySelectorAll('p')].some(p => p.innerText === text)",
        arg=before,
        timeout=RENDER_TIMEOUT_MS,
    )
    wait_for_charts(page)
    page.wait_for_url("**max_invasiveness=0**")
    expected = sorted(cli_export_ids("--max-invasiveness", "0"))
    page.wait_for_function(
        "n => [...document.querySelectorAll('.js-plotly-plot')].every(p => new Set(p.data.flatMap(t => t.customdata || []).filter(Boolean)).size === n)",
        arg=len(expected),
        timeout=RENDER_TIMEOUT_MS,
    )
    assert chart_ids(page) == [expected] * 3
    assert f"Showing {len(expected)} of" in summary_text(page)
    assert page.console_errors == []


def test_a_link_opens_its_view_and_the_download_matches_the_cli(page, app_url):
    open_view(page, f"{app_url}/?stage=2&category=Medication&category=Movement+%26+offloading")
    assert "stage II, category Medication or Movement & offloading" in summary_text(page)
    expected = cli_export_ids(
        "--stage", "2", "--category", "Medication", "--category", "Movement & offloading"
    )
    assert chart_ids(page) == [sorted(expected)] * 3
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these rows as CSV").click()
    download = download_info.value
    assert (
        download.suggested_filename
        == "avn-treatments_stage-2_category-medication-movement-offloading.csv"
    )
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["treatment_id"] for row in rows] == expected
    page.screenshot(path=ARTIFACTS / "dashboard-stage-2.png", full_page=True)
    assert page.console_errors == []


def test_a_comparison_link_with_a_situation_gives_a_printable_visit_summary(page, app_url):
    page.goto(f"{app_url}/?stage=2&compare=bisphosphonate-oral&compare=low-impact-exercise")
    page.wait_for_selector("text=How invasive is it?", timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("button", name="Add watchful waiting as the baseline").click()
    page.wait_for_url("**compare=watchful-waiting**", timeout=RENDER_TIMEOUT_MS)
    page.get_by_role("button", name="Ongoing or planned dental work").click()
    page.wait_for_url("**situation=dental-work**", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector(
        "text=Discuss (Ongoing or planned dental work)", timeout=RENDER_TIMEOUT_MS
    )
    page.screenshot(path=ARTIFACTS / "compare.png", full_page=True)

    page.get_by_role("tab", name="Visit summary").click()
    button = page.get_by_role("button", name="Download the visit summary (printable page)")
    button.wait_for(timeout=RENDER_TIMEOUT_MS)
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == "avn-visit-summary.html"
    summary = download.path().read_text(encoding="utf-8")
    for expected in ("Bisphosphonate tablets", "Low-impact exercise", "No treatment / watchful waiting",
                     "Ongoing or planned dental work", "Questions to ask", "@media print",
                     "does not replace your doctor"):  # fmt: skip
        assert expected in summary
    assert "<dt>My stage</dt><dd>II</dd>" in summary

    printed = page.context.new_page()
    printed.set_content(summary)
    printed.emulate_media(media="print")
    printed.screenshot(path=ARTIFACTS / "visit-summary.png", full_page=True)
    printed.pdf(path=ARTIFACTS / "visit-summary.pdf")
    assert (ARTIFACTS / "visit-summary.pdf").stat().st_size > 10_000
    assert page.console_errors == []


EVIL_NAME = "<script>window.__pwned=1</script>Evil <b>bold</b>"
EVIL_SIDE_EFFECTS = '<img src=x onerror="window.__pwned=2"> [click](javascript:window.__pwned=3)'
FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")'


def hostile_table(path):
    rows = list(
        csv.DictReader(io.StringIO((ROOT / "data" / "treatments.csv").read_text(encoding="utf-8")))
    )
    template = next(row for row in rows if row["treatment_id"] == "physical-therapy")
    evil = {**template, "treatment_id": "evil", "name": EVIL_NAME, "side_effects": EVIL_SIDE_EFFECTS,
            "source_urls": "javascript:window.__pwned=4 https://ok.example/study"}  # fmt: skip
    formula = {**template, "treatment_id": "formula", "name": FORMULA_NAME}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([evil, formula])
    return path


def upload(page, path) -> None:
    page.get_by_text("Use your own table").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(path))


def pick_treatment(page, typed: str) -> None:
    picker = page.locator("[data-testid='stSelectbox']", has_text="Treatment")
    picker.locator("input").click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def test_an_uploaded_table_shows_markup_as_text_and_exports_formulas_inert(page, app_url, tmp_path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_view(page, app_url)
    upload(page, hostile_table(tmp_path / "clinic.csv"))
    page.wait_for_selector("text=Showing 2 of 2 treatments", timeout=RENDER_TIMEOUT_MS)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these rows as CSV").click()
    exported = {
        row["treatment_id"]: row
        for row in csv.DictReader(
            io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig"))
        )
    }
    assert exported["formula"]["name"] == "'" + FORMULA_NAME
    assert exported["evil"]["name"] == EVIL_NAME

    page.get_by_role("tab", name="Treatment details").click()
    pick_treatment(page, "window.__pwned")
    page.get_by_role("heading", name=EVIL_NAME).wait_for(timeout=RENDER_TIMEOUT_MS)
    side_effects = page.locator(
        "[data-testid='stMarkdownContainer']", has_text="Side effects:"
    ).first
    assert EVIL_SIDE_EFFECTS in side_effects.inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("a[href='https://ok.example/study']").count() == 1
    page.screenshot(path=ARTIFACTS / "hostile-upload.png", full_page=True)
    pick_treatment(page, "HYPERLINK")
    page.get_by_role("heading", name=re.compile("HYPERLINK")).wait_for(timeout=RENDER_TIMEOUT_MS)
    assert page.locator("a[href*='evil.example']").count() == 0
    page.screenshot(path=ARTIFACTS / "hostile-upload.png", full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_a_broken_upload_is_listed_by_row_and_column_and_loses_nothing(page, app_url, tmp_path):
    open_view(page, app_url)
    before = summary_text(page)
    broken = tmp_path / "broken.csv"
    text = (ROOT / "data" / "treatments.csv").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("\nphysical-therapy,", "\nPhysical Therapy!,", 1), encoding="utf-8"
    )
    upload(page, broken)
    page.wait_for_selector("text=was not loaded", timeout=RENDER_TIMEOUT_MS)
    assert page.get_by_text("column 'treatment_id'").count() >= 1
    assert summary_text(page) == before
    assert page.locator("[data-testid='stException']").count() == 0


def test_an_upload_past_the_size_limit_is_refused_with_a_message(page, app_url, tmp_path):
    open_view(page, app_url)
    before = summary_text(page)
    big = tmp_path / "huge.csv"
    big.write_bytes(b"treatment_id\n" + b"x" * (51 * 1024 * 1024))
    upload(page, big)
    uploader = page.locator("[data-testid='stFileUploader']")
    uploader.get_by_text("File must be 50.0MB or smaller").wait_for(timeout=RENDER_TIMEOUT_MS)
    page.screenshot(path=ARTIFACTS / "upload-too-big.png", full_page=True)
    assert summary_text(page) == before
    assert page.locator("[data-testid='stException']").count() == 0


def test_clicking_a_table_row_or_a_map_point_opens_that_treatment(page, app_url):
    open_view(page, app_url)
    box = page.locator("[data-testid='stDataFrame']").bounding_box()
    # The first data row's selection cell: below the 35 px header, at the grid's left edge.
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
    first_row = cli_export_ids()[0]
    page.wait_for_url(f"**treatment={first_row}**", timeout=RENDER_TIMEOUT_MS)
    assert page.locator("[role=tab][aria-selected=true]").inner_text() == "Treatment details"

    page.get_by_role("tab", name="Explore").click()
    wait_for_charts(page)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    x, y, treatment_id = page.evaluate(
        """() => {
            const plot = document.querySelector('.js-plotly-plot');
            const area = plot.querySelector('.nsewdrag').getBoundingClientRect();
            const trace = plot.data[0];
            return [area.left + plot._fullLayout.xaxis.l2p(trace.x[0]),
                    area.top + plot._fullLayout.yaxis.l2p(trace.y[0]), trace.customdata[0]];
        }"""
    )
    page.mouse.click(x, y)
    page.wait_for_url(f"**treatment={treatment_id}**", timeout=RENDER_TIMEOUT_MS)
    assert page.locator("h3").first.inner_text()
    assert page.console_errors == []


def test_a_broken_upload_after_a_good_one_keeps_the_good_one(page, app_url, tmp_path):
    open_view(page, app_url)
    upload(page, hostile_table(tmp_path / "clinic.csv"))
    page.wait_for_selector("text=Showing 2 of 2 treatments", timeout=RENDER_TIMEOUT_MS)
    broken = tmp_path / "broken.csv"
    broken.write_text("treatment_id,name\nBad Id,x\n", encoding="utf-8")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(broken))
    page.wait_for_selector("text=was not loaded", timeout=RENDER_TIMEOUT_MS)
    assert page.get_by_text("this required column is missing").count() >= 1
    assert summary_text(page).startswith("Showing 2 of 2 treatments")
