"""Table text made safe for Streamlit's markdown: shown as written, never as markup."""

import re

# Whatever CommonMark, Streamlit's extensions (colours, icons, LaTeX) or HTML read as syntax.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def escape_markdown(text: str) -> str:
    """`text` with every markdown-active character backslash-escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def markdown_link(url: str) -> str:
    """A link whose visible text is the address itself; the caller passes only http(s) URLs."""
    return f"[{escape_markdown(url)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
