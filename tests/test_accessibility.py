"""Accessibility in the real page: axe-core on every tab (expanders and the share box open) and
on the downloaded visit summary, the whole main task by keyboard alone, and a phone; and,
without a browser, what makes the table, the charts and the words readable.

axe-core comes from `axe-playwright-python`, which ships the engine. A critical or serious
violation the app can fix fails the test; what is left of Streamlit's own parts is listed in
STREAMLIT_OWN by rule, with the reason. Every run's findings (all impacts) are written to
test-artifacts/axe-results-*.json (one file per test worker).
"""

import json
import os
import re

import pytest

from tests.plots import plotted
from tests.test_browser import (  # noqa: F401 (module-scoped fixtures: one browser, one server)
    ARTIFACTS,
    RENDER_TIMEOUT_MS,
    ROOT,
    app_url,
    browser,
    new_page,
    open_view,
    settle,
    wait_for_charts,
    wait_for_tab,
)

BLOCKING = ("critical", "serious")
# Serious or critical findings inside Streamlit's own parts that the app cannot change, by
# rule, with the reason. Empty now: every such finding on these pages has been fixed.
STREAMLIT_OWN: dict[str, str] = {}
VIEW = (
    "stage=2&situation=pregnancy&treatment=prp-injection"
    "&compare=bisphosphonate-oral&compare=low-impact-exercise"
)
TABS = ("Explore", "Compare", "Treatment details", "Visit summary")
CHART_TEXT_COLOURS = """() => [...new Set([...document.querySelectorAll(
    ':is(.st-key-trade_off_map, .st-key-stage_chart, .st-key-duration_chart) '
    + ':is(.xtick, .ytick, .g-xtitle, .g-ytitle, .gtitle, .legendtext)')]
    .map(text => (text.matches('text') ? text : text.querySelector('text') || text).style.fill))]"""
FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"
FINDINGS: dict[str, list[dict]] = {}


@pytest.fixture(scope="module", autouse=True)
def findings_file():
    yield
    if FINDINGS:
        ARTIFACTS.mkdir(exist_ok=True)
        # One file per test worker (pytest-xdist), so that parallel workers keep each other's.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (ARTIFACTS / f"axe-results-{worker}.json").write_text(
            json.dumps(FINDINGS, indent=2), "utf-8"
        )


def axe_findings(page, where: str) -> list[dict]:
    """Run axe-core on the page as it is; record every finding, return the blocking ones."""
    from axe_playwright_python.sync_playwright import Axe

    settle(page)
    violations = Axe().run(page).response["violations"]
    FINDINGS[where] = [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "nodes": len(violation["nodes"]),
            "first": violation["nodes"][0]["html"][:200],
        }
        for violation in violations
    ]
    return [
        f"{where}: {violation['id']} ({violation['impact']}) on "
        f"{violation['nodes'][0]['html'][:160]}"
        for violation in violations
        if violation["impact"] in BLOCKING and violation["id"] not in STREAMLIT_OWN
    ]


# Clicked in one go in the page: clicked one by one, Playwright waited for each expander's
# opening to end before the next (about 7 s on Explore).
CLICK_CLOSED_EXPANDERS = """() => {
  const closed = [...document.querySelectorAll("[data-testid='stExpander'] summary")]
    .filter(summary => summary.checkVisibility() && !summary.closest('details').open);
  closed.forEach(summary => summary.click());
  return closed.length;
}"""
STILL_CLOSED = """() => [...document.querySelectorAll("[data-testid='stExpander'] summary")]
  .filter(summary => summary.checkVisibility() && !summary.closest('details').open)
  .map(summary => summary.innerText)"""


def open_every_expander(page) -> None:
    # Opening one can show others inside it: again until none is left closed.
    for _ in range(4):
        if not page.evaluate(CLICK_CLOSED_EXPANDERS):
            break
        settle(page)
    assert page.evaluate(STILL_CLOSED) == []


@pytest.mark.browser
def test_every_tab_passes_axe_with_its_expanders_and_the_share_box_open(browser, app_url):  # noqa: F811
    page = new_page(browser)
    page.goto(f"{app_url}/?{VIEW}")
    wait_for_tab(page, "Treatment details")
    problems = []
    for tab in TABS:
        page.get_by_role("tab", name=tab).click()
        wait_for_tab(page, tab)
        if tab == "Explore":
            wait_for_charts(page)
            # Chart text (SVG, which axe does not check) is in the text colour, not the
            # chart theme's faded grey; and a chart adds no Tab stops (no mode bar).
            colours = page.evaluate(CHART_TEXT_COLOURS)
            assert colours == ["rgb(12, 20, 23)"], colours
            assert page.locator(f".js-plotly-plot :is({FOCUSABLE})").count() == 0
        if tab == "Treatment details":
            page.get_by_role("heading", name="Platelet-rich plasma").wait_for()
        # One scan a tab, with its expanders open: what they hide is scanned too.
        open_every_expander(page)
        problems += axe_findings(page, f"{tab}, expanders open")
    page.get_by_role("button", name="Share this view").click()
    page.get_by_text("This link also holds your health details").wait_for()
    problems += axe_findings(page, "Share this view")
    assert problems == []
    assert page.console_errors == []
    page.context.close()


@pytest.mark.browser
def test_the_downloaded_visit_summary_passes_axe(browser, app_url):  # noqa: F811
    page = new_page(browser)
    page.goto(f"{app_url}/?{VIEW}")
    wait_for_tab(page, "Treatment details")
    page.get_by_role("tab", name="Visit summary").click()
    button = page.get_by_role("button", name="Download the visit summary (printable page)")
    with page.expect_download() as download_info:
        button.click()
    summary = download_info.value.path().read_text(encoding="utf-8")
    printed = page.context.new_page()
    printed.set_content(summary)
    assert printed.locator("main").count() == 1
    assert printed.locator("h1").count() == 1
    assert axe_findings(printed, "Visit summary (downloaded)") == []
    page.context.close()


def focused(page, predicate: str) -> bool:
    return page.evaluate(
        f"(() => {{ const e = document.activeElement; return !!({predicate}); }})()"
    )


def tab_to(page, predicate: str, key: str = "Tab", limit: int = 200) -> None:
    """Press Tab (or `key`) until the focused element matches the JS `predicate` on `e`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, predicate):
            return
    raise AssertionError(f"{key} never reached an element where {predicate}")


def in_widget(key: str, tag: str = "BUTTON") -> str:
    return f"e.closest('.st-key-{key}') && e.tagName === '{tag}' && !e.closest('label')"


@pytest.mark.browser
def test_the_keyboard_alone_sets_filters_opens_a_treatment_compares_and_downloads(
    browser,  # noqa: F811
    app_url,  # noqa: F811
):
    page = new_page(browser)
    page.goto(app_url)
    page.wait_for_selector("text=Showing", timeout=RENDER_TIMEOUT_MS)
    wait_for_charts(page)
    settle(page)

    # The stage: Tab to the stage control (one stop), arrows to "II", Space.
    tab_to(page, in_widget("stage") + " && e.getAttribute('role') === 'radio'")
    tab_to(page, in_widget("stage") + " && e.innerText.trim() === 'II'", key="ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_url("**stage=2**", timeout=RENDER_TIMEOUT_MS)
    settle(page)
    # A slider: on to "Most invasive", one step down; its value is read out in words.
    tab_to(page, in_widget("max_invasiveness", "INPUT"))
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**max_invasiveness=3**", timeout=RENDER_TIMEOUT_MS)
    settle(page)
    assert focused(page, "e.getAttribute('aria-valuetext').startsWith('3 – a needle')")

    # Open a treatment from the table: Tab into it, down one row, Shift+Space. One Tab leaves
    # the table again, and Shift+Tab comes back to it.
    in_table = "e.tagName === 'CANVAS' && e.closest('[data-testid=stDataFrame]')"
    tab_to(page, in_table)
    page.keyboard.press("Tab")
    assert focused(page, "!e.closest('[data-testid=stDataFrame]')")
    page.keyboard.press("Shift+Tab")
    assert focused(page, in_table)
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.activeElement.getAttribute('role') === 'gridcell'")
    # The accessible grid behind the canvas: cell ids are glide-cell-COLUMN-ROW, names in 1.
    row = page.evaluate("document.activeElement.id").rsplit("-", 1)[1]
    label = page.evaluate(f"document.getElementById('glide-cell-1-{row}').innerText")
    name = re.sub(r"^\s*\d+ · ", "", label)
    page.keyboard.press("Shift+Space")
    wait_for_tab(page, "Treatment details")
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=2).first
    heading.wait_for(timeout=RENDER_TIMEOUT_MS)
    heading = heading.inner_text()
    assert heading.startswith(name.rstrip("…").strip())
    settle(page)

    # Compare two: back to the tab list, over to Compare, and tick two treatments.
    tab_to(page, "e.getAttribute('role') === 'tab'", key="Shift+Tab")
    tab_to(page, "e.getAttribute('role') === 'tab' && e.innerText === 'Compare'", key="ArrowLeft")
    page.keyboard.press("Enter")
    wait_for_tab(page, "Compare")
    settle(page)
    tab_to(page, in_widget("compare"))
    for _ in range(2):
        page.keyboard.press("Enter")
        settle(page)
        tab_to(page, in_widget("compare") + " && e.ariaPressed === 'false'", key="ArrowRight")
    page.wait_for_url(re.compile(r"compare=[^&]+&compare="), timeout=RENDER_TIMEOUT_MS)
    page.get_by_text("How invasive is it?").wait_for(timeout=RENDER_TIMEOUT_MS)

    # Download the rows as CSV: back to the tabs, Explore, Tab to the button, Enter.
    tab_to(page, "e.getAttribute('role') === 'tab'", key="Shift+Tab")
    tab_to(page, "e.getAttribute('role') === 'tab' && e.innerText === 'Explore'", key="ArrowLeft")
    page.keyboard.press("Enter")
    wait_for_tab(page, "Explore")
    wait_for_charts(page)
    settle(page)
    tab_to(page, "e.innerText && e.innerText.includes('Download these rows as CSV')")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename == (
        "avn-treatments_stage-2_max-invasiveness-3.csv"
    )
    assert page.console_errors == []
    page.context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PHONE_PERSON = "cause=lupus&lesion=C1&situation=steroids-immunosuppressants-chemo&aim=disease"


@pytest.mark.browser
def test_a_phone_can_filter_read_the_list_open_a_treatment_and_compare(browser, app_url):  # noqa: F811
    # The patient with lupus, on her phone, from the link her laptop made (her cause, lesion
    # type, steroids and her aim to keep the joint).
    page = new_page(browser, **PHONE, device_scale_factor=2)
    open_view(page, f"{app_url}/?{PHONE_PERSON}")
    settle(page)

    # Filter: on a phone the Explore tab's filters sit above the list, one tap away.
    page.locator(".st-key-stage").get_by_role("radio", name="II", exact=True).tap()
    page.wait_for_url("**stage=2**", timeout=RENDER_TIMEOUT_MS)
    settle(page)
    # The sidebar (my situation, what matters to me) opens from a labelled button.
    opener = page.get_by_role("button", name="My situation and what matters to me")
    assert "My situation" in opener.evaluate("e => getComputedStyle(e, '::after').content")
    wait_for_charts(page)

    # Read the list as cards (the table is for wider screens), before the natural course; the
    # page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.locator("[data-testid='stDataFrame']").is_visible()
    cards = page.locator(".avn-card")
    cards.first.wait_for(timeout=RENDER_TIMEOUT_MS)
    first = cards.first.inner_text()
    # Joint-preserving surgery is named first, as a reference, for someone keeping the joint.
    assert first.startswith("Ref · ") and "How sure:" in first
    course = page.get_by_role("heading", name="Doing nothing is an option too")
    assert cards.last.bounding_box()["y"] < course.bounding_box()["y"]
    # Her steroids give some treatments a caution, shown on their cards.
    cautioned = page.locator(".avn-card", has=page.locator(".avn-card-caution"))
    assert cautioned.count() >= 1
    assert "Long-term steroids" in cautioned.first.inner_text()
    cards.first.scroll_into_view_if_needed()
    settle(page)
    page.screenshot(path=ARTIFACTS / "phone-explore.png")
    assert axe_findings(page, "Phone, Explore") == []

    # Open a treatment: tap the first card's name.
    name = first.split("\n", 1)[0].split(" · ", 1)[1]
    cards.first.get_by_role("button").tap()
    wait_for_tab(page, "Treatment details")
    page.get_by_role("heading", name=name).first.wait_for(timeout=RENDER_TIMEOUT_MS)

    # Compare: tick two on the Compare tab; a wide comparison scrolls instead of being cut.
    page.get_by_role("tab", name="Compare").tap()
    wait_for_tab(page, "Compare")
    pills = page.locator(".st-key-compare button[aria-pressed=false]")
    for _ in range(3):
        pills.first.tap()
        settle(page)
    page.get_by_text("How invasive is it?").scroll_into_view_if_needed()
    region = page.get_by_role("region", name="Table: scroll sideways to see every column")
    region.wait_for(timeout=RENDER_TIMEOUT_MS)
    assert region.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX")
    page.screenshot(path=ARTIFACTS / "phone-compare.png")
    region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    last_column = region.locator("thead th").last
    assert last_column.evaluate(
        "th => th.getBoundingClientRect().right <= th.closest('[role=region]')"
        ".getBoundingClientRect().right + 1"
    )
    assert axe_findings(page, "Phone, Compare") == []
    assert page.console_errors == []
    page.context.close()


# Without a browser: the page's parts, through Streamlit's AppTest, and the pure functions.
APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def stage_two():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["stage"] = "2"
    return app.run()


def test_the_table_names_open_treatments_and_reads_in_full_contrast(stage_two):
    table = stage_two.dataframe[0].proto
    columns = json.loads(table.columns)
    assert table.alt == "Matching treatments, in the list's order"
    assert table.placeholder == "unknown"
    # The name is a button (click = open), the only pinned column (a pinned text column is
    # drawn in faded grey), narrow enough to stay pinned on a phone.
    assert columns["name"]["type_config"]["type"] == "button"
    assert [name for name, config in columns.items() if config.get("pinned")] == ["name"]
    assert columns["name"]["width"] <= 0.6 * (390 - 32)
    assert columns["fit"]["type_config"]["format"] == "%.1f"  # 71.9, not 71
    assert columns["invasiveness"]["type_config"]["format"] == "%d"
    shown = stage_two.dataframe[0].value
    assert re.match(r"1 · \w", shown["name"].iloc[0])


def test_every_explore_chart_has_a_text_alternative_and_its_data_as_a_table(stage_two):
    alts = [chart.alt for chart in plotted(stage_two)]
    for words in ("Trade-off map of", "Stage coverage of", "Course length of"):
        assert any(alt.startswith(words) for alt in alts), words
    assert all(alts), "every chart, icon arrays included, is named"
    assert [e.label for e in stage_two.expander].count("The chart's data as a table") == 3


def test_a_chart_keeps_the_tables_order_and_numbers(small_table):
    from avn_data.view import figures

    for figure in (figures.stage_coverage(small_table), figures.duration_chart(small_table)):
        axis = figure.layout.yaxis
        labels = dict(zip(axis.tickvals, axis.ticktext, strict=True))
        # Plotly draws the first category at the bottom: the table's first row is the last.
        top_down = [labels[category] for category in reversed(axis.categoryarray)]
        assert [label.split(" · ")[0] for label in top_down] == [
            str(place) for place in range(1, len(top_down) + 1)
        ]
    points = {
        tid: text
        for trace in figures.trade_off_map(small_table).data
        if trace.text
        for tid, text in zip(trace.customdata, trace.text, strict=True)
    }
    assert points == {
        tid: str(place) for place, tid in enumerate(small_table["treatment_id"], start=1)
    }


def test_the_course_axis_reaches_past_the_longest_course(small_table):
    import math

    from avn_data.view import figures

    long = small_table.assign(duration_weeks_max=small_table["duration_weeks_max"].astype(float))
    long.loc[long.index[0], "duration_weeks_max"] = 390.0
    axis = figures.duration_chart(long).layout.xaxis
    assert axis.tickvals[-1] >= 390 and axis.range[1] >= math.log10(390)
    assert axis.ticktext[0] == "1 day" and "years" in axis.ticktext[-1]


def test_the_legend_sits_below_the_chart_where_it_cannot_cover_the_title(small_table):
    from avn_data.view import figures

    legend = figures.trade_off_map(small_table).layout.legend
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"


def test_the_glossary_gives_plain_meanings_and_sources_for_report_words():
    from avn_data.view.glossary import TERMS, glossary_markdown

    terms = " ".join(term.term for term in TERMS)
    for word in ("VAS", "Harris Hip Score", "JIC type", "ARCO", "Collapse", "RCT", "WOMAC"):
        assert word in terms, word
    page_own = {
        "Invasiveness and side-effect burden (0–4)",
        "Lightness for me (0–100)",
        "Not beaten",
    }
    for term in TERMS:
        assert term.meaning.endswith(".")
        assert term.source or term.term in page_own, term.term
    assert glossary_markdown().count("\n") == len(TERMS) - 1


def test_a_slider_reads_out_what_its_level_means():
    from ui.filter_panel import level_words

    assert level_words("taken by mouth, put on the skin or breathed") == "taken by mouth"
    assert level_words("the risks of surgery and anaesthesia: infection") == (
        "the risks of surgery and anaesthesia"
    )


def test_a_link_without_health_details_keeps_everything_else():
    from avn_data.view.page_state import page_from_query
    from ui.link import _personal_words, without_personal

    view, _ = page_from_query(
        {"stage": "2", "situation": ["pregnancy"], "cause": ["alcohol"], "lesion": "C1",
         "hide_avoid": "true", "mind_time": "5"},
        set(),
    )  # fmt: skip
    words = " ".join(_personal_words(view))
    assert "Pregnant or planning a pregnancy" in words and "alcohol" in words and "C1" in words
    assert without_personal(view).to_query() == {"stage": "2", "mind_time": "5"}


def test_cautions_for_you_fits_beside_the_sidebar_in_a_1400_px_window():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["situation"] = "pregnancy"
    columns = json.loads(app.run().dataframe[0].proto.columns)
    names = list(columns)
    through = names[: names.index("cautions_for_you") + 1]
    tick_box, main_width = 33, 940  # the table's width beside the sidebar at 1400 px
    assert tick_box + sum(columns[name]["width"] for name in through) <= main_width
