// Draws a Plotly figure into a node that survives reruns, so a changed figure is updated in
// place (Plotly.react) instead of being remounted and drawn from scratch twice, as
// st.plotly_chart does in Streamlit 1.67. Plotly itself is the pinned package's own file, served
// from static/ under a name with its version (data.plotly_url), so an upgrade is never stale.
const ATTEMPTS = 3;
const RETRY_AFTER_MS = 800;

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error(url)));
    script.onerror = () => {
      script.remove();
      reject(new Error(url));
    };
    document.head.appendChild(script);
  });
}

async function loadWithRetries(url) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await loadScript(url);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise((wait) => setTimeout(wait, RETRY_AFTER_MS * attempt));
    }
  }
}

function plotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  // One load shared by every chart; a failed load is forgotten so the next rerun tries again.
  window.avnPlotlyLoading ??= loadWithRetries(url).catch((error) => {
    window.avnPlotlyLoading = undefined;
    throw error;
  });
  return window.avnPlotlyLoading;
}

function showInWords(plot, alt) {
  // Say so where the chart would be, rather than leave a blank space: the words and the
  // table under the chart still tell it all.
  plot.replaceChildren();
  const note = document.createElement("p");
  note.className = "avn-plot-failed";
  note.setAttribute("role", "note");
  note.textContent = "This chart could not be drawn here. Its drawing code did not load; in words: ";
  const words = document.createElement("span");
  words.textContent = alt;
  note.appendChild(words);
  plot.appendChild(note);
}

// A chart off screen is drawn when it scrolls into view (or the page is printed), not on every
// filter change: three Plotly draws were most of the browser's work for a change, for charts
// below the list that nobody was looking at. Only the latest figure is kept for the draw.
const NEAR_VIEW = "300px";

function drawPending(plot) {
  const draw = plot.avnPendingDraw;
  plot.avnPendingDraw = undefined;
  delete plot.dataset.pending;
  if (draw) draw();
}

function drawWhenSeen(plot, draw) {
  plot.avnPendingDraw = draw;
  if (plot.avnInView) {
    drawPending(plot);
    return;
  }
  // "off-screen" once the observer has said so; until its first answer, "unseen".
  plot.dataset.pending = plot.avnObserver ? "off-screen" : "unseen";
  plot.avnObserver ??= new IntersectionObserver(
    (entries) => {
      plot.avnInView = entries[entries.length - 1].isIntersecting;
      if (plot.avnInView) drawPending(plot);
      else if (plot.avnPendingDraw) plot.dataset.pending = "off-screen";
    },
    { rootMargin: NEAR_VIEW },
  );
  plot.avnObserver.observe(plot);
}

if (!window.avnPrintDrawsCharts) {
  window.addEventListener("beforeprint", () =>
    document.querySelectorAll(".avn-plot[data-pending]").forEach(drawPending),
  );
  window.avnPrintDrawsCharts = true;
}

export default function ({ data, parentElement, setTriggerValue }) {
  // The caption is drawn here, not as an element of its own: one message a chart fewer.
  let caption = parentElement.querySelector(".avn-plot-caption");
  if (data.caption && !caption) {
    caption = document.createElement("p");
    caption.className = "avn-plot-caption";
    parentElement.prepend(caption);
  }
  if (caption) caption.textContent = data.caption || "";
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
  // The chart's own height is kept before it is drawn, so nothing below it jumps.
  if (figure.layout.height) plot.style.minHeight = `${figure.layout.height}px`;
  drawWhenSeen(plot, () => draw(plot, figure, data, setTriggerValue));
}

function draw(plot, figure, data, setTriggerValue) {
  plotly(data.plotly_url)
    .then((Plotly) => {
      plot.querySelector(".avn-plot-failed")?.remove();
      return Plotly.react(plot, figure.data, figure.layout, data.config).then(() => {
        if (data.clickable && !plot.avnClickBound) {
          // A click on a point opens that treatment: its id is the point's customdata.
          plot.on("plotly_click", (event) => {
            const id = event.points?.[0]?.customdata;
            if (typeof id === "string" && id) setTriggerValue("clicked", id);
          });
          plot.avnClickBound = true;
        }
      });
    })
    .catch(() => showInWords(plot, data.alt));
}
