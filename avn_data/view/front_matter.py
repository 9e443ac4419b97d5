"""What the page and every printout say about themselves: the disclaimer, what AVN is, the
decision at hand, and who made this, how it is kept up to date and who paid for it."""

from typing import Final

from avn_data.evidence.rubric import EVIDENCE_MEANINGS

DISCLAIMER: Final = (
    "This explorer informs; it does not replace your doctor. It summarises published studies, "
    "not your case: talk any option through with your orthopaedist."
)
WHAT_AVN_IS: Final = (
    "Avascular necrosis (AVN, also called osteonecrosis) is bone dying because its blood "
    "supply fails. It most often starts in the ball of the hip joint (the femoral head), "
    "usually between 20 and 50 years of age; long-term steroids, alcohol, sickle cell disease, "
    "injury and other causes make it more likely. Early on (stages I–II) the bone still has its "
    "shape; later the dead part can crack and collapse (stage III), and the joint can wear out "
    "(stage IV), which is when a joint replacement is usually offered."
)
THE_DECISION: Final = (
    "The decision this page helps with: which non-surgical options to discuss with your "
    "orthopaedist, at your stage, and what each offers you and costs you. Doing nothing for now "
    "(watching with regular imaging) is one of the options, and it has its own course, shown "
    "in numbers for people like you."
)
PUBLISHED: Final = "2026-11-25"
MADE_BY: Final = (
    "Made by the AVN Treatment Explorer project team (volunteer software developers, not "
    "doctors), from a patient advocate's overview article and the published studies it names "
    "or that a literature read found. Nobody paid for it: it has no funding, no sponsor and no "
    "advertising, and its makers have no financial ties to any treatment shown."
)
UPDATE_POLICY: Final = (
    "The evidence is reviewed at least once a year and whenever a reader or a clinician reports "
    "a new trial or an error (open an issue in the project). Every change to a figure is listed "
    "with its source in the data dictionary's change log; the review date is shown on the page "
    "and on every printout."
)
UNCERTAINTY: Final = (
    "How sure we are uses the GRADE words, each meaning one thing wherever it appears: "
    + "; ".join(f"{word} ({meaning})" for word, meaning in EVIDENCE_MEANINGS.items())
    + ". It is worked out for the aim you chose at your stage, from the studies that set a "
    "treatment's group (data dictionary, 'How the verdict is computed'). Most of the evidence "
    "here is low or very low: small trials, often without a comparison group. Numbers are "
    "shown as 'about N out of 100' with the study's size and follow-up beside them; a small "
    "study's figure could be far off."
)
