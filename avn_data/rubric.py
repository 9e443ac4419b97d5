"""The two 0–4 scales in one line per level, as data/README.md defines them."""

INVASIVENESS_LEVELS = {
    0: "nothing enters the body",
    1: "by mouth, on the skin, breathed, or energy from outside",
    2: "a needle into skin, muscle or a vein",
    3: "a needle into joint or bone, or a small-incision procedure",
    4: "open surgery",
}

SIDE_EFFECT_LEVELS = {
    0: "none expected",
    1: "mild and short-lived",
    2: "common nuisance effects; serious harm rare",
    3: "real risk of serious harm, or needs monitoring",
    4: "risks of surgery and a long recovery",
}

EVIDENCE_MEANINGS = {
    "none": "no clinical data in AVN",
    "very low": "a few small or uncontrolled studies; the true effect may be quite different",
    "low": "some trials, small or conflicting; the true effect may differ",
    "moderate": "consistent trials; the true effect is probably close",
    "high": "strong, consistent trials; further research is unlikely to change it",
}


def rubric_paragraph() -> str:
    """Both scales in one paragraph, for the 'about the data' section."""
    invasive = "; ".join(f"{level} {text}" for level, text in INVASIVENESS_LEVELS.items())
    burden = "; ".join(f"{level} {text}" for level, text in SIDE_EFFECT_LEVELS.items())
    return (
        f"**Invasiveness** (0–4): {invasive}. **Side-effect burden** (0–4): {burden}. "
        "**Duration** is the typical course in weeks, shortest to longest, as the cited "
        "studies ran it. **Stages** run from 0 (at risk, nothing on imaging) through "
        "ARCO 2019 I–IV."
    )
