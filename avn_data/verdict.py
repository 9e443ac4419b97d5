"""The evidence verdict: what the study rows that apply to a person say for one treatment and aim.

One written rule (data/README.md, "How the verdict is computed"), in the spirit of GRADE:
only a controlled comparison in AVN can show benefit; a null or failed trial weighs as much as a
positive one; an uncontrolled series, a benefit seen only as an add-on to an operation, and
evidence from other conditions each get a group of their own; a failure for the person's cause
or stage outranks everything. Nothing here is typed by hand beside the rows.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from avn_data import columns as col

# The groups, best first. A treatment never climbs by gaining a null trial: every group that
# evidence against a treatment leads to sits below every group it could have come from.
GROUPS: tuple[tuple[str, str], ...] = (
    ("favours", "Evidence favours it"),
    ("conflicting", "Studies disagree"),
    ("add-on", "Helped only when added to an operation"),
    ("uncontrolled", "Only reports without a comparison group"),
    ("indirect", "Helps in other conditions, not yet studied in AVN"),
    ("missing", "No evidence yet that it helps"),
    ("not aimed", "Not aimed at this"),
    ("as good as", "About as good as another treatment"),
    ("no benefit", "Best trials found no benefit"),
    ("failed for you", "Did not work for people like you"),
)
GROUP_KEYS = tuple(key for key, _ in GROUPS)
GROUP_RANK = {key: rank for rank, key in enumerate(GROUP_KEYS)}
GROUP_WORDS = dict(GROUPS)
FAVOURS, NOT_AIMED, MISSING = "favours", "not aimed", "missing"

CONTROLLED = ("inactive", "active")
ADD_ON = "add-on"
NULL_DIRECTIONS = ("no difference", "favours comparator")
FAILED = "failed"
NO_DATA = "no data"
OTHER_CONDITION = "other condition"
ANY = "any"
# How much a design can show, for "no controlled comparison of the same or better design".
DESIGN_STRENGTH = {
    "RCT": 3,
    "meta-analysis": 3,
    "cohort": 2,
    "case-control": 2,
    "systematic review": 2,
    "case series": 1,
    "none": 0,
}
DESIGN_NOUNS = {
    "RCT": ("randomised trial", "randomised trials"),
    "meta-analysis": ("meta-analysis", "meta-analyses"),
    "cohort": ("cohort study", "cohort studies"),
    "case-control": ("case-control study", "case-control studies"),
    "systematic review": ("review", "reviews"),
    "case series": ("case series", "case series"),
}
CAUSE_WORDS = {
    "steroids": "steroid-related AVN",
    "alcohol": "alcohol-related AVN",
    "sickle-cell": "AVN from sickle cell disease",
    "lupus": "AVN with lupus",
    "injury": "AVN after an injury",
    "chemotherapy": "AVN after chemotherapy",
    "hiv": "AVN with HIV",
    "gaucher": "AVN from Gaucher disease",
    "decompression-sickness": "AVN from decompression sickness",
    "clotting-disorder": "AVN with a clotting disorder",
    "unknown": "AVN of unknown cause",
}
CERTAINTY_CAP = {"uncontrolled": "very low", "missing": "none", NOT_AIMED: "none"}


@dataclass(frozen=True)
class Person:
    """What the verdict needs to know of a person: stage, joints and causes (each may be empty)."""

    stage: int | None = None
    joints: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()


# Nobody in particular: every row applies.
ANYONE = Person()


@dataclass(frozen=True)
class Verdict:
    """One treatment and aim: its group, how sure the rows that set it let us be, and why."""

    group: str
    certainty: str
    why: str

    @property
    def rank(self) -> int:
        return GROUP_RANK[self.group]

    @property
    def words(self) -> str:
        return GROUP_WORDS[self.group]


def applies(outcomes: pd.DataFrame, person: Person) -> pd.Series:
    """True for each outcome row that speaks to this person: their joint (rows for several or
    other sites count for all, and so does evidence from another condition, which is indirect
    whatever its joint), a stage range that includes theirs, any cause or one of theirs."""
    keep = pd.Series(True, index=outcomes.index)
    if person.joints:
        keep &= outcomes["joint"].isin([*person.joints, "several", "other", ""]) | outcomes[
            "evidence_from"
        ].eq(OTHER_CONDITION)
    if person.stage is not None:
        low, high = outcomes["stage_min"], outcomes["stage_max"]
        keep &= (low.isna() | low.le(person.stage)) & (high.isna() | high.ge(person.stage))
    if person.causes:
        keep &= outcomes["cause"].isin([*person.causes, ANY])
    return keep


def _lower(certainty: str) -> str:
    index = col.EVIDENCE_LEVELS.index(certainty)
    return col.EVIDENCE_LEVELS[max(index - 1, 1)] if index else certainty


def _best(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "none"
    return col.EVIDENCE_LEVELS[int(rows["certainty"].map(col.EVIDENCE_LEVELS.index).max())]


def _strength(rows: pd.DataFrame) -> int:
    return int(rows["design"].map(DESIGN_STRENGTH).fillna(0).max()) if len(rows) else -1


def _counted(rows: pd.DataFrame, verb: str) -> str:
    """'2 randomised trials favour it' style counts of distinct studies, by design."""
    studies = rows.drop_duplicates("study_key")
    parts = []
    for design, (one, many) in DESIGN_NOUNS.items():
        count = int(studies["design"].eq(design).sum())
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return ""
    plural = len(studies) > 1
    return f"{' and '.join(parts)} {verb if plural else _singular(verb)}"


def _singular(verb: str) -> str:
    first, _, rest = verb.partition(" ")
    singular = {"favour": "favours", "find": "finds", "found": "found", "report": "reports"}
    return " ".join(filter(None, (singular.get(first, first), rest)))


def _comparators(rows: pd.DataFrame) -> str:
    """The comparators named once each, without their bracketed detail."""
    short = (re.sub(r"\s*\([^()]*\)", "", str(name)).strip() for name in rows["comparator"])
    return " or ".join(dict.fromkeys(name for name in short if name))


def _person_specific(rows: pd.DataFrame, person: Person) -> pd.Series:
    """Rows restricted to one of the person's causes, or to exactly the person's stage."""
    own_cause = rows["cause"].isin(person.causes) & rows["cause"].ne(ANY)
    own_stage = (
        rows["stage_min"].eq(person.stage) & rows["stage_max"].eq(person.stage)
        if person.stage is not None
        else pd.Series(False, index=rows.index)
    )
    return own_cause | own_stage


def _who(rows: pd.DataFrame, person: Person) -> str:
    causes = [cause for cause in dict.fromkeys(rows["cause"]) if cause in person.causes]
    if causes:
        return " and ".join(CAUSE_WORDS.get(cause, cause) for cause in causes)
    stages = dict.fromkeys(int(stage) for stage in rows["stage_min"].dropna())
    return "stage " + ", ".join(col.STAGE_LABELS[stage] for stage in stages)


def _source_names(rows: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(str(source).split(",")[0] for source in rows["source"]))


def judge(every_row: pd.DataFrame, person: Person, aimed: bool) -> Verdict:
    """The verdict for one treatment and aim from its outcome rows, for `person`.

    Only the rows that apply to the person count; those of other joints, stages or causes are
    only said ("no study for your joint, stage or cause"). `aimed`: the treatment is meant for
    this aim (its `aims` cell), so no rows read "no evidence yet" rather than "not aimed at this".
    """
    keyed = every_row.assign(
        study_key=every_row["study_id"].where(every_row["study_id"].ne(""), every_row["source"])
    )
    fits = applies(keyed, person)
    rows = keyed[fits]
    elsewhere = keyed.loc[~fits, "study_key"].nunique() if rows.empty else 0
    in_avn = rows["evidence_from"].ne(OTHER_CONDITION) & rows["direction"].ne(NO_DATA)
    controlled = rows[in_avn & rows["comparison"].isin(CONTROLLED)]
    against = controlled["direction"].isin(NULL_DIRECTIONS) | controlled["direction"].eq(
        "conflicting"
    )
    failures = rows[
        in_avn
        & _person_specific(rows, person)
        & (
            rows["direction"].eq(FAILED)
            | (rows["comparison"].eq("inactive") & rows["direction"].isin(NULL_DIRECTIONS))
        )
    ]
    if len(failures):
        return Verdict(
            "failed for you",
            _best(failures),
            f"Did not work in {_who(failures, person)}: {_source_names(failures)}",
        )
    positive = controlled[controlled["direction"].eq(FAVOURS)]
    negative = controlled[against]
    if len(positive):
        why = _controlled_why(positive, negative)
        if _strength(negative) >= _strength(positive):
            return Verdict("conflicting", _lower(_best(controlled)), why)
        return Verdict(FAVOURS, _best(positive), why)
    if len(negative):
        if negative["direction"].eq("conflicting").any():
            return Verdict(
                "conflicting", _lower(_best(negative)), _controlled_why(positive, negative)
            )
        if (
            negative["comparison"].eq("active").all()
            and negative["direction"].eq("no difference").all()
        ):
            why = f"{_counted(negative, 'found it about as good as')} {_comparators(negative)}"
            return Verdict("as good as", _best(negative), why)
        return Verdict("no benefit", _best(negative), _controlled_why(positive, negative))
    add_on = rows[in_avn & rows["comparison"].eq(ADD_ON)]
    add_on_positive = add_on[add_on["direction"].eq(FAVOURS)]
    add_on_null = add_on[add_on["direction"].isin(NULL_DIRECTIONS)]
    if len(add_on_positive) and _strength(add_on_null) < _strength(add_on_positive):
        why = (
            f"Only tested as an add-on: {_counted(add_on_positive, 'favour it')} "
            f"(against {_comparators(add_on_positive)})"
        )
        return Verdict(ADD_ON, _lower(_best(add_on_positive)), why)
    single = rows[in_avn & rows["comparison"].isin(("none",)) & rows["design"].ne("none")]
    if len(single):
        why = f"{_counted(single, 'report results')}, with no comparison group"
        if single["direction"].eq(FAILED).any():
            failed = single[single["direction"].eq(FAILED)]
            why += f"; did not work in {_who_any(failed)} ({_source_names(failed)})"
        return Verdict("uncontrolled", "very low", why)
    indirect = rows[rows["evidence_from"].eq(OTHER_CONDITION) & rows["design"].ne("none")]
    indirect_positive = indirect[indirect["direction"].eq(FAVOURS)]
    indirect_null = indirect[indirect["direction"].isin(NULL_DIRECTIONS)]
    if len(indirect_positive) and _strength(indirect_null) < _strength(indirect_positive):
        why = f"Not studied in AVN; in other conditions {_counted(indirect_positive, 'favour it')}"
        return Verdict("indirect", _best(indirect_positive), why)
    if aimed or len(rows):
        why = "No study of it in AVN for this aim"
        if elsewhere:
            studies = "study" if elsewhere == 1 else "studies"
            why = f"No study for your joint, stage or cause ({elsewhere} {studies} in others)"
        return Verdict(MISSING, "none", why)
    return Verdict(NOT_AIMED, "none", "Not aimed at this")


def _who_any(rows: pd.DataFrame) -> str:
    causes = [cause for cause in dict.fromkeys(rows["cause"]) if cause != ANY]
    if causes:
        return " and ".join(CAUSE_WORDS.get(cause, cause) for cause in causes)
    stages = dict.fromkeys(int(stage) for stage in rows["stage_min"].dropna())
    return "stage " + ", ".join(col.STAGE_LABELS[stage] for stage in stages) if stages else "some"


def _controlled_why(positive: pd.DataFrame, negative: pd.DataFrame) -> str:
    """'2 randomised trials favour it (against placebo), 1 found no difference'."""
    parts = []
    for comparison, words in (("inactive", "against"), ("active", "better than")):
        favouring = positive[positive["comparison"].eq(comparison)]
        if len(favouring):
            parts.append(f"{_counted(favouring, 'favour it')} ({words} {_comparators(favouring)})")
    nulls = negative[negative["direction"].eq("no difference")]
    worse = negative[negative["direction"].eq("favours comparator")]
    split = negative[negative["direction"].eq("conflicting")]
    if len(nulls):
        parts.append(f"{_counted(nulls, 'found no difference')} {_vs(nulls)}")
    if len(worse):
        parts.append(f"{_counted(worse, 'found it did worse than')} {_comparators(worse)}")
    if len(split):
        parts.append(_counted(split, "found results that disagree"))
    return ", ".join(parts)


def _vs(rows: pd.DataFrame) -> str:
    return f"against {_comparators(rows)}"


def aims_of(cell: str) -> tuple[str, ...]:
    """The aims a treatment is meant for, from its '; '-separated `aims` cell."""
    return tuple(aim.strip() for aim in str(cell).split(";") if aim.strip())


def per_row(
    table: pd.DataFrame, outcomes: pd.DataFrame, aims: Sequence[str], person: Person
) -> list[tuple[Verdict, ...]]:
    """For each row of `table`, one verdict per aim of `aims` (all aims when none is chosen).

    Each studied treatment is judged once; a treatment with no outcome row reads "no evidence
    yet" for the aims its `aims` cell names and "not aimed at this" for the rest, worked out
    once per distinct cell, so a table of many rows costs little more than the bundled one.
    """
    wanted = tuple(aims) or col.AIMS
    ids = table["treatment_id"].astype(str)
    cells = table["aims"].astype(str) if "aims" in table else pd.Series("", index=table.index)
    studied = outcomes[outcomes["treatment_id"].isin(set(ids))]
    every = dict(tuple(studied.groupby(["treatment_id", "aim"], sort=False)))
    empty = studied.iloc[0:0]
    first_cell = dict(zip(ids, cells, strict=True))
    by_id: dict[str, tuple[Verdict, ...]] = {}
    for treatment_id in dict.fromkeys(studied["treatment_id"]):
        meant = aims_of(first_cell[treatment_id])
        verdicts = []
        for aim in wanted:
            rows = every.get((treatment_id, aim), empty)
            verdicts.append(judge(rows, person, aim in meant or not rows.empty))
        by_id[treatment_id] = tuple(verdicts)
    by_cell = {
        cell: tuple(
            Verdict(MISSING, "none", "No study of it in AVN for this aim")
            if aim in aims_of(cell)
            else Verdict(NOT_AIMED, "none", "Not aimed at this")
            for aim in wanted
        )
        for cell in dict.fromkeys(cells[~ids.isin(by_id)])
    }
    return [by_id.get(tid) or by_cell[cell] for tid, cell in zip(ids, cells, strict=True)]
