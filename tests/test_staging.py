"""Report findings map to their stage on every scale, as data/README.md's crosswalk aligns them."""

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avn_data.evidence.staging import (
    BASELINE_STAGES,
    BY_FINDING,
    FINDING_KEYS,
    FINDINGS,
    JOINT_STAGING,
    LESION_TYPE_KEYS,
    LESION_TYPES,
    NO_CROSSWALK,
    SOURCES,
    STAGE_NAMES,
    joint_staging,
    stage_from_findings,
    stage_from_name,
)
from avn_data.tables import columns as col
from avn_data.tables.paths import DATA_DIR
from tests.tables import data_rows

BRIEF = Path(__file__).resolve().parents[2] / "shared" / "research" / "avn-evidence-brief.md"


@pytest.mark.parametrize(
    ("finding", "stage", "sub_stage", "arco", "ficat", "steinberg"),
    [
        ("nothing-seen", 0, None, "none (ARCO 1994 stage 0)", "0", "0"),
        ("mri-only", 1, None, "I", "I", "I"),
        ("sclerosis-cysts", 2, None, "II", "II", "II"),
        ("crescent-sign", 3, "A", "IIIA", "III", "III"),
        ("collapse-up-to-2mm", 3, "A", "IIIA", "III", "IV"),
        ("collapse-over-2mm", 3, "B", "IIIB", "III", "IV"),
        ("arthritis", 4, None, "IV", "IV", "V–VI"),
    ],
)
def test_each_finding_maps_to_its_stage_and_crosswalk(
    finding, stage, sub_stage, arco, ficat, steinberg
):
    reading = stage_from_findings(finding)
    assert (reading.stage, reading.sub_stage) == (stage, sub_stage)
    assert (reading.arco, reading.ficat, reading.steinberg) == (arco, ficat, steinberg)
    assert reading.crosswalk == {
        "Stage filter": col.STAGE_LABELS[stage],
        "ARCO 2019": arco,
        "Ficat–Arlet": ficat,
        "Steinberg": steinberg,
    }


def test_the_table_above_covers_every_finding():
    assert set(FINDING_KEYS) == {
        "nothing-seen",
        "mri-only",
        "sclerosis-cysts",
        "crescent-sign",
        "collapse-up-to-2mm",
        "collapse-over-2mm",
        "arthritis",
    }


def _readme_crosswalk() -> dict[int, tuple[str, str, str]]:
    """Stage → (ARCO 2019, Ficat–Arlet, Steinberg) cells of data/README.md's crosswalk."""
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## Stage scale (0–4) and crosswalk", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].isdigit():
            rows[int(cells[0])] = (cells[2], cells[3], cells[4])
    return rows


def _range(cell: str) -> set[str]:
    """'III–IV' → {'III', 'IV'}; 'V–VI' → {'V', 'VI'}."""
    romans = ("0", "I", "II", "III", "IV", "V", "VI")
    low, _, high = cell.partition("–")
    return set(romans[romans.index(low) : romans.index(high or low) + 1])


@pytest.mark.parametrize("finding", FINDINGS, ids=FINDING_KEYS)
def test_findings_agree_with_the_readme_crosswalk(finding):
    arco, ficat, steinberg = _readme_crosswalk()[finding.stage]
    if finding.stage == 0:
        assert "ARCO 1994 stage 0" in arco and "ARCO 1994 stage 0" in finding.arco
    else:
        assert finding.arco.startswith(arco)
    assert finding.ficat == ficat
    assert set(finding.steinberg.split("–")) <= _range(steinberg)


def test_findings_run_from_earliest_to_most_advanced_and_reach_every_stage():
    stages = [finding.stage for finding in FINDINGS]
    assert stages == sorted(stages)
    assert set(stages) == set(range(col.STAGE_MIN, col.STAGE_MAX + 1))


@pytest.mark.parametrize("finding", FINDINGS, ids=FINDING_KEYS)
def test_each_finding_has_plain_words_with_the_report_words_in_brackets(finding):
    assert finding.plain and len(finding.report_words) >= 2
    assert finding.label == f"{finding.plain} ({finding.report_words[0]})"
    assert finding.meaning and not finding.meaning.endswith(".")


@pytest.mark.parametrize(
    ("lesion_type", "within_2_years", "within_5_years"),
    [("A", "0", "0"), ("B", "7.9", "7.9"), ("C1", "23.2", "36.6"), ("C2", "57.8", "84.8")],
)
def test_lesion_types_say_kuroda_2019_collapse_figures_from_the_outcome_rows(
    lesion_type, within_2_years, within_5_years
):
    reading = stage_from_findings("mri-only", lesion_type=lesion_type)
    rows = {
        row["horizon_months"]: row["treated_percent"]
        for row in data_rows("outcomes.csv")
        if row["treatment_id"] == "watchful-waiting" and row["lesion_type"] == lesion_type
    }
    assert (rows["24"], rows["60"]) == (within_2_years, within_5_years)
    assert (
        f"{float(within_2_years):g} in 100 within 2 years and "
        f"{float(within_5_years):g} in 100 within 5 years" in reading.baseline
    )
    assert "Kuroda 2019" in reading.baseline
    assert reading.lesion_type.label.endswith(f"(JIC type {lesion_type})")


@pytest.mark.parametrize(
    ("joint", "named", "approximate"),
    [
        ("hip", ("ARCO 2019",), False),
        ("knee", ("Koshino", "Aglietti", "approximation"), True),
        ("shoulder", ("Cruess", "approximation"), True),
        ("ankle-foot", ("approximation",), True),
        ("other", ("approximation",), True),
    ],
)
def test_each_joint_names_its_staging_or_says_the_hip_scale_is_approximate(
    joint, named, approximate
):
    staging = joint_staging(joint)
    assert all(word in staging.note for word in named)
    assert staging.approximate is approximate


def test_every_joint_of_the_table_has_a_staging_note():
    assert set(JOINT_STAGING) == set(col.JOINTS)
    assert joint_staging("several") == JOINT_STAGING["other"]


def test_every_source_named_is_listed_and_the_staging_sources_are_there():
    used = {
        source
        for item in (*FINDINGS, *LESION_TYPES, *JOINT_STAGING.values())
        for source in item.sources
    }
    assert used <= set(SOURCES)
    assert {"S57", "S58", "S59", "S60", "S61"} <= set(SOURCES)


@pytest.mark.skipif(not BRIEF.exists(), reason="the evidence brief is not checked out here")
def test_every_source_id_is_in_the_evidence_brief():
    listed = set(re.findall(r"^- (S\d+) ", BRIEF.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(SOURCES) <= listed


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stage_from_findings(), "at least one finding"),
        (lambda: stage_from_findings("crescent"), "unknown finding"),
        (lambda: stage_from_findings("mri-only", lesion_type="D"), "lesion type"),
    ],
)
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("finding", "lesion_type", "joint", "note"),
    [
        ("crescent-sign", "C2", "hip", "for hips before collapse"),
        ("nothing-seen", "A", "hip", "no damage is seen yet"),
        ("mri-only", "C1", "knee", "describe the hip"),
    ],
)
def test_a_lesion_type_that_does_not_apply_says_why(finding, lesion_type, joint, note):
    reading = stage_from_findings(finding, lesion_type=lesion_type, joint=joint)
    assert reading.baseline is None
    assert any(note in text for text in reading.notes)


def test_the_hip_reading_names_arco_and_the_knee_reading_says_approximation():
    hip = stage_from_findings("collapse-over-2mm")
    knee = stage_from_findings("collapse-over-2mm", joint="knee")
    assert hip.headline == "Hip: ARCO 2019 stage IIIB"
    assert knee.headline == "Knee: stage IIIB on the hip scale (an approximation)"
    assert "hip stage IIIB on the ARCO 2019 scale" in hip.sentence
    assert "used as an approximation" in knee.sentence
    assert any("hip replacement" in note for note in hip.notes)
    assert not any("hip replacement" in note for note in knee.notes)


findings_lists = st.lists(st.sampled_from(FINDING_KEYS), min_size=1, max_size=5)
lesion_types = st.none() | st.sampled_from(LESION_TYPE_KEYS)
joints = st.sampled_from((*col.JOINTS, "several"))


@given(findings_lists, lesion_types, joints)
def test_several_findings_read_as_the_most_advanced_in_any_order(findings, lesion, joint):
    reading = stage_from_findings(*findings, lesion_type=lesion, joint=joint)
    assert reading.finding == max((BY_FINDING[key] for key in findings), key=FINDINGS.index)
    assert reading.stage == max(BY_FINDING[key].stage for key in findings)
    for order in itertools.islice(itertools.permutations(findings), 6):
        assert stage_from_findings(*order, lesion_type=lesion, joint=joint) == reading


@given(findings_lists, st.sampled_from(FINDING_KEYS))
def test_one_more_finding_never_lowers_the_stage(findings, extra):
    assert stage_from_findings(*findings, extra).stage >= stage_from_findings(*findings).stage


@given(findings_lists, lesion_types, joints)
def test_every_reading_is_whole(findings, lesion, joint):
    reading = stage_from_findings(*findings, lesion_type=lesion, joint=joint)
    assert col.STAGE_MIN <= reading.stage <= col.STAGE_MAX
    assert (reading.sub_stage in ("A", "B")) == (reading.stage == 3)
    assert f"stage filter that is stage {reading.stage_label}." in reading.sentence
    assert "Ficat–Arlet" in reading.sentence and "Steinberg" in reading.sentence
    assert reading.notes[-1] == NO_CROSSWALK
    assert set(reading.sources) <= set(SOURCES)
    on_hip = joint == "hip"
    assert (reading.baseline is not None) == (
        on_hip and lesion is not None and reading.stage in BASELINE_STAGES
    )
    assert (reading.lesion_type is not None) == (on_hip and lesion is not None)
    assert ("approximation" in reading.sentence) == (not on_hip and reading.stage > 0)


def _readme_stage_for(scale: str, name: str) -> set[int]:
    """The filter stages whose README crosswalk row lists `name` on `scale`."""
    column = {"ARCO": 0, "Ficat–Arlet": 1, "Steinberg": 2}[scale]
    found = set()
    for stage, cells in _readme_crosswalk().items():
        cell = cells[column]
        if (stage == 0 and name.startswith("0")) or (
            stage > 0 and (name.rstrip("AB") in _range(cell) or name.split()[0] in _range(cell))
        ):
            found.add(stage)
    return found


@pytest.mark.parametrize("name", STAGE_NAMES)
def test_a_stage_the_report_names_reads_as_the_readme_crosswalk_stage(name):
    scale, _, stage_name = name.partition(" ")
    assert _readme_stage_for(scale, stage_name) == {stage_from_name(name).stage}


def test_stage_names_cover_every_stage_of_every_scale_and_unknown_names_are_refused():
    assert {"ARCO II", "ARCO IIIB", "Ficat–Arlet IV", "Steinberg VI"} <= set(STAGE_NAMES)
    for scale in ("ARCO", "Ficat–Arlet", "Steinberg"):
        stages = {stage_from_name(name).stage for name in STAGE_NAMES if name.startswith(scale)}
        assert stages == {0, 1, 2, 3, 4}
    with pytest.raises(ValueError, match="unknown stage name"):
        stage_from_name("ARCO 5")


def test_a_named_stage_keeps_the_lesion_type_and_joint_rules():
    assert stage_from_name("ARCO II", lesion_type="C1").baseline
    assert stage_from_name("Ficat–Arlet III", lesion_type="C1").baseline is None
    assert "approximation" in stage_from_name("ARCO II", joint="knee").headline
