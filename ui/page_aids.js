// Aids kept up each time Streamlit redraws the page:
// - The sidebar's open button is an unlabelled arrow, and on a phone the only way to one's
//   situation and priorities: it gets a visible "My situation" label, in its accessible name.
// - A choice's label and a figure's value wrap instead of being cut off, and the tabs'
//   focus ring is strong.
// - A table wider than the screen (the comparison on a phone) scrolls sideways: its scroll box
//   becomes a named, focusable region, so the keyboard can scroll it and a screen reader says
//   what it is.
// - The treatment table is one Tab stop, as a grid should be (arrow keys move inside it): Tab
//   leaves it for the next control, and Shift+Tab comes back to its cells, not its scroll box.
//   Streamlit's grid otherwise walks Tab through its columns first.
export default function () {
  const label = 'My situation and what matters to me';
  if (!document.getElementById('avn-page-aids')) {
    const style = document.createElement('style');
    style.id = 'avn-page-aids';
    style.textContent = `[data-testid="stExpandSidebarButton"] { width: auto !important;
        padding: 0.3rem 0.7rem !important; border: 1px solid currentColor !important;
        border-radius: 0.5rem !important; color: inherit !important; }
      [data-testid="stExpandSidebarButton"]::after { content: "My situation"; margin-left: 0.3rem;
        font-size: 1rem; font-weight: 600; }
      [data-testid="stTable"] > div:focus-visible { outline: 2px solid #0c627c; }
      [data-testid="stButtonGroup"] button { max-width: 100% !important;
        height: auto !important; white-space: normal !important; }
      [data-testid="stButtonGroup"] button * { white-space: normal !important;
        overflow: visible !important; text-overflow: clip !important; text-align: left; }
      [data-testid="stButtonGroup"] > div { flex-wrap: wrap !important; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
        white-space: normal !important; overflow: visible !important;
        text-overflow: clip !important; }
      button[role="tab"]:focus-visible { outline: 3px solid #0c627c !important;
        outline-offset: 2px; border-radius: 0.25rem; }`;
    document.head.appendChild(style);
  }
  const aid = () => {
    document.querySelectorAll('[data-testid="stExpandSidebarButton"]').forEach((button) => {
      if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
    });
    document.querySelectorAll('[data-testid="stTable"] > div').forEach((box) => {
      const wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute('tabindex')) {
        box.setAttribute('tabindex', '0');
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', 'Table: scroll sideways to see every column');
      } else if (!wide && box.hasAttribute('tabindex')) {
        ['tabindex', 'role', 'aria-label'].forEach((name) => box.removeAttribute(name));
      }
    });
  };
  aid();
  if (!window.avnPageAids) {
    let queued = false;
    window.avnPageAids = new MutationObserver(() => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => { queued = false; aid(); });
      }
    });
    window.avnPageAids.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', aid);
    document.addEventListener('keydown', leaveGridOnTab, true);
    document.addEventListener('focusin', enterGridAtItsCells, true);
  }
}

const GRID = '[data-testid="stDataFrame"]';
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, '
  + 'summary, [tabindex]:not([tabindex="-1"])';

function leaveGridOnTab(event) {
  if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  const grid = document.activeElement && document.activeElement.closest(GRID);
  if (!grid) return;
  const next = [...document.querySelectorAll(FOCUSABLE)].find((element) => !grid.contains(element)
    && grid.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING
    && element.getClientRects().length > 0);
  if (!next) return;
  // Capture phase, so the grid's own handler never sees this Tab.
  event.preventDefault();
  event.stopPropagation();
  next.focus();
}

function enterGridAtItsCells(event) {
  const grid = event.target.closest && event.target.closest(GRID);
  if (!grid || event.target.tagName === 'CANVAS' || grid.contains(event.relatedTarget)) return;
  const cells = grid.querySelector('canvas[tabindex]');
  if (cells) cells.focus();
}
