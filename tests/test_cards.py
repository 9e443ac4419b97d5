"""What each phone card says: the list's order and numbers, its verdict and certainty, and the
person's cautions, one per line, as cautions.csv words them."""

from avn_data.evidence.cautions import load_cautions
from avn_data.evidence.outcomes import load_outcomes
from avn_data.tables.load import load_treatments
from avn_data.view.cards import MAX_CARDS, card_data, more_note
from avn_data.view.filters import FilterSpec
from avn_data.view.rows import results
from tests.tables import data_rows


def _rows(spec: FilterSpec):
    return results(load_treatments(), spec, cautions=load_cautions(), outcomes=load_outcomes())


def test_cards_follow_the_list_with_its_numbers_and_verdicts():
    rows = _rows(FilterSpec(stage=2))
    cards = card_data(rows)
    assert [card["id"] for card in cards] == list(rows["treatment_id"])
    ranked = [card for card in cards if not card["title"].startswith("Ref · ")]
    assert [card["title"].split(" · ", 1)[0] for card in ranked] == [
        str(place) for place in range(1, len(ranked) + 1)
    ]
    for card, row in zip(cards, rows.to_dict("records"), strict=True):
        assert card["title"].endswith(row["name"])
        assert card["verdict"] == row["benefit_group"]
        assert card["certainty"] == row["verdict_certainty"]


def test_a_card_lists_each_caution_for_the_persons_situation():
    situation = ("pregnancy", "bleeding-disorder-anticoagulants")
    cards = {card["id"]: card for card in card_data(_rows(FilterSpec(situation=situation)))}
    expected: dict[str, list[str]] = {}
    for row in data_rows("cautions.csv"):
        if row["condition"] in situation and row["treatment_id"] in cards:
            expected.setdefault(row["treatment_id"], []).append(row["reason"])
    assert expected
    for treatment_id, card in cards.items():
        reasons = expected.get(treatment_id, [])
        assert len(card["cautions"]) == len(reasons)
        for reason in reasons:
            assert any(reason in line for line in card["cautions"])


def test_a_long_list_shows_its_first_cards_and_says_so():
    rows = _rows(FilterSpec(surgical=True))
    long_rows = rows.loc[rows.index.repeat(5)].reset_index(drop=True)
    assert len(card_data(long_rows)) == min(MAX_CARDS, len(long_rows))
    assert (more_note(long_rows) != "") == (len(long_rows) > MAX_CARDS)
    assert more_note(rows) == ""
