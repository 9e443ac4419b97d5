"""On a phone, the list as cards: each treatment's place and name (a button that opens it), its
verdict with how sure we are, the why-line and the cautions for the person, where a table
would show only the names. One element, drawn by a small component; the table is shown instead
on wider screens (the switch is CSS, at Streamlit's own 640-px column break)."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from avn_data.view.cards import card_data, more_note
from ui import state

CARDS_KEY = "treatment_cards"
# Streamlit stacks columns below 641 px: the same break decides between table and cards.
NARROW = "(max-width: 640px)"
CARDS_CSS = f"""
.st-key-{CARDS_KEY} {{ display: none; }}
@media {NARROW} {{
  .st-key-{CARDS_KEY} {{ display: block; }}
  .st-key-{state.TABLE_WIDGET} {{ display: none; }}
}}
.avn-cards {{ list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }}
.avn-card {{ border: 1px solid #6b7378; border-radius: 0.5rem; padding: 0.6rem 0.8rem; }}
.avn-card h3 {{ font-size: 1rem; margin: 0 0 0.3rem; padding: 0; }}
.avn-card button {{ font: inherit; font-weight: 600; text-align: left; color: #0c627c;
  background: none; border: none; padding: 0.2rem 0; cursor: pointer;
  text-decoration: underline; min-height: 2.75rem; }}
.avn-card button:focus-visible {{ outline: 3px solid #0c627c; outline-offset: 2px; }}
.avn-card p, .avn-card ul {{ margin: 0.25rem 0; font-size: 0.9rem; }}
.avn-card-caution {{ border-left: 4px solid #b35806; padding-left: 0.5rem; }}
"""
CARDS_JS = """export default function ({ data, parentElement, setTriggerValue }) {
  let list = parentElement.querySelector('.avn-cards');
  if (!list) {
    list = document.createElement('ul');
    list.className = 'avn-cards';
    list.setAttribute('aria-label', data.label);
    parentElement.appendChild(list);
  }
  const text = (tag, words, className) => {
    const node = document.createElement(tag);
    node.textContent = words;
    if (className) node.className = className;
    return node;
  };
  let more = parentElement.querySelector('.avn-cards-more');
  if (!more) {
    more = document.createElement('p');
    more.className = 'avn-cards-more';
    parentElement.appendChild(more);
  }
  more.textContent = data.more;
  list.replaceChildren(...data.cards.map((card) => {
    const item = document.createElement('li');
    item.className = 'avn-card';
    const heading = document.createElement('h3');
    const open = text('button', card.title);
    open.type = 'button';
    open.onclick = () => setTriggerValue('opened', card.id);
    heading.appendChild(open);
    item.appendChild(heading);
    const verdict = document.createElement('p');
    verdict.appendChild(text('strong', card.verdict));
    if (card.certainty) verdict.appendChild(text('span', ' · How sure: ' + card.certainty));
    item.appendChild(verdict);
    if (card.why) item.appendChild(text('p', card.why));
    if (card.course) item.appendChild(text('p', 'How long: ' + card.course));
    if (card.cautions.length) {
      const cautions = document.createElement('ul');
      cautions.className = 'avn-card-caution';
      cautions.setAttribute('aria-label', 'Cautions for you');
      card.cautions.forEach((caution) => cautions.appendChild(text('li', caution)));
      item.appendChild(cautions);
    }
    return item;
  }));
}"""
_cards = st.components.v2.component(
    "avn_treatment_cards", js=CARDS_JS, css=CARDS_CSS, isolate_styles=False
)


def clicked_card() -> str | None:
    opened = st.session_state.get(CARDS_KEY)
    return opened.get("opened") if opened is not None else None


def cards_of(rows: pd.DataFrame) -> dict[str, object]:
    """What the cards component draws for `rows`."""
    return {
        "label": "Matching treatments, in the list's order",
        "cards": card_data(rows),
        "more": more_note(rows),
    }


def treatment_cards(cards: dict[str, object], on_open: Callable[[], None]) -> None:
    _cards(key=CARDS_KEY, data=cards, on_opened_change=on_open)
