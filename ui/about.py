"""The page's opening words and its 'About' section (decision-aid facts, data, rubric)."""

import streamlit as st

from avn_data.evidence.rubric import rubric_paragraph
from avn_data.tables.dictionary import review_date
from avn_data.view.front_matter import (
    DISCLAIMER,
    MADE_BY,
    PUBLISHED,
    THE_DECISION,
    UNCERTAINTY,
    UPDATE_POLICY,
    WHAT_AVN_IS,
)
from avn_data.view.glossary import glossary_markdown

GLOSSARY_LABEL = "Words you may meet in your reports"


def header() -> None:
    st.title("AVN Treatment Explorer")
    st.markdown(
        "Non-surgical options for avascular necrosis (osteonecrosis), side by side: what each "
        "could do for you, in numbers, beside what it costs you: how invasive it is, how long "
        "it takes, and how heavy its side effects are."
    )
    st.info(DISCLAIMER, icon=":material/medical_information:")
    with st.expander("What AVN is, and the decision this page helps with"):
        st.markdown(f"{WHAT_AVN_IS}\n\n{THE_DECISION}")
    with st.expander(GLOSSARY_LABEL):
        st.markdown(glossary_markdown())


def about() -> None:
    with st.expander("About this decision aid and its data"):
        st.markdown(
            f"**Published** {PUBLISHED}; **evidence reviewed** {review_date()}.\n\n"
            f"**Who made it and who paid.** {MADE_BY}\n\n"
            f"**How it is kept up to date.** {UPDATE_POLICY}\n\n"
            f"**How sure we are.** {UNCERTAINTY}\n\n"
            "**Where the facts come from.** Every row traces to the patient-advocate article "
            "*Non-surgical treatments of avascular necrosis* or to a named study or guideline, "
            "cited in each treatment's sources. The data dictionary (downloadable under *Use "
            "your own table*) explains every column and the scoring rules.\n\n"
            f"{rubric_paragraph()}\n\n**{DISCLAIMER}**"
        )
