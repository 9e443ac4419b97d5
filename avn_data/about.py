"""What the page and every printout say about themselves: the disclaimer, in one wording."""

from typing import Final

DISCLAIMER: Final = (
    "This explorer informs; it does not replace your doctor. It summarises published studies, "
    "not your case: talk any option through with your orthopaedist."
)
