"""The page's opening words and its 'About the data' section."""

import streamlit as st

from avn_data.about import DISCLAIMER
from avn_data.dictionary import review_date
from avn_data.rubric import rubric_paragraph


def header() -> None:
    st.title("AVN Treatment Explorer")
    st.markdown(
        "Non-surgical options for avascular necrosis (osteonecrosis), side by side: how invasive "
        "each is, how long it takes, at which stage it applies, and how heavy its side effects "
        "are."
    )
    st.info(DISCLAIMER, icon=":material/medical_information:")


def about() -> None:
    with st.expander("About the data"):
        st.markdown(
            f"Every row traces to the patient-advocate article *Non-surgical treatments of "
            f"avascular necrosis* or to a named study or guideline, cited in the **Sources** "
            f"column. Evidence certainty uses GRADE words; *none* means no clinical data in AVN. "
            f"Data reviewed {review_date()}; the full data dictionary and rubric are in "
            f"`data/README.md`.\n\n{rubric_paragraph()}\n\n**{DISCLAIMER}**"
        )
