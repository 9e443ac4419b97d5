"""The page's look and limits, read from .streamlit/config.toml so each is set in one place."""

import tomllib
from pathlib import Path
from typing import Final

CONFIG_TOML = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
_CONFIG = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))

# Okabe–Ito without its yellow (too pale on white), plus grey: one colour per category.
PALETTE: Final[tuple[str, ...]] = tuple(_CONFIG["theme"]["chartCategoricalColors"])
TEXT_COLOUR: Final[str] = _CONFIG["theme"]["textColor"]
PRIMARY_COLOUR: Final[str] = _CONFIG["theme"]["primaryColor"]
MAX_UPLOAD_MB: Final[int] = _CONFIG["server"]["maxUploadSize"]
