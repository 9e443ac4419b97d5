"""Words she knows: no tab shows an internal reference code, and every statistic a tab shows is
explained in the glossary (the page's own word list)."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from avn_data.evidence.cause_notes import ANY_CAUSE
from avn_data.evidence.outcomes import CAUSES
from avn_data.view.glossary import TERMS

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
# Codes that mean something only to the people who made the table.
INTERNAL_CODES = {
    "section sign": r"§",
    "evidence brief": r"\b[Ee]vidence brief\b|\bbrief section\b",
    "source code": r"(?<!\w)\((?:S\d{1,2})(?:,\s*S\d{1,2})*\)",
    "rubric level": r"\brubric \d",
    "empty evidence floor": r"Weakest evidence shown: none",
    "bare ratio": r"\b(?:HR|OR|RR)\s*[=:]?\s*\d",
}
# A statistic may stay when the glossary says what it means.
STATISTICS = {
    r"\b(?:odds|risk|hazard) ratio\b": "Odds ratio, risk ratio, hazard ratio",
    r"\bCI\b": "95% CI (confidence interval)",
    r"\bP\s*[=<]\s*0?\.\d": "Statistically significant, P value",
    r"\bKaplan": "Kaplan-Meier (survival-curve) estimate",
    r"\bstatistically significant\b": "Statistically significant, P value",
}
VIEWS = {
    "Explore": {"stage": "2", "cause": "lupus", "lesion": "C1"},
    "Explore, stage III": {"stage": "3", "joint": "hip"},
    "Explore, every cause": {"cause": [cause for cause in CAUSES if cause != ANY_CAUSE]},
    "Compare": {
        "stage": "2",
        "compare": [
            "hyperbaric-oxygen",
            "shockwave-therapy",
            "physical-therapy",
            "watchful-waiting",
        ],
    },
    "Treatment details": {"stage": "2", "treatment": "hyperbaric-oxygen"},
    "Treatment details, waiting": {"stage": "1", "lesion": "A", "treatment": "watchful-waiting"},
    "Treatment details, enoxaparin": {"treatment": "enoxaparin"},
    "Treatment details, my situation": {
        "situation": ["dental-work", "stomach-ulcer-bleeding", "pregnancy"],
        "cause": ["steroids", "alcohol"],
        "treatment": "bisphosphonate-oral",
    },
    "Explore, on steroids": {"stage": "2", "situation": "steroids-immunosuppressants-chemo"},
    "Treatment details, on steroids": {
        "situation": "steroids-immunosuppressants-chemo",
        "treatment": "core-decompression-cells",
    },
    "Visit summary tab's source": {
        "situation": ["liver-disease", "bleeding-disorder-anticoagulants"]
    },
}


def _rendered_text(app: AppTest) -> str:
    parts = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "header",
        "subheader",
    ):
        parts += [str(element.value) for element in getattr(app, kind)]
    parts += [str(box.label) for box in app.expander]
    for table in app.dataframe:
        parts += [str(cell) for column in table.value.columns for cell in table.value[column]]
    # Markdown escapes punctuation; the reader sees it without the backslashes.
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@pytest.fixture(scope="module", params=list(VIEWS))
def page_text(request) -> tuple[str, str]:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in VIEWS[request.param].items():
        app.query_params[key] = value
    return request.param, _rendered_text(app.run())


def test_no_tab_shows_an_internal_reference_code(page_text):
    name, text = page_text
    for code, pattern in INTERNAL_CODES.items():
        found = re.search(pattern, text)
        assert found is None, (
            f"{name}: {code} {text[max(0, found.start() - 60) : found.end() + 20]!r}"
        )


def test_every_statistic_a_tab_shows_is_in_the_glossary(page_text):
    name, text = page_text
    explained = {term.term for term in TERMS}
    for pattern, term in STATISTICS.items():
        if re.search(pattern, text):
            assert term in explained, f"{name} shows {pattern} but the glossary lacks {term!r}"
