"""The charts an AppTest run drew: each is a component (ui/charts.plot) carrying its figure
as JSON, the name screen readers hear, and whether a click opens a treatment."""

import json
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

PLOT_COMPONENT = "avn_plot_in_place"


@dataclass(frozen=True)
class Plotted:
    figure: dict
    alt: str
    clickable: bool


def plotted(app: AppTest) -> list[Plotted]:
    charts = []
    for element in app.get("bidi_component"):
        if element.proto.component_name == PLOT_COMPONENT:
            data = json.loads(element.proto.json)
            charts.append(Plotted(json.loads(data["figure"]), data["alt"], data["clickable"]))
    return charts
