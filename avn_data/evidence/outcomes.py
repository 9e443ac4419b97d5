"""Study outcomes (data/outcomes.csv): one sourced finding per row, checked against treatments."""

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from avn_data.tables import columns as col
from avn_data.tables.csv_text import read_cells
from avn_data.tables.paths import DATA_DIR, fresh
from avn_data.tables.problems import Problem, TableError, load_or_problems
from avn_data.tables.schema import TableSpec, ordered_pair_check
from avn_data.tables.validate import spreadsheet_row, validate_cells

OUTCOMES_CSV = DATA_DIR / "outcomes.csv"

OUTCOME_COLUMNS = (
    "outcome_id",
    "treatment_id",
    "aim",
    "outcome",
    "finding",
    "population",
    "joint",
    "knee_type",
    "stage_min",
    "stage_max",
    "cause",
    "lesion_type",
    "lesion_size",
    "symptoms",
    "horizon_months",
    "unit",
    "treated_events",
    "treated_n",
    "treated_percent",
    "comparator",
    "comparator_events",
    "comparator_n",
    "comparator_percent",
    "effect_measure",
    "effect",
    "effect_low",
    "effect_high",
    "direction",
    "design",
    "comparison",
    "evidence_from",
    "certainty",
    "source",
    "study_id",
    "read_in",
    "quote",
    "note",
)

# Controlled vocabularies, as in the shared data contract.
AIMS = ("pain", "function", "disease", "prevention")
NO_DATA = "no outcome data"
OUTCOMES = (
    "collapse",
    "joint replacement",
    "radiological progression",
    "pain score",
    "function score",
    "clinical success",
    "new AVN",
    "healing on imaging",
    "imaging success",
    "symptoms began",
    NO_DATA,
)
BASELINE = "baseline"
# A single-group report whose authors say the treatment did not work in that group.
FAILED = "failed"
NO_DATA_DIRECTION = "no data"
DIRECTIONS = (
    "favours",
    "no difference",
    "favours comparator",
    "conflicting",
    "uncontrolled",
    FAILED,
    BASELINE,
    NO_DATA_DIRECTION,
)
# Directions that only a comparison with another group can give.
COMPARED = ("favours", "no difference", "favours comparator", "conflicting")
NO_DESIGN = "none"
DESIGNS = (
    "RCT",
    "cohort",
    "case series",
    "meta-analysis",
    "systematic review",
    "case-control",
    NO_DESIGN,
)
JOINTS = ("hip", "knee", "shoulder", "ankle-foot", "other", "several")
KNEE_TYPES = ("spontaneous", "secondary")
CAUSES = (
    "steroids",
    "alcohol",
    "sickle-cell",
    "lupus",
    "injury",
    "chemotherapy",
    "hiv",
    "gaucher",
    "decompression-sickness",
    "clotting-disorder",
    "unknown",
    "any",
)
LESION_TYPES = ("A", "B", "C1", "C2")
LESION_SIZES = ("small", "medium", "large")
# What the treated group was compared with: see data/outcomes.md, "Comparisons".
COMPARISONS = ("inactive", "active", "add-on", "none", "natural course")
EVIDENCE_FROM = ("avn", "other condition")
READ_IN = ("abstract", "full text")
STUDY_ID_PATTERN = r"^(PMID [0-9]{5,9}|DOI 10\.[0-9]{4,9}/\S+)$"
SYMPTOMS = ("with", "without", "any")
UNITS = ("hips", "patients", "knees", "shoulders", "joints")
EFFECT_MEASURES = ("OR", "RR", "HR", "MD", "SMD")
RATIO_MEASURES = ("OR", "RR", "HR")
# The natural-course rows that serve as the "without treatment" baseline.
BASELINE_TREATMENT = col.BASELINE_ID
GROUPS = ("treated", "comparator")

INT_COLUMNS = (
    "stage_min",
    "stage_max",
    "treated_events",
    "treated_n",
    "comparator_events",
    "comparator_n",
)
FLOAT_COLUMNS = (
    "horizon_months",
    "treated_percent",
    "comparator_percent",
    "effect",
    "effect_low",
    "effect_high",
)
NUMBER_COLUMNS = INT_COLUMNS + FLOAT_COLUMNS
# Text that may be left empty: not applicable (knee_type, lesion_type) or nothing counted.
OPTIONAL_TEXT = (
    "joint",
    "knee_type",
    "lesion_type",
    "lesion_size",
    "unit",
    "effect_measure",
    "study_id",
    "read_in",
    "quote",
    "note",
)


def _one_of(values: tuple[str, ...], empty: bool = False) -> str:
    return "one of: " + ", ".join(values) + (", or empty" if empty else "")


def _choice(values: tuple[str, ...], empty: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.isin(values + (("",) if empty else ())))


def _number(*checks: pa.Check) -> pa.Column:
    return pa.Column(float, [*checks, pa.Check(np.isfinite, name="finite")])


def outcome_spec() -> TableSpec:
    """The outcome table's rules: types, ranges, vocabularies and unique ids."""
    stage_rule = f"a stage from {col.STAGE_MIN} (at risk) to {col.STAGE_MAX} (or I to IV), or empty"
    # Each ruled column once: its pandera column and the words that explain the rule.
    rules: dict[str, tuple[pa.Column, str]] = {
        "outcome_id": (
            pa.Column(str, pa.Check.str_matches(col.ID_PATTERN), unique=True),
            "a unique id of lowercase letters, digits and single hyphens",
        ),
        "treatment_id": (
            pa.Column(str, pa.Check.str_matches(col.ID_PATTERN)),
            "an id of lowercase letters, digits and single hyphens",
        ),
        **{
            name: (_choice(values, empty), _one_of(values, empty))
            for name, values, empty in (
                ("aim", AIMS, False), ("outcome", OUTCOMES, False), ("joint", JOINTS, True),
                ("knee_type", KNEE_TYPES, True), ("cause", CAUSES, False),
                ("lesion_type", LESION_TYPES, True), ("lesion_size", LESION_SIZES, True),
                ("symptoms", SYMPTOMS, False), ("comparison", COMPARISONS, False),
                ("evidence_from", EVIDENCE_FROM, False), ("read_in", READ_IN, True),
                ("unit", UNITS, True), ("effect_measure", EFFECT_MEASURES, True),
                ("direction", DIRECTIONS, False), ("design", DESIGNS, False),
                ("certainty", col.EVIDENCE_LEVELS, False),
            )
        },
        "study_id": (
            pa.Column(str, pa.Check(lambda ids: ids.eq("") | ids.str.match(STUDY_ID_PATTERN))),
            "'PMID' and its number, or 'DOI' and the DOI (e.g. 'PMID 16203877'), or empty",
        ),
        **{
            name: (pa.Column(int, pa.Check.in_range(col.STAGE_MIN, col.STAGE_MAX)), stage_rule)
            for name in ("stage_min", "stage_max")
        },
        "horizon_months": (_number(pa.Check.ge(0)), "a number of months, 0 or more, or empty"),
        **{
            f"{group}_{part}": (pa.Column(int, pa.Check.ge(least)), words)
            for group in ("treated", "comparator")
            for part, least, words in (
                ("events", 0, "a whole number, 0 or more, or empty"),
                ("n", 1, "a whole number, 1 or more, or empty"),
            )
        },
        **{
            f"{group}_percent": (
                _number(pa.Check.in_range(0, 100)), "a percentage from 0 to 100, or empty"
            )
            for group in ("treated", "comparator")
        },
        **{
            name: (_number(), "a number, or empty")
            for name in ("effect", "effect_low", "effect_high")
        },
    }  # fmt: skip
    schema = pa.DataFrameSchema(
        {name: column for name, (column, _) in rules.items()},
        checks=[ordered_pair_check("stage_min", "stage_max")],
        strict=False,
    )
    return TableSpec(
        title="outcome table",
        schema=schema,
        required=tuple(name for name in OUTCOME_COLUMNS if name not in OPTIONAL_TEXT),
        optional_text=OPTIONAL_TEXT,
        int_columns=INT_COLUMNS,
        float_columns=FLOAT_COLUMNS,
        nullable=NUMBER_COLUMNS,
        ordered_pairs=(("stage_min", "stage_max"),),
        expectations={name: words for name, (_, words) in rules.items()},
    )


def load_outcomes(path: Path = OUTCOMES_CSV) -> pd.DataFrame:
    """The validated outcome table; raises TableError naming each bad row and column."""
    return fresh(_read_outcomes, Path(path))


def outcomes_or_none(path: Path = OUTCOMES_CSV) -> tuple[pd.DataFrame, list[Problem]]:
    """The outcome table and no problems; or, when it cannot be used, a table with no rows
    and the problems, so the page goes on (ranked by costs only) and says why."""
    outcomes, problems = load_or_problems(Path(path), load_outcomes)
    if outcomes is not None:
        return outcomes, problems
    empty = pd.DataFrame({name: pd.Series(dtype=object) for name in OUTCOME_COLUMNS})
    return empty.astype({name: float for name in NUMBER_COLUMNS}), problems


def _read_outcomes(path: Path) -> pd.DataFrame:
    return outcomes_from_bytes(path.read_bytes())


def outcomes_from_bytes(data: bytes) -> pd.DataFrame:
    """The validated outcome table from a CSV file's bytes; raises TableError naming each bad
    row and column (a missing column once, by name)."""
    cells = read_cells(data)
    missing = [
        Problem(None, name, "this column is missing from the header row")
        for name in OUTCOME_COLUMNS
        if name not in cells.columns
    ]
    if missing:
        raise TableError(missing)
    return validate_cells(cells, outcome_spec())


def _flag(
    frame: pd.DataFrame, mask: pd.Series, column: str, message: Callable[[pd.Series], str]
) -> list[Problem]:
    """One problem per row where `mask` is true, worded by `message` from that row."""
    hits = mask.fillna(False).astype(bool)
    return [
        Problem(spreadsheet_row(index), column, message(frame.loc[index]))
        for index in frame.index[hits]
    ]


def unknown_treatments(outcomes: pd.DataFrame, treatment_ids: pd.Series) -> list[Problem]:
    """Rows naming a treatment that the treatment table does not have."""
    unknown = ~outcomes["treatment_id"].isin(set(treatment_ids))
    return _flag(
        outcomes,
        unknown,
        "treatment_id",
        lambda row: f"'{row['treatment_id']}' is not a treatment_id in the treatment table",
    )


def events_above_group_size(outcomes: pd.DataFrame) -> list[Problem]:
    """Rows where a group has more events than people (or hips) in it."""
    problems: list[Problem] = []
    for group in GROUPS:
        events, size = f"{group}_events", f"{group}_n"

        def more_than_the_group(row: pd.Series, events: str = events, size: str = size) -> str:
            return f"{events} ({row[events]:g}) is more than {size} ({row[size]:g})"

        problems += _flag(outcomes, outcomes[events] > outcomes[size], events, more_than_the_group)
    return problems


def interval_problems(outcomes: pd.DataFrame) -> list[Problem]:
    """Effects outside their interval, half-given intervals, and effects without a measure."""
    effect, low, high = outcomes["effect"], outcomes["effect_low"], outcomes["effect_high"]
    measure = outcomes["effect_measure"]
    outside = (effect < low) | (effect > high)
    reversed_ends = low > high
    half = low.isna() != high.isna()
    ratio = measure.isin(RATIO_MEASURES) & ((effect <= 0) | (low <= 0))
    return [
        *_flag(
            outcomes,
            outside,
            "effect",
            lambda row: (
                f"effect ({row['effect']:g}) is outside its interval "
                f"({row['effect_low']:g} to {row['effect_high']:g})"
            ),
        ),
        *_flag(
            outcomes,
            reversed_ends,
            "effect_low",
            lambda row: (
                f"effect_low ({row['effect_low']:g}) is above effect_high ({row['effect_high']:g})"
            ),
        ),
        *_flag(
            outcomes,
            half,
            "effect_low",
            lambda _: "give both ends of the interval (effect_low and effect_high) or neither",
        ),
        *_flag(
            outcomes,
            effect.notna() & measure.eq(""),
            "effect_measure",
            lambda _: "is empty although an effect is given; say OR, RR, HR, MD or SMD",
        ),
        *_flag(
            outcomes,
            effect.isna() & measure.ne(""),
            "effect",
            lambda row: f"is empty although effect_measure is '{row['effect_measure']}'",
        ),
        *_flag(
            outcomes,
            ratio,
            "effect",
            lambda row: f"a ratio ({row['effect_measure']}) and its interval must be above 0",
        ),
    ]


def vocabulary_problems(outcomes: pd.DataFrame) -> list[Problem]:
    """Rows whose controlled words contradict each other (no-data, baseline, knee, joint)."""
    no_data = outcomes["outcome"].eq(NO_DATA)
    direction = outcomes["direction"]
    baseline_row = outcomes["treatment_id"].eq(BASELINE_TREATMENT)
    numbers = outcomes[list(NUMBER_COLUMNS)].notna().any(axis=1)
    return [
        *_flag(
            outcomes,
            no_data & direction.ne(NO_DATA_DIRECTION),
            "direction",
            lambda _: f"must be '{NO_DATA_DIRECTION}' on a '{NO_DATA}' row",
        ),
        *_flag(
            outcomes,
            ~no_data & direction.eq(NO_DATA_DIRECTION),
            "outcome",
            lambda _: f"must be '{NO_DATA}' when direction is '{NO_DATA_DIRECTION}'",
        ),
        *_flag(
            outcomes,
            no_data & outcomes["design"].ne(NO_DESIGN),
            "design",
            lambda _: f"must be '{NO_DESIGN}' on a '{NO_DATA}' row",
        ),
        *_flag(
            outcomes,
            no_data & outcomes["certainty"].ne("none"),
            "certainty",
            lambda _: f"must be 'none' on a '{NO_DATA}' row",
        ),
        *_flag(
            outcomes,
            ~no_data & outcomes["design"].eq(NO_DESIGN),
            "design",
            lambda _: f"'{NO_DESIGN}' is only for '{NO_DATA}' rows; name the study design",
        ),
        *_flag(
            outcomes,
            no_data & numbers,
            "outcome",
            lambda _: f"a '{NO_DATA}' row must leave every number empty",
        ),
        *_flag(
            outcomes,
            direction.eq(BASELINE) & ~baseline_row,
            "direction",
            lambda _: f"'{BASELINE}' is only for the natural-course rows of {BASELINE_TREATMENT}",
        ),
        *_flag(
            outcomes,
            baseline_row & ~direction.isin((BASELINE, NO_DATA_DIRECTION)),
            "direction",
            lambda _: f"{BASELINE_TREATMENT} rows are the natural course: use '{BASELINE}'",
        ),
        *_flag(
            outcomes,
            direction.eq(BASELINE) != outcomes["comparison"].eq("natural course"),
            "comparison",
            lambda _: f"is 'natural course' exactly on '{BASELINE}' rows",
        ),
        *_flag(
            outcomes,
            direction.isin(COMPARED) & outcomes["comparison"].isin(("none", "natural course")),
            "direction",
            lambda row: (
                f"'{row['direction']}' needs a comparison group; a single group is 'uncontrolled'"
            ),
        ),
        *_flag(
            outcomes,
            direction.isin(("uncontrolled", FAILED)) & outcomes["comparison"].ne("none"),
            "comparison",
            lambda row: f"must be 'none' on an '{row['direction']}' row (a single group)",
        ),
        *_flag(
            outcomes,
            outcomes["knee_type"].ne("") & outcomes["joint"].ne("knee"),
            "knee_type",
            lambda _: "is only for knee rows (joint 'knee')",
        ),
        *_flag(
            outcomes,
            outcomes["lesion_type"].ne("") & outcomes["joint"].ne("hip"),
            "lesion_type",
            lambda _: "JIC lesion types are only for hip rows (joint 'hip')",
        ),
        *_flag(
            outcomes,
            outcomes["joint"].eq("") & ~no_data,
            "joint",
            lambda _: f"is empty; only '{NO_DATA}' rows may leave the joint empty",
        ),
    ]


# Where no PMID or DOI could be read, the row must say so in its note, in these words, and its
# source must give the journal reference; the check lists them, so none is forgotten.
UNVERIFIED_ID = "PMID/DOI not yet verified"
SUBGROUP = (
    "treatment_id", "study_key", "aim", "outcome", "joint", "knee_type", "stage_min",
    "stage_max", "cause", "lesion_type", "lesion_size", "symptoms", "horizon_months",
)  # fmt: skip
PERCENT_TOLERANCE = 1.0


def provenance_problems(outcomes: pd.DataFrame) -> list[Problem]:
    """Rows that do not say where their numbers come from: identifier, where read, the phrase."""
    finding = outcomes["direction"].ne(NO_DATA_DIRECTION)
    no_id = finding & outcomes["study_id"].eq("")
    return [
        *_flag(
            outcomes,
            no_id & ~outcomes["note"].str.contains(UNVERIFIED_ID, regex=False),
            "study_id",
            lambda _: f"is empty; give 'PMID …' or 'DOI …', or say '{UNVERIFIED_ID}' in the note",
        ),
        *_flag(
            outcomes,
            finding & outcomes["read_in"].eq(""),
            "read_in",
            lambda _: "is empty; say where the numbers were read: abstract or full text",
        ),
        *_flag(
            outcomes,
            finding & outcomes["quote"].eq(""),
            "quote",
            lambda _: "is empty; copy the phrase the numbers come from",
        ),
    ]


def consistency_problems(outcomes: pd.DataFrame) -> list[Problem]:
    """Counts that disagree with their percentage, findings without a follow-up or a reason,
    and the same finding of the same study stored twice."""
    problems: list[Problem] = []
    for group in GROUPS:
        events, size, percent = (f"{group}_{part}" for part in ("events", "n", "percent"))
        share = 100 * outcomes[events] / outcomes[size]

        def disagrees(
            row: pd.Series, events: str = events, size: str = size, percent: str = percent
        ) -> str:
            return f"{row[percent]:g}% disagrees with {row[events]:g} of {row[size]:g}"

        problems += _flag(
            outcomes, (share - outcomes[percent]).abs() > PERCENT_TOLERANCE, percent, disagrees
        )
    counted = outcomes[[*(f"{group}_{part}" for group in GROUPS for part in ("events", "percent"))]]
    problems += _flag(
        outcomes,
        counted.notna().any(axis=1)
        & outcomes["horizon_months"].isna()
        & ~outcomes["note"].str.contains("follow-up|horizon", case=False),
        "horizon_months",
        lambda _: "is empty for a counted finding; give the follow-up or say in the note why not",
    )
    keyed = outcomes.assign(
        study_key=outcomes["study_id"].where(outcomes["study_id"].ne(""), outcomes["source"])
    )
    twice = keyed.duplicated(list(SUBGROUP), keep="first") & keyed["direction"].ne(
        NO_DATA_DIRECTION
    )
    problems += _flag(
        keyed,
        twice,
        "outcome_id",
        lambda row: f"'{row['outcome_id']}' repeats another row's study, aim, outcome and group",
    )
    return problems
