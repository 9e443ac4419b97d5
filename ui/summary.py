"""The Visit summary tab: the page to take to the doctor, shown here, printed or downloaded."""

from datetime import date

import pandas as pd
import streamlit as st

from avn_data.evidence.cautions import load_cautions
from avn_data.tables.dictionary import review_date
from avn_data.view.page_state import PageState
from avn_data.view.text import escape_markdown
from avn_data.view.visit_summary import summary_page, summary_treatments
from ui.findings import outcomes

PRINT_LABEL = "Print the visit summary"
# The summary in its own frame, so that its styles and the app's never meet and printing the
# frame prints the summary alone. The frame runs no script (sandbox without allow-scripts);
# same-origin lets the button print it and read its height, allow-modals lets it print.
SUMMARY_VIEW = st.components.v2.component(
    "avn_visit_summary",
    # The button's name is in the markup itself, so it is never an unnamed button, even for
    # the moment before the script runs.
    html=f'<button type="button" class="avn-print">{PRINT_LABEL}</button>'
    '<iframe class="avn-summary" title="Visit summary" '
    'sandbox="allow-same-origin allow-modals"></iframe>',
    css=""".avn-print { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.5rem;
  border: 1px solid #6b7378; background: #ffffff; color: #0c1417; cursor: pointer;
  margin-bottom: 0.6rem; }
.avn-print:focus-visible { outline: 2px solid #0c627c; outline-offset: 2px; }
.avn-summary { display: block; width: 100%; border: 1px solid #ccd; border-radius: 0.5rem;
  background: #ffffff; }""",
    js="""export default function ({ parentElement, data }) {
  const button = parentElement.querySelector('button.avn-print');
  const frame = parentElement.querySelector('iframe.avn-summary');
  const fit = () => {
    const page = frame.contentDocument?.documentElement;
    if (page) frame.style.height = `${page.scrollHeight + 2}px`;
  };
  frame.onload = () => {
    fit();
    new ResizeObserver(fit).observe(frame.contentDocument.body);
  };
  if (frame.srcdoc !== data.page) frame.srcdoc = data.page;
  button.onclick = () => frame.contentWindow.print();
}""",
)


def visit_summary(table: pd.DataFrame, view: PageState) -> None:
    picked, _ = summary_treatments(table, view, load_cautions(), outcomes())
    if view.compare:
        st.markdown("The summary holds the treatments you are comparing:")
    else:
        st.markdown(
            f"The summary holds the {len(picked)} best-ranked treatments for what you want "
            "(pick others in *Compare*):"
        )
    st.markdown("\n".join(f"- {escape_markdown(name)}" for name in picked["name"]))
    page = summary_page(table, view, load_cautions(), outcomes(), review_date(), date.today())
    st.download_button(
        "Download the visit summary (printable page)", data=page.encode("utf-8"),
        file_name="avn-visit-summary.html", mime="text/html", on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip
    SUMMARY_VIEW(key="visit_summary", data={"page": page})
