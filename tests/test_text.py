"""Table text on the page: cut to a readable size, inert in chart labels, never a link in markdown."""

import html
import re

import linkify_it  # noqa: F401  (markdown-it's linkify option needs it)
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from avn_data.view.text import WORD_JOINER, clip_for_display, escape_markdown, plain_label


def note(length: int) -> str:
    return f"… (cut: the full text is {length:,} characters; download the table to read it)"


@pytest.mark.parametrize("text", ["", "short", "x" * 5000])
def test_text_up_to_the_limit_is_shown_whole(text):
    assert clip_for_display(text) == text


def test_longer_text_is_cut_with_a_note_saying_how_long_it_was():
    assert clip_for_display("x" * 5001) == "x" * 5000 + note(5001)
    assert clip_for_display("abcdef", limit=3) == "abc" + note(6)


def test_a_40_mb_cell_is_cut_before_any_work_is_done_on_it():
    cell = "=A1 [x](https://evil.com) " * 1_400_000
    shown = escape_markdown(clip_for_display(cell))
    # What reaches the page is bounded by the limit, not by the cell (speed is for the bench).
    assert len(shown) < 3 * 5000 + 200
    assert shown.endswith(escape_markdown(note(len(cell))))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("Pills<br>Shots", "Pills&lt;br&gt;Shots"),
        ('<a href="https://evil.com">x</a>', '&lt;a href="https://evil.com"&gt;x&lt;/a&gt;'),
        ("Movement & offloading", "Movement &amp; offloading"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ('It\'s "fine"', 'It\'s "fine"'),
        ("$x$ %{y} *z* _w_", "$x$ %{y} *z* _w_"),
        ("  spaced\nlines\t", "  spaced\nlines\t"),
        ("", ""),
    ],
)
def test_plain_label_escapes_the_html_plotly_reads_and_nothing_else(text, label):
    assert plain_label(text) == label
    assert html.unescape(plain_label(text)) == text


def test_plain_label_accepts_non_text():
    assert plain_label(3) == "3"


def render(markdown: str) -> str:
    """HTML as GitHub-flavoured markdown makes it, and stricter: linkify-it links www., http(s),
    e-mail, '//' and even bare domains like 'evil.com', which GFM and Streamlit leave as text."""
    return MarkdownIt("gfm-like", {"linkify": True}).render(markdown)


HOSTILE_MARKDOWN = [
    "[Click here](https://evil.com/x)",
    "<https://evil.com>",
    "see https://evil.com/path?q=1 now",
    "www.evil.com",
    "![t](https://evil.com/t.png)",
    "[![t](https://evil.com/t.png)](https://evil.com)",
    "write to me@evil.com",
    "mailto:me@evil.com",
    "xmpp:me@evil.com",
    "HTTPS://EVIL.EXAMPLE",
    "ftp://evil.com/file",
    "//evil.com/x",
    "(https://evil.com).",
    "*https://evil.com*",
    "[x](<https://evil.com>)",
    '<a href="https://evil.com">x</a>',
    "<img src=x onerror=alert(1)>",
    "\\[x](https://evil.com)",
    "[Click here][1]\n\n[1]: https://evil.com",
    "[Click here]\n\n[Click here]: https://evil.com",
]


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_escaped_text_renders_as_text_never_as_a_link_or_image(text):
    assert "<a " in render(text) or "<img" in render(text)
    shown = render(escape_markdown(text))
    assert "<a " not in shown and "<img" not in shown, shown
    visible = html.unescape(re.sub(r"</?p>", " ", shown))
    # GFM links 'www.' wherever it stands; a word joiner inside it stops that.
    assert not re.search(r"(?i)www\.", visible)
    assert visible.replace(WORD_JOINER, "").split() == text.split()


URL_PIECES = [
    "https", "http", "www", "ftp", "mailto", "xmpp", ":", "//", "/", ".", "@", "evil", "com",
    "org", "[", "]", "(", ")", "<", ">", "!", "*", "_", "\\", " ", "\n", "&", "#", "x", "1",
]  # fmt: skip


@given(pieces=st.lists(st.sampled_from(URL_PIECES), max_size=25))
def test_no_mix_of_address_pieces_becomes_a_link_or_image(pieces):
    shown = render(escape_markdown("".join(pieces)))
    assert "<a " not in shown and "<img" not in shown, shown
    assert not re.search(r"(?i)www\.", html.unescape(shown))
