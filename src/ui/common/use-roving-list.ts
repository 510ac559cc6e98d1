/**
 * One tab stop per list (roving tabindex, WAI-ARIA Authoring Practices "Keyboard navigation
 * inside components"): Tab reaches one control of the list; ↑/↓ move between rows, Home/End to
 * the first/last row, ←/→ between the controls of a row. Works with virtualised lists: a row out
 * of view is scrolled in and focused once it is drawn.
 *
 * The DOM carries the structure: each row has `data-roving-key`, each control in it `data-cell`
 * (its kind, e.g. "select"); the row components set `tabIndex` from `tabCellOf(key)`.
 */
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

export interface RovingListOptions {
  /** Every row's key, in display order (drawn or not). */
  keys: readonly string[];
  /** The row that holds the tab stop while the user has not moved it (e.g. the selected layer). */
  preferredKey: string | null;
  /** The control a row offers first (e.g. "select"). */
  defaultCell: string;
  container: RefObject<HTMLElement | null>;
  /** Brings row `index` into view (the virtualiser's scrollToIndex). */
  scrollToIndex(index: number): void;
  /** True while arrow keys belong to someone else (a keyboard drag). */
  busy?(): boolean;
}

export interface RovingList {
  /** The cell of row `key` that is the list's tab stop, or null for every other row. */
  tabCellOf(key: string): string | null;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  onFocus(e: FocusEvent<HTMLElement>): void;
}

/** A row and control the user moved to, and the selection at that moment. */
interface Spot { key: string; cell: string; preferred: string | null }

const ROW = '[data-roving-key]';
const CELL = '[data-cell]';

function enabledCells(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CELL)].filter((el) => !el.hasAttribute('disabled'));
}

export function useRovingList(opts: RovingListOptions): RovingList {
  const { keys, preferredKey, defaultCell, container } = opts;
  const [moved, setMoved] = useState<Spot | null>(null);
  const pendingFocus = useRef<Spot | null>(null);
  const optsRef = useRef(opts);
  useLayoutEffect(() => { optsRef.current = opts; });

  const keySet = new Set(keys);
  // Where the user moved the tab stop holds until another row is selected (elsewhere: the table,
  // the palette); then the tab stop follows the selection.
  const movedHolds = moved !== null && keySet.has(moved.key) && (moved.preferred === preferredKey || moved.key === preferredKey);
  const activeKey = movedHolds ? moved.key
    : preferredKey !== null && keySet.has(preferredKey) ? preferredKey : keys[0] ?? null;
  const activeCell = movedHolds ? moved.cell : defaultCell;

  // After each render: focus the row asked for by the keyboard once it has been drawn.
  useLayoutEffect(() => {
    const want = pendingFocus.current;
    const root = container.current;
    if (!want || !root) return;
    const row = root.querySelector(`${ROW}[data-roving-key="${CSS.escape(want.key)}"]`);
    if (!row) return;
    const cells = enabledCells(row);
    const el = cells.find((c) => c.dataset.cell === want.cell) ?? cells.find((c) => c.dataset.cell === defaultCell) ?? cells[0];
    pendingFocus.current = null;
    el?.focus({ preventScroll: true });
    el?.scrollIntoView({ block: 'nearest' });
  });

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>(ROW);
    const cell = target.closest<HTMLElement>(CELL);
    if (!row || !cell || !e.currentTarget.contains(row)) return;
    const spot = { key: row.dataset.rovingKey!, cell: cell.dataset.cell!, preferred: optsRef.current.preferredKey };
    setMoved((cur) => (cur && cur.key === spot.key && cur.cell === spot.cell && cur.preferred === spot.preferred ? cur : spot));
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<HTMLElement>) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const { keys: all, busy, scrollToIndex } = optsRef.current;
    if (busy?.()) return;
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>(ROW);
    const cell = target.closest<HTMLElement>(CELL);
    if (!row || !cell || !e.currentTarget.contains(row)) return;
    const key = row.dataset.rovingKey!;
    const index = all.indexOf(key);
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const cells = enabledCells(row);
      const next = cells[cells.indexOf(cell) + (e.key === 'ArrowLeft' ? -1 : 1)];
      e.preventDefault();
      if (next) next.focus();
      return;
    }
    const to = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1
      : e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    if (to < 0 || to >= all.length || to === index) return;
    const spot = { key: all[to], cell: cell.dataset.cell!, preferred: optsRef.current.preferredKey };
    pendingFocus.current = spot;
    setMoved(spot);
    scrollToIndex(to);
  }, []);

  const tabCellOf = (key: string) => (key === activeKey ? activeCell : null);
  return { tabCellOf, onKeyDown, onFocus };
}
