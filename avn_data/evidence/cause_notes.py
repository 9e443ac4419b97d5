"""How the cause of a person's AVN bears on each treatment's evidence, in words."""

from collections.abc import Sequence

import pandas as pd

from avn_data.tables.columns import LIST_SEPARATOR
from avn_data.tables.conditions import cause_labels
from avn_data.view.wording import said_once

ANY_CAUSE = "any"


def _slugs(cell: str) -> list[str]:
    return [slug.strip() for slug in str(cell).split(LIST_SEPARATOR.strip()) if slug.strip()]


def _names(slugs: Sequence[str]) -> str:
    labels = cause_labels()
    return ", ".join(labels.get(slug, slug).lower() for slug in slugs)


def cause_note(studied: str, not_effective: str, causes: Sequence[str]) -> str:
    """What a treatment's evidence says for a person whose AVN has `causes` ('' when nothing).

    'Did not work in …' when a study found it failed in one of their causes; 'Studied only
    in …' when the evidence was gathered in other causes only (said to everyone who has not
    named one of those causes).
    """
    notes = []
    failed = [slug for slug in _slugs(not_effective) if slug in causes]
    if failed:
        notes.append(f"Did not work in AVN from {_names(failed)} in the studies")
    studied_in = _slugs(studied)
    if studied_in and ANY_CAUSE not in studied_in and not set(studied_in) & set(causes):
        notes.append(f"Studied only in AVN from {_names(studied_in)}")
    return "; ".join(notes)


def cause_notes(table: pd.DataFrame, causes: Sequence[str]) -> pd.Series:
    """`cause_note` for every row; empty when the table has no cause columns."""
    studied = table.get("causes_studied", pd.Series("", index=table.index))
    failed = table.get("not_effective_in", pd.Series("", index=table.index))
    notes = said_once(lambda done, failed_in: cause_note(done, failed_in, causes), studied, failed)
    return pd.Series(notes, index=table.index, dtype=object)
