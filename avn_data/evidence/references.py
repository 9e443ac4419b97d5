"""What a specialist would name first: reference rows shown whatever the filters, and whether
waiting is reasonable for the person's lesion, computed from the natural-course rows."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from avn_data.evidence.frequencies import about, baseline_rows, frequency
from avn_data.evidence.verdict import Person
from avn_data.tables.csv_text import read_cells
from avn_data.tables.paths import DATA_DIR, fresh

REFERENCES_CSV = DATA_DIR / "references.csv"
REFERENCE_GROUP = "Reference: surgery reviews name first (not ranked)"
WAITING_GROUP = "Reference: waiting is reasonable for your lesion (not ranked)"
# Out of 100 like the person, without treatment, over the longest follow-up given: at most
# this many collapsing or getting worse makes waiting reasonable; at least HIGH_RISK, risky.
WAITING_REASONABLE = 10
WAITING_HIGH_RISK = 30


def load_references(path: Path = REFERENCES_CSV) -> pd.DataFrame:
    """data/references.csv: which reference row to show for which aim and stages, and why."""
    return fresh(_read, Path(path))


def _read(path: Path) -> pd.DataFrame:
    cells = read_cells(path.read_bytes())
    return cells.assign(
        stage_min=pd.to_numeric(cells["stage_min"]), stage_max=pd.to_numeric(cells["stage_max"])
    )


def reference_ids(references: pd.DataFrame, aims: Sequence[str], person: Person) -> list[str]:
    """The treatments to show as references for these aims, at the person's stage and joint
    (a person who names neither gets them all)."""
    fits = references["aim"].isin(aims)
    if person.stage is not None:
        fits &= references["stage_min"].le(person.stage) & references["stage_max"].ge(person.stage)
    if person.joints:
        fits &= references["joint"].isin(person.joints)
    return list(dict.fromkeys(references.loc[fits, "treatment_id"]))


def reference_notes(references: pd.DataFrame) -> dict[str, str]:
    """Per treatment id: the sourced sentence shown beside its reference row."""
    return {
        row["treatment_id"]: f"{row['statement']} ({row['source']})"
        for row in references.to_dict("records")
    }


@dataclass(frozen=True)
class Waiting:
    """What waiting means for a person: the sentence, whether it is reasonable ('reasonable',
    'moderate', 'high' or 'unknown'), and how sure the natural-course figure lets us be."""

    said: str
    judged: str
    certainty: str


def waiting(outcomes: pd.DataFrame, person: Person) -> Waiting:
    """What waiting means for this person, from the most specific natural-course figure.

    Only a figure for their own lesion type can say waiting is reasonable, because the
    general figures mix small lesions that rarely collapse with large ones that mostly do.
    """
    rows = baseline_rows(outcomes, person.stage, person.joints, person.causes, person.lesion)
    counted = [found for row in rows.to_dict("records") if (found := frequency(row, ""))]
    if not counted:
        said = "No study has counted what happens without treatment for people like you"
        return Waiting(said, "unknown", "none")
    first = counted[0]
    row = rows.set_index("outcome_id").loc[first.outcome_id]
    sentence = (
        f"Without treatment, {about(first.treated)} of 100 like those studied "
        f"{first.phrase}{' ' + first.horizon if first.horizon else ''} ({first.source})"
    )
    if not (person.lesion and row["lesion_type"] == person.lesion):
        said = sentence + "; your lesion type would show whether waiting is reasonable"
        return Waiting(said, "unknown", first.certainty)
    if first.treated <= WAITING_REASONABLE:
        judged, words = "reasonable", "waiting with regular imaging is reasonable for this lesion"
    elif first.treated >= WAITING_HIGH_RISK:
        judged, words = "high", "waiting carries a high risk for this lesion"
    else:
        judged, words = "moderate", "waiting carries a moderate risk for this lesion"
    return Waiting(f"{sentence}: {words}", judged, first.certainty)
