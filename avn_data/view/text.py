"""Table text made safe for Streamlit's markdown: shown as written, never as markup or a link."""

import html
import re
from urllib.parse import quote

# Whatever CommonMark, Streamlit's extensions (colours, icons, LaTeX) or HTML read as syntax.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=&])")
# GFM turns bare addresses into links after parsing, so escapes cannot stop it; an invisible
# word joiner inside the address can.
WORD_JOINER = "\u2060"
AUTOLINK_STARTS = re.compile(r"(?i)(https?|ftp|www|mailto|xmpp)(?=\\[:.])|(@)")
DISPLAY_LIMIT = 5000


def _escape_syntax(text: str) -> str:
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def escape_markdown(text: str) -> str:
    """`text` with every markdown-active character escaped and bare addresses left unlinked."""
    return AUTOLINK_STARTS.sub(lambda match: match.group(0) + WORD_JOINER, _escape_syntax(text))


def markdown_link(url: str) -> str:
    """A link whose visible text is the address itself; the caller passes only http(s) URLs."""
    # Percent-encode what may not stand inside <...>; keep the characters URLs are built from.
    target = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    # Text inside a link is never autolinked, so it needs the escapes but not the joiners.
    return f"[{_escape_syntax(url)}](<{target}>)"


def clip_for_display(text: str, limit: int = DISPLAY_LIMIT) -> str:
    """`text` cut at `limit` characters, with a note saying so; clip before escaping, so the
    page never works on (or sends) a huge cell and no escape is cut in two."""
    text = str(text)
    if len(text) <= limit:
        return text
    return (
        f"{text[:limit]}… (cut: the full text is {len(text):,} characters; "
        "download the table to read it)"
    )


def plain_label(text: object) -> str:
    """Table text for a Plotly label, legend or hover: Plotly reads a subset of HTML (<b>,
    <br>, <a href>) in them, so < > & are escaped and shown as written; nothing is removed."""
    return html.escape(str(text), quote=False)
