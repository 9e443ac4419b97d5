"""Names and allowed values of the treatment table's columns, shared by schema, filters and UI."""

from collections.abc import Hashable, Mapping
from typing import Any, Final

# One record of a table (`to_dict("records")`): pandas types its keys as any Hashable label.
Row = Mapping[Hashable, Any]

ID_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SCORE_MIN: Final = 0
SCORE_MAX: Final = 4
STAGE_MIN: Final = 0
STAGE_MAX: Final = 4
# The longest course a filter accepts: ten years.
MAX_WEEKS: Final = 520

AIM_LABELS: Final = {
    "pain": "Ease pain now",
    "function": "Keep moving",
    "disease": "Keep my own joint (slow the disease)",
    "prevention": "Lower my chance of getting AVN",
}
AIMS: Final = tuple(AIM_LABELS)
JOINT_LABELS: Final = {
    "hip": "Hip",
    "knee": "Knee",
    "shoulder": "Shoulder",
    "ankle-foot": "Ankle or foot",
    "other": "Other",
}
JOINTS: Final = tuple(JOINT_LABELS)
LIST_SEPARATOR: Final = "; "
# The row that stands for doing nothing: the natural course, the baseline of every comparison.
BASELINE_ID: Final = "watchful-waiting"
# Japanese Investigation Committee lesion types, from the MRI (Kuroda 2019 natural course).
LESION_LABELS: Final = {
    "A": "A: the dead area covers at most the inner third of the weight-bearing part",
    "B": "B: at most the inner two thirds",
    "C1": "C1: more than two thirds, not reaching past the edge of the socket",
    "C2": "C2: more than two thirds, reaching past the edge of the socket",
}
LESION_TYPES: Final = tuple(LESION_LABELS)

CATEGORIES: Final = (
    "Injection",
    "Medication",
    "Pain relief",
    "Movement & offloading",
    "Complementary",
    "Device",
    "Observation",
    "Surgery",
)

# Ordered weakest to strongest, so a position compares certainty.
EVIDENCE_LEVELS: Final = ("none", "very low", "low", "moderate", "high")

STAGE_LABELS: Final = {0: "0", 1: "I", 2: "II", 3: "III", 4: "IV"}

INT_COLUMNS: Final = ("invasiveness", "stage_min", "stage_max", "side_effect_burden")
FLOAT_COLUMNS: Final = ("duration_weeks_min", "duration_weeks_max")
BOOL_COLUMNS: Final = ("in_source_article", "surgical")

# Reader-facing extras: the bundled table fills them; a clinic's own table may leave them out.
OPTIONAL_TEXT_COLUMNS: Final = (
    "how_it_works",
    "regimen",
    "joints",
    "article_claim",
    "score_basis",
    "questions_to_ask",
    "source_urls",
    "aims",
    "joints_note",
    "causes_studied",
    "not_effective_in",
)

TABLE_COLUMNS: Final = (
    "treatment_id",
    "name",
    "category",
    "surgical",
    "in_source_article",
    "how_it_works",
    "regimen",
    "joints",
    "invasiveness",
    "duration_weeks_min",
    "duration_weeks_max",
    "stage_min",
    "stage_max",
    "side_effect_burden",
    "side_effects",
    "cautions",
    "evidence_certainty",
    "evidence_summary",
    "article_claim",
    "score_basis",
    "questions_to_ask",
    "sources",
    "source_urls",
    "aims",
    "joints_note",
    "causes_studied",
    "not_effective_in",
)

# The columns every table must have and fill: all but the reader-facing extras.
REQUIRED_COLUMNS: Final = tuple(name for name in TABLE_COLUMNS if name not in OPTIONAL_TEXT_COLUMNS)

QUESTION_SEPARATOR: Final = " | "
