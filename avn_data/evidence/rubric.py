"""The two 0–4 scales, one line per level, as data/rubric.csv (the one source) words them."""

import csv
from pathlib import Path

from avn_data.tables.paths import DATA_DIR, fresh

RUBRIC_CSV = DATA_DIR / "rubric.csv"
UNKNOWN = "nobody has recorded it"

# The one definition of each certainty word (GRADE), wherever the word is shown.
EVIDENCE_MEANINGS = {
    "none": "no study in people with AVN",
    "very low": "very uncertain; the true effect may be quite different (often small studies "
    "without a comparison group)",
    "low": "limited; the true effect may be quite different",
    "moderate": "the true effect is probably close to what the studies found",
    "high": "further research is very unlikely to change what the studies found",
}


def _read_rubric(path: Path) -> dict[str, dict[int, str]]:
    scales: dict[str, dict[int, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            scales.setdefault(row["scale"], {})[int(row["level"])] = row["meaning"]
    return scales


def scale_levels(scale: str, path: Path = RUBRIC_CSV) -> dict[int, str]:
    """Each level of `scale` ('invasiveness' or 'side_effect_burden') and what it means."""
    return fresh(_read_rubric, path)[scale]


def level_text(scale: str, score: float | None) -> str:
    """'2 of 4: a needle into skin, muscle or a vein'; an unknown score says so."""
    if score is None or score != score:
        return f"Unknown: {UNKNOWN}"
    return f"{int(score)} of 4: {scale_levels(scale)[int(score)]}"


def evidence_text(certainty: str) -> str:
    """'Low: some trials, small or conflicting; …'."""
    return f"{certainty.capitalize()}: {EVIDENCE_MEANINGS[certainty]}"


def rubric_paragraph() -> str:
    """Both scales in one paragraph, for the 'about the data' section."""
    invasive = "; ".join(f"{lvl} {text}" for lvl, text in scale_levels("invasiveness").items())
    burden = "; ".join(f"{lvl} {text}" for lvl, text in scale_levels("side_effect_burden").items())
    return (
        f"**Invasiveness** (0–4): {invasive}. **Side-effect burden** (0–4): {burden}; "
        "*unknown* where nobody has recorded the harms. "
        "**Duration** is the typical course in weeks, shortest to longest, as the cited "
        "studies ran it; *unknown* where no source gives it. **Stages** run from 0 (at risk, "
        "nothing on imaging) through ARCO 2019 I–IV."
    )
