"""Where the page's plotly.js lives: the pinned plotly package's own file, served from static/
under a name with its version (`make` puts it there; scripts/build_assets.py)."""

from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SERVED_NAME = f"plotly-{plotly.__version__}.min.js"
SERVED_PLOTLY_JS = Path(__file__).resolve().parent.parent / "static" / SERVED_NAME
# Relative to the page, as Streamlit serves static/ (`server.enableStaticServing`).
PLOTLY_URL = f"./app/static/{SERVED_NAME}"
