"""From the words of an imaging report to a stage: ARCO 2019, its Ficat–Arlet and Steinberg
equivalents, the JIC lesion type and how each joint is staged. A reading aid, not a diagnosis.

Every fact here comes from the evidence brief (§3, sources S57–S61, S46 and S63), named in
SOURCES; the stage numbers are the table's 0–4 scale (data/README.md, "Stage scale and
crosswalk"). The matches between systems are an alignment of their definitions: no published
crosswalk was found (brief §3.4), so every reading says so.
"""

from dataclasses import dataclass, replace
from typing import Final

import pandas as pd

from avn_data.evidence.frequencies import horizon_words, per_hundred
from avn_data.evidence.outcomes import load_outcomes
from avn_data.tables import columns as col
from avn_data.tables.columns import BASELINE_ID

# The evidence brief's source ids (shared/research/avn-evidence-brief.md §4), with the
# brief's section and its primary address. Koshino (knee) and Cruess (shoulder) are only
# named: the brief gives no definitions for their stages, so none are shown.
SOURCES: Final[dict[str, str]] = {
    "S57": "ARCO 2019 revised staging (Yoon et al., J Arthroplasty 2020; 29-expert Delphi), "
    "IIIB and IV wording from a radiology summary; brief §3.1. "
    "https://pure.ewha.ac.kr/en/publications/the-2019-revised-version-of-association-research-"
    "circulation-osse",
    "S58": "Ficat–Arlet classification (Radiopaedia); brief §3.1. https://radiopaedia.org/"
    "articles/ficat-and-arlet-classification-of-avascular-necrosis-of-femoral-head",
    "S59": "ARCO 1994 and Steinberg classifications (J Orthop Surg Res 2020, table 2); "
    "brief §3.1. https://josr-online.biomedcentral.com/articles/10.1186/s13018-020-01730-6/"
    "tables/2",
    "S60": "Peri-collapse stage: from the first subchondral fracture to 2 mm of collapse; "
    "beyond about 2 mm hip replacement is usually preferred (Zhang 2018, Chin Med J); "
    "brief §3.4. https://distantreader.org/stacks/cord/cord-0783032-qd44vv2h.txt",
    "S61": "Natural history: JIC lesion types A, B, C1, C2 and their collapse rates in 212 "
    "pre-collapse hips of 505 (Kuroda 2019, Bone Joint Res); brief §3.5. "
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC6825048",
    "S46": "Hyperbaric oxygen studies; the knee studies staged AVN with Aglietti I–III; "
    "brief §1 and §2.13.",
    "S63": "Knee osteonecrosis: spontaneous (SONK) and secondary types; brief §2.19.",
}

NO_CROSSWALK = (
    "The matches between the three scales come from their definitions; no published "
    "crosswalk exists (evidence brief §3.4)."
)
NOT_A_DIAGNOSIS = (
    "This is a reading aid for your imaging report, not a diagnosis: only your doctor, looking "
    "at the images themselves, can stage your disease."
)
HIP = "hip"
PERI_COLLAPSE = (
    "Hip specialists call the time from the first crack under the surface up to 2 mm of collapse "
    "the peri-collapse stage; beyond about 2 mm, hip replacement is usually preferred "
    "(Zhang 2018)."
)


@dataclass(frozen=True)
class Finding:
    """One thing an X-ray or MRI report can say, and the stage it points to on each scale."""

    key: str
    plain: str
    report_words: tuple[str, ...]
    stage: int  # the table's 0–4 scale: 1–4 = ARCO 2019 I–IV
    arco: str  # ARCO 2019 with its sub-stage, e.g. "IIIA"
    ficat: str
    steinberg: str
    meaning: str  # what the stage means, for the result sentence
    approximate: str = ""  # why this finding's match is looser than the others, if it is
    hip_note: str = ""  # what hip surgeons make of this stage (the sources are about the hip)
    sources: tuple[str, ...] = ("S57", "S58", "S59")

    @property
    def label(self) -> str:
        """Plain words with the report's main term in brackets."""
        return f"{self.plain} ({self.report_words[0]})"


# Ordered from earliest to most advanced: a report naming several findings reads as the last.
FINDINGS: Final[tuple[Finding, ...]] = (
    Finding(
        "nothing-seen",
        "Nothing shows on X-ray or MRI, but I am at risk",
        ("no evidence of osteonecrosis", "normal X-ray and MRI"),
        stage=0, arco="none (ARCO 1994 stage 0)", ficat="0", steinberg="0",
        meaning="no damage is seen yet, but you are at risk",
        approximate="ARCO 2019 has only stages I–IV; stage 0 comes from the 1994 version, "
        "where it meant a finding on a tissue sample (biopsy) only.",
    ),
    Finding(
        "mri-only",
        "X-ray looks normal, but MRI or a bone scan shows a damaged area",
        ("normal X-ray, MRI positive", "MRI oedema", "bone scan positive", "slight osteopenia"),
        stage=1, arco="I", ficat="I", steinberg="I",
        meaning="early and before collapse; the damage shows on MRI or a bone scan only",
    ),
    Finding(
        "sclerosis-cysts",
        "X-ray shows hardened or patchy bone, or small holes, but no crack",
        ("sclerosis", "cysts", "focal osteoporosis", "lucent or sclerotic change",
         "no crescent sign"),
        stage=2, arco="II", ficat="II", steinberg="II",
        meaning="before collapse, but the damage now shows on X-ray",
    ),
    Finding(
        "crescent-sign",
        "A thin crack just under the joint surface; the bone end is still round",
        ("crescent sign", "subchondral fracture", "necrotic-zone fracture", "no flattening"),
        stage=3, arco="IIIA", ficat="III", steinberg="III",
        meaning="the bone just under the joint surface has cracked, but has not sunk by more "
        "than 2 mm",
        hip_note=PERI_COLLAPSE,
        sources=("S57", "S58", "S59", "S60"),
    ),
    Finding(
        "collapse-up-to-2mm",
        "The rounded end of the bone has started to flatten, by 2 mm or less",
        ("collapse ≤2 mm", "depression ≤2 mm", "flattening", "early collapse"),
        stage=3, arco="IIIA", ficat="III", steinberg="IV",
        meaning="the bone end has begun to sink (collapse), by 2 mm or less; the joint space "
        "is still kept",
        hip_note=PERI_COLLAPSE,
        sources=("S57", "S58", "S59", "S60"),
    ),
    Finding(
        "collapse-over-2mm",
        "The rounded end of the bone has flattened by more than 2 mm",
        ("collapse >2 mm", "depression >2 mm", "advanced collapse"),
        stage=3, arco="IIIB", ficat="III", steinberg="IV",
        meaning="the bone end has sunk (collapsed) by more than 2 mm; the joint space is still "
        "kept",
        hip_note="Beyond about 2 mm of collapse, hip replacement is usually preferred "
        "(Zhang 2018).",
        approximate="The ARCO IIIB wording comes from a radiology summary (the official abstract "
        "is cut off), and Ficat–Arlet III speaks only of 'beginning collapse'.",
        sources=("S57", "S58", "S59", "S60"),
    ),
    Finding(
        "arthritis",
        "The joint space has narrowed, or the other side of the joint has changed too",
        ("osteoarthritis", "joint space narrowing", "acetabular changes",
         "degenerative change"),
        stage=4, arco="IV", ficat="IV", steinberg="V–VI",
        meaning="wear-and-tear arthritis has followed, with a narrower joint space or changes on "
        "the other side of the joint (in the hip, the socket)",
        approximate="Steinberg splits this into V (narrowing, socket changes) and VI (advanced "
        "wear); a report that says only 'arthritis' fits either.",
    ),
)  # fmt: skip
BY_FINDING: Final = {finding.key: finding for finding in FINDINGS}
FINDING_KEYS: Final = tuple(BY_FINDING)


@dataclass(frozen=True)
class LesionType:
    """A JIC lesion type: how much of the hip's weight-bearing area the dead bone covers."""

    key: str
    plain: str
    sources: tuple[str, ...] = ("S61",)

    @property
    def label(self) -> str:
        return f"{self.plain} (JIC type {self.key})"


# Kuroda 2019 (S61): "four visualized types based on the location and size of osteonecrotic
# lesions on weightbearing surfaces". The thirds below are the JIC definitions as that paper
# draws them; the brief quotes only its abstract, so check them against the full text.
LESION_TYPES: Final[tuple[LesionType, ...]] = (
    LesionType("A", "Small: only the inner third of the weight-bearing part of the ball"),
    LesionType("B", "Up to the inner two-thirds of the weight-bearing part"),
    LesionType("C1", "More than two-thirds, but inside the outer edge of the socket"),
    LesionType("C2", "Large: reaches past the outer edge of the socket"),
)
BY_LESION_TYPE: Final = {lesion.key: lesion for lesion in LESION_TYPES}
LESION_TYPE_KEYS: Final = tuple(BY_LESION_TYPE)
# Only hips not yet collapsed were followed: the figures are a baseline for stages I–II.
BASELINE_STAGES: Final = (1, 2)
KURODA_HIPS = 212


@dataclass(frozen=True)
class JointStaging:
    """How a joint is staged, and whether this helper's hip scale fits it."""

    joint: str
    scale: str  # what the result calls the stage, e.g. "ARCO 2019"
    note: str
    approximate: bool
    sources: tuple[str, ...]


_HIP_SCALE_NOTE = (
    "The stage below uses the hip scale (ARCO 2019) as an approximation, as the treatment "
    "table does for every joint."
)
JOINT_STAGING: Final[dict[str, JointStaging]] = {
    "hip": JointStaging(
        "hip", "ARCO 2019",
        "The hip is staged with ARCO 2019 (stages I–IV, with IIIA and IIIB). Older reports may "
        "use Ficat–Arlet or Steinberg; their matching stages are shown too.",
        approximate=False, sources=("S57", "S58", "S59"),
    ),
    "knee": JointStaging(
        "knee", "hip scale (ARCO 2019)",
        "The knee has its own staging systems, Koshino and Aglietti (the knee studies of "
        f"oxygen-chamber treatment used Aglietti I–III). {_HIP_SCALE_NOTE} A knee report may "
        "also say "
        "'spontaneous' (SONK, SPONK) or 'secondary' osteonecrosis: that is the kind, not the "
        "stage.",
        approximate=True, sources=("S57", "S46", "S63"),
    ),
    "shoulder": JointStaging(
        "shoulder", "hip scale (ARCO 2019)",
        f"The shoulder has its own staging system, Cruess. {_HIP_SCALE_NOTE}",
        approximate=True, sources=("S57",),
    ),
    "ankle-foot": JointStaging(
        "ankle-foot", "hip scale (ARCO 2019)",
        f"The evidence brief gives no staging system for the ankle or foot. {_HIP_SCALE_NOTE}",
        approximate=True, sources=("S57",),
    ),
    "other": JointStaging(
        "other", "hip scale (ARCO 2019)",
        f"The evidence brief gives no staging system for this joint. {_HIP_SCALE_NOTE}",
        approximate=True, sources=("S57",),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class StageReading:
    """What a set of report findings reads as, on every scale, in one sentence."""

    stage: int  # 0–4, the value for the "stage" filter
    sub_stage: str | None  # "A" or "B" for ARCO III, else None
    arco: str
    ficat: str
    steinberg: str
    finding: Finding  # the most advanced finding, which sets the stage
    joint: JointStaging
    lesion_type: LesionType | None
    baseline: str | None  # the natural course for the lesion type, when it applies
    notes: tuple[str, ...]  # where the reading is approximate, and why
    sentence: str
    sources: tuple[str, ...]

    @property
    def stage_label(self) -> str:
        """The filter's own label: '0', 'I' … 'IV'."""
        return col.STAGE_LABELS[self.stage]

    @property
    def headline(self) -> str:
        """'Hip: ARCO 2019 stage IIIA'; other joints say the hip scale is an approximation."""
        joint = col.JOINT_LABELS.get(self.joint.joint, self.joint.joint)
        if self.stage == 0:
            return f"{joint}: stage 0 (at risk)"
        if self.joint.joint == HIP:
            return f"Hip: ARCO 2019 stage {self.arco}"
        return f"{joint}: stage {self.arco} on the hip scale (an approximation)"

    @property
    def crosswalk(self) -> dict[str, str]:
        """The same stage on each scale, the app's own filter first."""
        return {
            "Stage filter": self.stage_label,
            "ARCO 2019": self.arco,
            "Ficat–Arlet": self.ficat,
            "Steinberg": self.steinberg,
        }


def lesion_baseline(lesion: LesionType, outcomes: pd.DataFrame | None = None) -> str:
    """What happened, over 2 and 5 years, to pre-collapse hips with this lesion type: read
    from the natural-course rows of data/outcomes.csv, where the figures live."""
    rows = load_outcomes() if outcomes is None else outcomes
    rows = rows[rows["treatment_id"].eq(BASELINE_ID) & rows["lesion_type"].eq(lesion.key)]
    shares = {
        horizon_words(row["horizon_months"]): per_hundred(
            row["treated_events"], row["treated_n"], row["treated_percent"]
        )
        for row in rows.sort_values("horizon_months").to_dict("records")
    }
    counted = [f"{share:g} in 100 {when}" for when, share in shares.items() if share is not None]
    if not counted:
        return f"No study in this table counts what happens to type {lesion.key} lesions."
    return (
        f"In a study of {KURODA_HIPS} hips found before collapse (Kuroda 2019), with a type "
        f"{lesion.key} lesion {' and '.join(counted)} had collapsed or needed a new hip. "
        "The study does not say what care the hips had."
    )


def _lesion_parts(
    finding: Finding, lesion_type: str | None, on_hip: bool
) -> tuple[str | None, tuple[str, ...]]:
    """The natural-course baseline for the lesion type, or why it does not apply."""
    if lesion_type is None:
        return None, ()
    if not on_hip:
        return None, ("JIC lesion types describe the hip (the ball of the thigh bone) only.",)
    if finding.stage not in BASELINE_STAGES:
        now = "no damage is seen yet" if finding.stage == 0 else "the bone has already cracked"
        return None, (f"The lesion-type figures are for hips before collapse; here {now}.",)
    return lesion_baseline(BY_LESION_TYPE[lesion_type]), ()


def _sentence(finding: Finding, joint: JointStaging) -> str:
    """'Your report's words (crescent sign) match hip stage IIIA on the ARCO 2019 scale: …'."""
    if finding.stage == 0:
        named = "stage 0 (at risk), before ARCO 2019 stage I"
    elif joint.joint == HIP:
        named = f"hip stage {finding.arco} on the ARCO 2019 scale"
    else:
        named = f"stage {finding.arco} on the hip scale (ARCO 2019), used as an approximation"
    return (
        f"Your report's words ({finding.report_words[0]}) match {named}: {finding.meaning}. "
        f"In this app's stage filter that is stage {col.STAGE_LABELS[finding.stage]}. "
        f"On the older hip scales: Ficat–Arlet {finding.ficat}, Steinberg {finding.steinberg}."
    )


def joint_staging(joint: str) -> JointStaging:
    """How `joint` is staged; an unknown joint reads as 'other'."""
    return JOINT_STAGING.get(joint, JOINT_STAGING["other"])


def stage_from_findings(
    *findings: str, lesion_type: str | None = None, joint: str = HIP
) -> StageReading:
    """The stage the report's findings point to; several findings read as the most advanced.

    `findings` are keys of FINDINGS, `lesion_type` a JIC type ('A', 'B', 'C1', 'C2') or None,
    and `joint` one of columns.JOINTS (an unknown joint is read as 'other').
    """
    if not findings:
        raise ValueError("give at least one finding")
    for key in findings:
        if key not in BY_FINDING:
            raise ValueError(f"unknown finding {key!r}; must be one of: {', '.join(FINDING_KEYS)}")
    if lesion_type is not None and lesion_type not in BY_LESION_TYPE:
        raise ValueError(f"lesion type must be one of: {', '.join(LESION_TYPE_KEYS)}")
    finding = max((BY_FINDING[key] for key in findings), key=FINDINGS.index)
    staging = joint_staging(joint)
    on_hip = staging.joint == HIP
    lesion = BY_LESION_TYPE[lesion_type] if lesion_type and on_hip else None
    baseline, lesion_notes = _lesion_parts(finding, lesion_type, on_hip)
    hip_note = finding.hip_note if on_hip else ""
    notes = tuple(note for note in (finding.approximate, hip_note, *lesion_notes) if note)
    used = (*finding.sources, *staging.sources, *(("S61",) if baseline else ()))
    return StageReading(
        stage=finding.stage,
        sub_stage=finding.arco.removeprefix("III") if finding.stage == 3 else None,
        arco=finding.arco,
        ficat=finding.ficat,
        steinberg=finding.steinberg,
        finding=finding,
        joint=staging,
        lesion_type=lesion,
        baseline=baseline,
        notes=(*notes, NO_CROSSWALK),
        sentence=_sentence(finding, staging),
        sources=tuple(dict.fromkeys(used)),
    )


def _names_on_each_scale(finding: Finding) -> dict[str, tuple[str, ...]]:
    """The names a report can give this finding's stage, by scale: 'ARCO IIIA' and 'ARCO III'
    (a report without the sub-stage), 'Ficat–Arlet III', 'Steinberg V' and 'Steinberg VI'."""
    arco = "0 (1994 version)" if finding.stage == 0 else finding.arco
    return {
        "ARCO": (arco, *(("III (no sub-stage given)",) if finding.stage == 3 else ())),
        "Ficat–Arlet": (finding.ficat,),
        "Steinberg": tuple(finding.steinberg.split("–")),
    }


def _findings_by_stage_name() -> dict[str, tuple[Finding, ...]]:
    by_name: dict[str, list[Finding]] = {}
    for scale in ("ARCO", "Ficat–Arlet", "Steinberg"):
        for finding in FINDINGS:
            for stage in _names_on_each_scale(finding)[scale]:
                by_name.setdefault(f"{scale} {stage}", []).append(finding)
    return {name: tuple(findings) for name, findings in by_name.items()}


# What a report may already say ("ARCO II", "Ficat–Arlet III"), with the findings each covers:
# a stage name with several findings (Ficat–Arlet III) covers all of them.
STAGE_NAMES: Final[dict[str, tuple[Finding, ...]]] = _findings_by_stage_name()


def _either(values: list[str]) -> str:
    return " or ".join(dict.fromkeys(values))


def stage_from_name(name: str, lesion_type: str | None = None, joint: str = HIP) -> StageReading:
    """The reading of a stage the report already names, one of STAGE_NAMES; where the name
    covers several findings, each other scale gives every stage it can be ('IIIA or IIIB')."""
    if name not in STAGE_NAMES:
        raise ValueError(f"unknown stage name {name!r}; must be one of: {', '.join(STAGE_NAMES)}")
    covered = STAGE_NAMES[name]
    reading = stage_from_findings(covered[0].key, lesion_type=lesion_type, joint=joint)
    arco = _either([finding.arco for finding in covered])
    ficat = _either([finding.ficat for finding in covered])
    steinberg = _either([finding.steinberg for finding in covered])
    meaning = "; or ".join(dict.fromkeys(finding.meaning for finding in covered))
    sentence = (
        f"Your report names {name}: {meaning}. In this app's stage filter that is stage "
        f"{col.STAGE_LABELS[reading.stage]}. The same stage on each scale: ARCO 2019 {arco}, "
        f"Ficat–Arlet {ficat}, Steinberg {steinberg}."
    )
    return replace(
        reading,
        sub_stage=reading.sub_stage if len({f.arco for f in covered}) == 1 else None,
        arco=arco,
        ficat=ficat,
        steinberg=steinberg,
        sentence=sentence,
    )
