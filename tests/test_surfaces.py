"""One answer everywhere: the Explore list, the Compare chart, the visit summary and the CLI
export give the same treatments, in the same order, with the same group and numbers."""

import csv
import io
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avn_data.cli import main
from avn_data.evidence.cautions import load_cautions, with_caution_columns
from avn_data.evidence.outcomes import load_outcomes
from avn_data.evidence.ranking import COST_COLUMNS, COST_LABELS, Weights
from avn_data.evidence.references import load_references
from avn_data.tables.columns import AIMS
from avn_data.tables.load import load_treatments
from avn_data.view.figures import compare_data
from avn_data.view.filters import FilterSpec
from avn_data.view.page_state import page_from_query
from avn_data.view.rows import chosen, results
from avn_data.view.visit_summary import summary_page

VIEWS = st.fixed_dictionaries(
    {
        "stage": st.sampled_from([None, 0, 1, 2, 3, 4]),
        "joint": st.sampled_from([(), ("hip",), ("knee",)]),
        "cause": st.sampled_from([(), ("steroids",), ("sickle-cell",), ("clotting-disorder",)]),
        "lesion": st.sampled_from([None, "A", "C2"]),
        "surgical": st.booleans(),
    }
)


@pytest.fixture(scope="module")
def data():
    cautions = load_cautions()
    return with_caution_columns(load_treatments(), cautions), cautions, load_outcomes()


def _flags(spec: dict, aims: tuple[str, ...], weights: Weights) -> list[str]:
    flags = []
    if spec["stage"] is not None:
        flags += ["--stage", str(spec["stage"])]
    for key in ("joint", "cause"):
        for value in spec[key]:
            flags += [f"--{key}", value]
    if spec["lesion"]:
        flags += ["--lesion", spec["lesion"]]
    if spec["surgical"]:
        flags += ["--surgical"]
    for aim in aims:
        flags += ["--aim", aim]
    names = ("invasiveness", "side-effects", "time", "evidence")
    for name, value in zip(names, (weights.invasiveness, weights.side_effect_burden,
                                   weights.time_cost, weights.evidence_gap), strict=True):  # fmt: skip
        flags += [f"--mind-{name}", str(value)]
    return flags


@settings(max_examples=30)
@given(
    spec=VIEWS,
    aims=st.lists(st.sampled_from(AIMS), max_size=2, unique=True).map(tuple),
    weights=st.builds(Weights, *[st.integers(0, 5)] * 4),
)
def test_the_cli_export_lists_what_the_page_lists_in_the_same_order(data, spec, aims, weights):
    table, cautions, outcomes = data
    page = results(
        table, FilterSpec(**spec), weights, cautions, aims=aims, outcomes=outcomes,
        references=load_references(),
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        assert main(["export", *_flags(spec, aims, weights), "-o", str(path)]) == 0
        exported = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [row["treatment_id"] for row in exported] == list(page["treatment_id"])
    assert [row["benefit_group"] for row in exported] == list(page["benefit_group"])
    assert [row["evidence_why"] for row in exported] == list(page["evidence_why"])


@settings(max_examples=20)
@given(spec=VIEWS, aim=st.sampled_from(AIMS), weights=st.builds(Weights, *[st.integers(0, 5)] * 4))
def test_compare_shows_the_groups_and_costs_of_the_explore_list(data, spec, aim, weights):
    table, cautions, outcomes = data
    listed = results(table, FilterSpec(**spec), weights, cautions, aims=(aim,), outcomes=outcomes)
    picked_ids = list(listed["treatment_id"].head(4))
    if not picked_ids:
        return
    compared = chosen(table, picked_ids, FilterSpec(**spec), weights, cautions, (aim,), outcomes)
    by_id = listed.set_index("treatment_id")
    for row in compared.to_dict("records"):
        same = by_id.loc[row["treatment_id"]]
        assert row["evidence_why"] == same["evidence_why"]
        assert row["verdict_certainty"] == same["verdict_certainty"]
    chart = compare_data(compared).set_index("Treatment")
    for name, treatment_id in zip(compared["name"], compared["treatment_id"], strict=True):
        for cost in COST_COLUMNS:
            shown = float(chart.loc[name, COST_LABELS[cost]])
            ranked_cost = by_id.loc[treatment_id, cost]
            expected = 2.0 if ranked_cost != ranked_cost else float(ranked_cost)
            assert shown == pytest.approx(round(expected, 1)), (treatment_id, cost)


@pytest.mark.parametrize(
    "query",
    [
        {"aim": "disease", "stage": "2", "joint": "hip"},
        {"aim": "disease", "stage": "2", "joint": "hip", "cause": "steroids"},
        {"aim": "pain", "stage": "3"},
    ],
)
def test_the_visit_summary_holds_the_first_ranked_treatments_with_their_groups(data, query):
    table, cautions, outcomes = data
    view, _ = page_from_query(query, set(table["treatment_id"]))
    page = summary_page(table, view, cautions, outcomes, "2026-12-04", date(2026, 12, 4))
    listed = results(
        table, view.filters, view.weights, cautions, aims=view.aims, outcomes=outcomes,
        references=load_references(),
    )  # fmt: skip
    ranked = listed[~listed["is_reference"] & listed["treatment_id"].ne("watchful-waiting")]
    names = re.findall(r"<section><h2>(.*?)</h2>", page)
    assert names == list(ranked["name"].head(len(names)))
    for group in ranked["benefit_group"].head(len(names)):
        assert group in page
