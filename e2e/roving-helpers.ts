/**
 * Keyboard steps inside a list with one tab stop (the Layers stack, the per-layer table): Tab to
 * the list's tab stop, then arrow keys (↑/↓ between rows, ←/→ between a row's controls) until
 * the control named `name` has the focus. Every key goes through `press`, so callers can count.
 */
import type { Page } from './fixtures';

/** The accessible name of the focused element (aria-label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });
}

export interface KeyPresser {
  press(key: string): Promise<void>;
  tabTo(name: string): Promise<void>;
}

/** Where the focus is relative to the control named `name` in the list `list` (a CSS selector). */
function stepTowards(page: Page, list: string, name: string): Promise<string | null> {
  return page.evaluate(({ list, name }) => {
    const root = document.querySelector(list);
    const nameOf = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    const focused = document.activeElement;
    if (!root || !focused || !root.contains(focused)) return null;
    const rowIndex = (el: Element) => Number(el.closest('[data-index]')?.getAttribute('data-index'));
    const target = [...root.querySelectorAll('[data-cell]')].find((el) => nameOf(el) === name);
    const wantRow = target ? rowIndex(target) : null;
    const hereRow = rowIndex(focused);
    // A row not drawn yet is further down or up: its neighbours tell which way.
    if (wantRow === null) return 'ArrowDown';
    if (wantRow !== hereRow) return wantRow > hereRow ? 'ArrowDown' : 'ArrowUp';
    return (focused.compareDocumentPosition(target!) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 ? 'ArrowRight' : 'ArrowLeft';
  }, { list, name });
}

/** The accessible name of the list's tab stop. */
function tabStopName(page: Page, list: string): Promise<string> {
  return page.evaluate((list) => {
    const el = document.querySelector(list)?.querySelector('[data-cell][tabindex="0"]');
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
  }, list);
}

/** Moves the focus to the control `name` of the list `list` by Tab, then arrow keys. */
export async function listTo(page: Page, keys: KeyPresser, list: string, name: string, max = 400): Promise<void> {
  if ((await stepTowards(page, list, name)) === null) await keys.tabTo(await tabStopName(page, list));
  for (let i = 0; i < max; i++) {
    if ((await focusedName(page)) === name) return;
    const key = await stepTowards(page, list, name);
    if (key === null) throw new Error(`The focus left the list ${list} on the way to '${name}'`);
    await keys.press(key);
  }
  throw new Error(`Arrow keys never reached '${name}' in ${list} (focus is on '${await focusedName(page)}')`);
}

/** The Layers stack's list, for listTo. */
export const STACK = 'ol[aria-label="Layers"]';
