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
from typing import Any

import pandas as pd

from avn_data.evidence.frequencies import per_hundred
from avn_data.tables import columns as col
from avn_data.tables.columns import Row

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
# Outcomes where the share counted is a bad result, and where it is a good one.
BAD_OUTCOMES = (
    "collapse",
    "joint replacement",
    "radiological progression",
    "new AVN",
    "symptoms began",
)
GOOD_OUTCOMES = ("clinical success", "healing on imaging", "imaging success")


@dataclass(frozen=True)
class Person:
    """What the verdict needs to know of a person: stage, joints and causes (each may be empty)."""

    stage: int | None = None
    joints: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    # The JIC lesion type on their MRI: only the natural course reads it.
    lesion: str | None = None


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


def _number(value: Any) -> float | None:
    return None if value is None or value == "" or pd.isna(value) else float(value)


def applies(row: Row, person: Person) -> bool:
    """Whether one outcome row speaks to this person: their joint (rows for several or other
    sites count for all, and so does evidence from another condition, which is indirect
    whatever its joint), a stage range that includes theirs, any cause or one of theirs."""
    other_joint = person.joints and row["joint"] not in (*person.joints, "several", "other", "")
    if other_joint and row["evidence_from"] != OTHER_CONDITION:
        return False
    if person.stage is not None:
        low, high = _number(row["stage_min"]), _number(row["stage_max"])
        if (low is not None and low > person.stage) or (high is not None and high < person.stage):
            return False
    return not person.causes or row["cause"] in (*person.causes, ANY)


def _lower(certainty: str) -> str:
    index = col.EVIDENCE_LEVELS.index(certainty)
    return col.EVIDENCE_LEVELS[max(index - 1, 1)] if index else certainty


def _best(rows: Sequence[Row]) -> str:
    ranks = [col.EVIDENCE_LEVELS.index(row["certainty"]) for row in rows]
    return col.EVIDENCE_LEVELS[max(ranks)] if ranks else "none"


def _strength(rows: Sequence[Row]) -> int:
    return max((DESIGN_STRENGTH.get(row["design"], 0) for row in rows), default=-1)


def _study(row: Row) -> str:
    return str(row["study_id"] or row["source"])


def _counted(rows: Sequence[Row], verb: str) -> str:
    """'2 randomised trials favour it': distinct studies counted by design."""
    designs = {_study(row): row["design"] for row in rows}
    parts = []
    for design, (one, many) in DESIGN_NOUNS.items():
        count = sum(found == design for found in designs.values())
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return ""
    return f"{' and '.join(parts)} {verb if len(designs) > 1 else _singular(verb)}"


def _singular(verb: str) -> str:
    first, _, rest = verb.partition(" ")
    singular = {"favour": "favours", "report": "reports"}
    return " ".join(filter(None, (singular.get(first, first), rest)))


def _comparators(rows: Sequence[Row]) -> str:
    """The comparators named once each, without their bracketed detail."""
    names: dict[str, None] = {}
    for row in rows:
        short = re.sub(r"\s*\([^()]*\)", "", str(row["comparator"])).strip()
        names.update(dict.fromkeys(part.strip() for part in short.split(" or ") if part.strip()))
    return " or ".join(names)


def _sources(rows: Sequence[Row]) -> str:
    return "; ".join(dict.fromkeys(str(row["source"]).split(",")[0] for row in rows))


def _stages(rows: Sequence[Row]) -> str:
    stages = dict.fromkeys(
        int(low) for row in rows if (low := _number(row["stage_min"])) is not None
    )
    return "stage " + ", ".join(col.STAGE_LABELS[stage] for stage in stages) if stages else ""


def _who(rows: Sequence[Row], causes: Sequence[str]) -> str:
    """'steroid-related AVN' for rows of a cause, else 'stage III'."""
    named = [cause for cause in dict.fromkeys(row["cause"] for row in rows) if cause in causes]
    if named:
        return " and ".join(CAUSE_WORDS.get(cause, cause) for cause in named)
    return _stages(rows) or "some people"


def _specific_to(row: Row, person: Person) -> bool:
    """Restricted to one of the person's causes, or to exactly the person's stage."""
    if row["cause"] != ANY and row["cause"] in person.causes:
        return True
    low, high = _number(row["stage_min"]), _number(row["stage_max"])
    return person.stage is not None and low == high == person.stage


def _failed(row: Row) -> bool:
    """Did not work: no better than nothing, or than the operation it was added to, or a
    series whose authors say it failed."""
    null = row["comparison"] in ("inactive", ADD_ON) and row["direction"] in NULL_DIRECTIONS
    return row["direction"] == FAILED or null


def failed_in(outcomes: pd.DataFrame) -> dict[str, set[str]]:
    """Per treatment id, the causes in which a study found it did not work: what a treatment
    table's stored `not_effective_in` must list."""
    found: dict[str, set[str]] = {}
    for row in outcomes.to_dict("records"):
        if row["cause"] != ANY and row["evidence_from"] != OTHER_CONDITION and _failed(row):
            found.setdefault(str(row["treatment_id"]), set()).add(str(row["cause"]))
    return found


def judge(every_row: Sequence[Row], person: Person, aimed: bool) -> Verdict:
    """The verdict for one treatment and aim from its outcome rows, for `person`.

    Only the rows that apply to the person count; those of other joints, stages or causes are
    only said ("no study for your joint, stage or cause"). `aimed`: the treatment is meant for
    this aim (its `aims` cell), so no rows read "no evidence yet" rather than "not aimed at this".
    """
    rows = [row for row in every_row if applies(row, person)]
    in_avn = [
        row
        for row in rows
        if row["evidence_from"] != OTHER_CONDITION and row["direction"] != NO_DATA
    ]
    verdict = _group(rows, in_avn, person, aimed)
    if not rows and every_row:
        studies = len({_study(row) for row in every_row})
        word = "study" if studies == 1 else "studies"
        return Verdict(
            verdict.group,
            verdict.certainty,
            f"No study for your joint, stage or cause ({studies} {word} in others)",
        )
    return Verdict(verdict.group, verdict.certainty, verdict.why + _stage_warning(in_avn, person))


def _group(rows: Sequence[Row], in_avn: Sequence[Row], person: Person, aimed: bool) -> Verdict:
    failures = [row for row in in_avn if _specific_to(row, person) and _failed(row)]
    if failures:
        why = f"Did not work in {_who(failures, person.causes)}: {_sources(failures)}"
        return Verdict("failed for you", _best(failures), why)
    controlled = [row for row in in_avn if row["comparison"] in CONTROLLED]
    positive = [row for row in controlled if row["direction"] == FAVOURS]
    negative = [row for row in controlled if row["direction"] in (*NULL_DIRECTIONS, "conflicting")]
    if positive:
        why = _controlled_why(positive, negative)
        if _strength(negative) >= _strength(positive):
            return Verdict("conflicting", _lower(_best(controlled)), why)
        return Verdict(FAVOURS, _best(positive), why)
    if any(row["direction"] == "conflicting" for row in negative):
        return Verdict("conflicting", _lower(_best(negative)), _controlled_why(positive, negative))
    if negative:
        if all(
            row["comparison"] == "active" and row["direction"] == "no difference"
            for row in negative
        ):
            why = f"{_counted(negative, 'found it about as good as')} {_comparators(negative)}"
            return Verdict("as good as", _best(negative), why)
        return Verdict("no benefit", _best(negative), _controlled_why(positive, negative))
    add_on = [row for row in in_avn if row["comparison"] == ADD_ON]
    add_on_positive = [row for row in add_on if row["direction"] == FAVOURS]
    add_on_null = [row for row in add_on if row["direction"] in NULL_DIRECTIONS]
    if add_on_positive and _strength(add_on_null) < _strength(add_on_positive):
        why = (
            f"Only tested as an add-on: {_counted(add_on_positive, 'favour it')} "
            f"(against {_comparators(add_on_positive)})"
        )
        return Verdict(ADD_ON, _lower(_best(add_on_positive)), why)
    single = [row for row in in_avn if row["comparison"] == "none" and row["design"] != "none"]
    if single:
        why = f"{_counted(single, 'report results')}, with no comparison group"
        failed = [row for row in single if row["direction"] == FAILED]
        if failed:
            causes = [row["cause"] for row in failed if row["cause"] != ANY]
            why += f"; did not work in {_who(failed, causes)} ({_sources(failed)})"
        return Verdict("uncontrolled", "very low", why)
    indirect = [
        row for row in rows if row["evidence_from"] == OTHER_CONDITION and row["design"] != "none"
    ]
    indirect_positive = [row for row in indirect if row["direction"] == FAVOURS]
    indirect_null = [row for row in indirect if row["direction"] in NULL_DIRECTIONS]
    if indirect_positive and _strength(indirect_null) < _strength(indirect_positive):
        why = f"Not studied in AVN; in other conditions {_counted(indirect_positive, 'favour it')}"
        return Verdict("indirect", _best(indirect_positive), why)
    if aimed or rows:
        return Verdict(MISSING, "none", "No study of it in AVN for this aim")
    return Verdict(NOT_AIMED, "none", "Not aimed at this")


def _stage_warning(rows: Sequence[Row], person: Person) -> str:
    """'; at stage III most did badly in its own series (Xie 2018: …)': said beside any group
    when a series of the treatment put most of its failures at exactly the person's stage."""
    if person.stage is None:
        return ""
    bad = []
    for row in rows:
        if not (_specific_to(row, person) and row["cause"] == ANY):
            continue
        share = _bad_share(row)
        if share is not None and share > 50:
            bad.append(f"{_sources([row])}: {round(share)} of 100 did badly")
        elif (counted := _share_of_failures(row, rows)) is not None:
            bad.append(f"{_sources([row])}: {counted}")
    if not bad:
        return ""
    stage = col.STAGE_LABELS[person.stage]
    return f"; at stage {stage}, its own series did worst ({'; '.join(bad)})"


def _share_of_failures(row: Row, rows: Sequence[Row]) -> str | None:
    """'12 of its 15 joint replacements' when this stage's row holds most of the bad outcomes
    its whole series counted (the series row of the same study and outcome)."""
    events = _number(row["treated_events"])
    if not events or row["outcome"] not in BAD_OUTCOMES:
        return None
    for series in rows:
        total = _number(series["treated_events"])
        same = _study(series) == _study(row) and series["outcome"] == row["outcome"]
        if same and series is not row and total and events > total / 2:
            return f"{int(events)} of its {int(total)} {row['outcome']}s"
    return None


def _bad_share(row: Row) -> float | None:
    """Out of 100 treated, how many did badly (collapse, replacement, progression; or no
    success, no healing); None when the row has no such figure."""
    share = per_hundred(row["treated_events"], row["treated_n"], row["treated_percent"])
    if share is None or row["outcome"] not in BAD_OUTCOMES + GOOD_OUTCOMES:
        return None
    return share if row["outcome"] in BAD_OUTCOMES else 100 - share


def _controlled_why(positive: Sequence[Row], negative: Sequence[Row]) -> str:
    """'2 randomised trials favour it (against placebo), 1 found no difference against …'."""
    parts = []
    for comparison, words in (("inactive", "against"), ("active", "better than")):
        favouring = [row for row in positive if row["comparison"] == comparison]
        if favouring:
            parts.append(f"{_counted(favouring, 'favour it')} ({words} {_comparators(favouring)})")
    # The comparator shapes the words: no difference from another treatment is "about as good
    # as" it; no difference from nothing (or a sham) is "no better than" it.
    for direction, active, verb in (
        ("no difference", False, "found it no better than"),
        ("no difference", True, "found it about as good as"),
        ("favours comparator", None, "found it did worse than"),
    ):
        found = [
            row
            for row in negative
            if row["direction"] == direction
            and (active is None or (row["comparison"] == "active") == active)
        ]
        if found:
            parts.append(f"{_counted(found, verb)} {_comparators(found)}")
    split = [row for row in negative if row["direction"] == "conflicting"]
    if split:
        parts.append(_counted(split, "found results that disagree"))
    return ", ".join(parts)


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
    studied: dict[tuple[str, str], list[Row]] = {}
    for row in outcomes[outcomes["treatment_id"].isin(set(ids))].to_dict("records"):
        studied.setdefault((row["treatment_id"], row["aim"]), []).append(row)
    first_cell = dict(zip(ids, cells, strict=True))
    by_id: dict[str, tuple[Verdict, ...]] = {}
    for treatment_id in dict.fromkeys(tid for tid, _ in studied):
        meant = aims_of(first_cell[treatment_id])
        by_id[treatment_id] = tuple(
            judge(
                rows := studied.get((treatment_id, aim), []),
                person,
                aim in meant or bool(rows),
            )
            for aim in wanted
        )
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


def overall_certainty(outcomes: pd.DataFrame) -> dict[str, str]:
    """Per treatment id: the highest certainty among its study rows in AVN ('none' without
    any), which is what a treatment table's stored `evidence_certainty` must say."""
    in_avn = outcomes[outcomes["evidence_from"].ne(OTHER_CONDITION)]
    ranks = in_avn["certainty"].map(col.EVIDENCE_LEVELS.index).groupby(in_avn["treatment_id"])
    return {str(tid): col.EVIDENCE_LEVELS[int(rank)] for tid, rank in ranks.max().items()}
