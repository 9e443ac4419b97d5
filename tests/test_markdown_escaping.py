"""Table text made safe for Streamlit's markdown: every active character escaped, nothing lost,
bare addresses left unlinked, and links that show their own address."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data.view.text import WORD_JOINER, escape_markdown, markdown_link

# The characters the module promises to neutralise: CommonMark, HTML and Streamlit's extensions.
SPECIALS = set("\\`*_{}[]()<>#+-.!|~:$=&")
# Any text but the word joiner, which the checks below strip as the escaper's own mark.
texts = st.text(st.characters(blacklist_characters=WORD_JOINER))


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
def test_escape_markdown_shows_a_number_or_none_as_its_text(value):
    assert _unescaped(escape_markdown(value)) == str(value)


@given(text=texts)
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


@given(path=texts)
def test_any_address_links_to_itself_and_its_target_stays_inside_the_brackets(path):
    url = f"https://a.example/{path}"
    match = re.fullmatch(
        r"\[(?P<text>.*)\]\(<(?P<target>[^<>\s]*)>\)", markdown_link(url), flags=re.DOTALL
    )
    assert match
    _assert_every_special_is_escaped(match["text"])
    assert _unescaped(match["text"]) == url


def test_a_word_joiner_already_in_the_text_is_kept_as_written():
    assert escape_markdown(f"a{WORD_JOINER}b") == f"a{WORD_JOINER}b"
