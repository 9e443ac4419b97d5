// Draws a Plotly figure into a node that survives reruns, so a changed figure is updated in
// place (Plotly.react) instead of being remounted and drawn from scratch twice, as
// st.plotly_chart does in Streamlit 1.67. Plotly itself is served by the app
// (static/plotly.min.js, copied from the pinned plotly package by `make`).
const PLOTLY_SRC = "./app/static/plotly.min.js";

function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.avnPlotlyLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = PLOTLY_SRC;
    script.onload = () => resolve(window.Plotly);
    script.onerror = reject;
    document.head.appendChild(script);
  });
  return window.avnPlotlyLoading;
}

export default function ({ data, parentElement, setTriggerValue }) {
  let plot = parentElement.querySelector(".avn-plot");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "avn-plot";
    plot.setAttribute("role", "figure");
    parentElement.appendChild(plot);
  }
  plot.setAttribute("aria-label", data.alt);
  const figure = JSON.parse(data.figure);
  figure.layout.template = data.template;
  plotly()
    .then((Plotly) =>
      Plotly.react(plot, figure.data, figure.layout, data.config).then(() => {
        if (data.clickable && !plot.avnClickBound) {
          // A click on a point opens that treatment: its id is the point's customdata.
          plot.on("plotly_click", (event) => {
            const id = event.points?.[0]?.customdata;
            if (typeof id === "string" && id) setTriggerValue("clicked", id);
          });
          plot.avnClickBound = true;
        }
      }),
    )
    .catch(() => {
      // Say so rather than leave a blank space: the words and the table still tell it all.
      plot.textContent = `This chart could not be drawn here. ${data.alt}`;
    });
}
