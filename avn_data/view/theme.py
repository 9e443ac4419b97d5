"""The page's look and limits, read from .streamlit/config.toml so each is set in one place."""

import tomllib
from pathlib import Path
from typing import Any, Final

CONFIG_TOML = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
_CONFIG = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))

# Okabe–Ito without its yellow (too pale on white), plus grey: one colour per category.
PALETTE: Final[tuple[str, ...]] = tuple(_CONFIG["theme"]["chartCategoricalColors"])
TEXT_COLOUR: Final[str] = _CONFIG["theme"]["textColor"]
PRIMARY_COLOUR: Final[str] = _CONFIG["theme"]["primaryColor"]
MAX_UPLOAD_MB: Final[int] = _CONFIG["server"]["maxUploadSize"]

# The page's own font (Streamlit's), for the charts' text too.
FONT_FAMILY: Final[str] = '"Source Sans", sans-serif'
GRID_COLOUR: Final[str] = "#dde3e2"
_AXIS = {"automargin": True, "gridcolor": GRID_COLOUR, "zeroline": False, "title": {"standoff": 10}}
# Plotly's defaults for every chart, so that the charts look like the page around them: its
# font and colours, no backgrounds of their own, a light grid, a bold title on the left, and
# axes that make room for their labels.
PLOTLY_TEMPLATE: Final[dict[str, Any]] = {
    "layout": {
        "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR},
        "title": {"x": 0, "xanchor": "left", "font": {"size": 16, "weight": 600}},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": list(PALETTE),
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
}
