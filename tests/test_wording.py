"""One treatment in full: safe links, questions, score words, the comparison grid and escaped markdown."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data import columns as col
from avn_data.filters import FilterSpec
from avn_data.rubric import EVIDENCE_MEANINGS, evidence_text, level_text, scale_levels
from avn_data.text import WORD_JOINER, escape_markdown, markdown_link
from avn_data.view import results
from avn_data.wording import (
    GRID_QUESTIONS,
    comparison_grid,
    questions,
    source_links,
    weeks_text,
)

# The characters the module promises to neutralise: CommonMark, HTML and Streamlit's extensions.
SPECIALS = set("\\`*_{}[]()<>#+-.!|~:$=&")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("https://example.org/study", ["https://example.org/study"]),
        ("http://example.org/a?b=1#c", ["http://example.org/a?b=1#c"]),
        ("HTTP://EXAMPLE.ORG/X", ["HTTP://EXAMPLE.ORG/X"]),
        ("HtTpS://example.org", ["HtTpS://example.org"]),
        ("javascript:alert(1)", []),
        ("JavaScript:alert(1)", []),
        ("javascript://example.org/%0Aalert(1)", []),
        ("data:text/html,<script>alert(1)</script>", []),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", []),
        ("file:///etc/passwd", []),
        ("ftp://x", []),
        ("mailto:someone@example.org", []),
        ("https:///nohost", []),
        ("https:example.org", []),
        ("//example.org/no-scheme", []),
        ("example.org", []),
        ("", []),
        ("   ", []),
        ("https://a.example/1 javascript:alert(1) http://b.example/2", ["https://a.example/1", "http://b.example/2"]),
        ("file:///etc/passwd\nhttps://a.example\tftp://x  HTTPS://B.EXAMPLE", ["https://a.example", "HTTPS://B.EXAMPLE"]),
        ("https://a.example https://a.example", ["https://a.example", "https://a.example"]),
    ],
)  # fmt: skip
def test_source_links_keep_only_http_links_with_a_host(cell, expected):
    assert source_links(cell) == expected


@pytest.mark.parametrize(
    "cell", ["https://[::1 https://ok.example/x", "http://[oops https://ok.example/x"]
)
def test_a_malformed_address_is_dropped_not_raised(cell):
    assert source_links(cell) == ["https://ok.example/x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is it for me?", ["Is it for me?"]),
        ("Is it for me? | How long? | What if it fails?", ["Is it for me?", "How long?", "What if it fails?"]),
        ("  Padded?  |  Also padded?  ", ["Padded?", "Also padded?"]),
        ("First? |  | Third?", ["First?", "Third?"]),
        (" | Only one? | ", ["Only one?"]),
        ("", []),
        ("   ", []),
    ],
)  # fmt: skip
def test_questions_are_split_on_the_separator(text, expected):
    assert questions(text) == expected


def test_the_separator_is_the_one_the_data_uses():
    assert questions(col.QUESTION_SEPARATOR.join(["A?", "B?"])) == ["A?", "B?"]


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (4, 8, "4–8 weeks"),
        (4.0, 8.0, "4–8 weeks"),
        (13, 13, "3 months"),
        (0.1, 0.1, "1 day"),
        (1 / 7, 1 / 7, "1 day"),
        (0, 0, "0 days"),
        (0, 4, "0 days–4 weeks"),
        (0.5, 2, "4 days–2 weeks"),
        (25.0, 156.0, "6 months–3 years"),
        (390, 390, "7.5 years"),
        (float("nan"), 21, "unknown: no source gives it"),
        (None, None, "unknown: no source gives it"),
    ],
)
def test_weeks_text(low, high, text):
    assert weeks_text(low, high) == text


@pytest.mark.parametrize(
    ("score", "text"),
    [
        (0, "0 of 4: nothing enters the body"),
        (2, "2 of 4: a needle into skin, muscle or a vein"),
        (4, "4 of 4: open surgery"),
    ],
)
def test_invasiveness_text(score, text):
    assert level_text("invasiveness", score) == text


@pytest.mark.parametrize(
    ("score", "text"),
    [
        (0, "0 of 4: none expected"),
        (3, "3 of 4: real risk of serious harm, or needs monitoring"),
        (4, "4 of 4: risks of surgery and a long recovery"),
    ],
)
def test_side_effect_text(score, text):
    assert level_text("side_effect_burden", score) == text


@pytest.mark.parametrize(
    ("certainty", "text"),
    [
        ("none", "None: no clinical data in AVN"),
        ("very low", "Very low: a few small or uncontrolled studies; the true effect may be quite different"),
        ("moderate", "Moderate: consistent trials; the true effect is probably close"),
    ],
)  # fmt: skip
def test_evidence_text(certainty, text):
    assert evidence_text(certainty) == text


def test_every_level_of_every_scale_has_its_words():
    levels = set(range(col.SCORE_MIN, col.SCORE_MAX + 1))
    assert set(scale_levels("invasiveness")) == set(scale_levels("side_effect_burden")) == levels
    assert set(EVIDENCE_MEANINGS) == set(col.EVIDENCE_LEVELS)
    for certainty in col.EVIDENCE_LEVELS:
        assert evidence_text(certainty).endswith(EVIDENCE_MEANINGS[certainty])


@pytest.fixture(scope="module")
def surgical_rows(small_table):
    return results(small_table, FilterSpec(surgical=True))


def test_the_grid_has_the_questions_down_the_side_and_one_column_per_treatment(surgical_rows):
    grid = comparison_grid(surgical_rows)
    assert list(grid.index) == [
        "How invasive is it?",
        "How long does it take?",
        "At which stages?",
        "What are the side effects?",
        "Who should avoid it?",
        "Any caution for me?",
        "How good is the evidence?",
        "What does it involve day to day?",
    ]
    assert list(grid.index) == [question for question, _ in GRID_QUESTIONS]
    assert list(grid.columns) == list(surgical_rows["name"])
    assert len(grid.columns) == 6


@pytest.mark.parametrize(
    ("name", "question", "answer"),
    [
        ("Pills", "How invasive is it?", "1 of 4: by mouth, on the skin, breathed, or energy from outside"),
        ("Hip replacement", "How invasive is it?", "4 of 4: open surgery"),
        ("Pills", "How long does it take?", "6 months–3 years"),
        ("Shots", "How long does it take?", "4–8 weeks"),
        ("Pills", "At which stages?", "I–III"),
        ("Hip replacement", "At which stages?", "III–IV"),
        ("Shots", "What are the side effects?", "1 of 4: mild and short-lived. Brief soreness at the injection site."),
        ("Crutches", "Who should avoid it?", "None known."),
        ("Crutches", "Any caution for me?", "None for the situations you gave."),
        ("Watchful waiting", "How good is the evidence?", "Moderate: consistent trials; the true effect is probably close. One small trial."),
        ("Core decompression", "What does it involve day to day?", "Once a week."),
    ],
)  # fmt: skip
def test_each_grid_cell_answers_its_question_in_plain_words(surgical_rows, name, question, answer):
    assert comparison_grid(surgical_rows).loc[question, name] == answer


def test_the_grid_gives_a_personal_caution_and_a_missing_regimen_in_words(surgical_rows):
    rows = surgical_rows.head(2).copy()
    first, second = rows["name"]
    rows.loc[0, "cautions_for_you"] = "Discuss (Pregnant): ask first."
    rows.loc[0, "regimen"] = ""
    grid = comparison_grid(rows)
    assert list(grid.columns) == [first, second]
    assert grid.loc["Any caution for me?", first] == "Discuss (Pregnant): ask first."
    assert grid.loc["Any caution for me?", second] == "None for the situations you gave."
    assert grid.loc["What does it involve day to day?", first] == "Not given in this table."


def test_an_empty_choice_gives_an_empty_grid(surgical_rows):
    grid = comparison_grid(surgical_rows.iloc[0:0])
    assert grid.empty
    assert list(grid.columns) == []


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace(WORD_JOINER, ""), flags=re.DOTALL)


def _assert_every_special_is_escaped(escaped: str) -> None:
    index = 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert index + 1 < len(escaped), f"dangling backslash in {escaped!r}"
            assert escaped[index + 1] in SPECIALS, f"needless escape in {escaped!r}"
            index += 2
            continue
        assert char not in SPECIALS, f"{char!r} at {index} is not escaped in {escaped!r}"
        index += 1


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("**bold**", r"\*\*bold\*\*"),
        ("_em_", r"\_em\_"),
        ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        (":red[x]", r"\:red\[x\]"),
        ("$x$", r"\$x\$"),
        ("$$x^2$$", r"\$\$x^2\$\$"),
        ("`code`", r"\`code\`"),
        ("# Heading", r"\# Heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("1. item", r"1\. item"),
        ("> quote", r"\> quote"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("a | b", r"a \| b"),
        ("![img](x.png)", r"\!\[img\]\(x\.png\)"),
        ("Title\n===", "Title\n\\=\\=\\="),
        (":material/home:", r"\:material/home\:"),
        ("{{x}}", r"\{\{x\}\}"),
        ("back\\slash", r"back\\slash"),
        ("already \\*escaped\\*", r"already \\\*escaped\\\*"),
        ("", ""),
        ("see http://evil.example", "see http\u2060\\://evil\\.example"),
        ("HTTPS://x.example", "HTTPS\u2060\\://x\\.example"),
        ("www.evil.example", "www\u2060\\.evil\\.example"),
        ("mail me@evil.example", "mail me@\u2060evil\\.example"),
    ],
)
def test_escape_markdown_escapes_each_special_character(text, escaped):
    result = escape_markdown(text)
    assert result == escaped
    _assert_every_special_is_escaped(result)
    assert _unescaped(result) == text


@pytest.mark.parametrize("value", [3, 2.5, None])
def test_escape_markdown_accepts_non_text(value):
    assert _unescaped(escape_markdown(value)) == str(value)


@given(text=st.text())
def test_escape_markdown_leaves_no_active_character_and_loses_nothing(text):
    escaped = escape_markdown(text)
    _assert_every_special_is_escaped(escaped)
    assert _unescaped(escaped) == text


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/study", r"[https\://example\.org/study](<https://example.org/study>)"),
        ("http://a.example/x_(y)", r"[http\://a\.example/x\_\(y\)](<http://a.example/x_(y)>)"),
        ("https://a.example/a>b", r"[https\://a\.example/a\>b](<https://a.example/a%3Eb>)"),
        ("https://a.example/a b", r"[https\://a\.example/a b](<https://a.example/a%20b>)"),
    ],
)  # fmt: skip
def test_markdown_link_shows_the_address_and_links_to_it(url, link):
    assert markdown_link(url) == link


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/study",
        "https://a.example/x?q=[1]&r=(2)#*frag*",
        "https://a.example/<b>>",
        "https://a.example/:red[x]$y$",
    ],
)
def test_markdown_link_text_is_escaped_and_its_target_cannot_end_early(url):
    link = markdown_link(url)
    match = re.fullmatch(r"\[(?P<text>.*)\]\(<(?P<target>[^<>]*)>\)", link, flags=re.DOTALL)
    assert match, link
    _assert_every_special_is_escaped(match["text"])
    assert _unescaped(match["text"]) == url
    assert " " not in match["target"]
