/**
 * Virtualised rows for a plain table in its own scroll box (@tanstack/react-virtual): only the
 * rows near the view are drawn, spacer rows stand for the others so the scroll bar is the whole
 * table's. For per-layer tables, which a model with thousands of layers would otherwise freeze.
 */
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

export interface VirtualRows {
  items: VirtualItem[];
  /** Ref for each drawn <tr> (with data-index={item.index}) so that its real height is used. */
  measure(el: Element | null): void;
  padTopPx: number;
  padBottomPx: number;
}

export function useVirtualRows(count: number, scrollBox: RefObject<HTMLElement | null>, rowEstimatePx: number): VirtualRows {
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollBox.current,
    estimateSize: () => rowEstimatePx,
    overscan: 10,
    // Without a box to measure (server rendering, tests), draw the rows that fit this.
    initialRect: { width: 800, height: 600 },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  return {
    items,
    measure: virtualizer.measureElement,
    padTopPx: items[0]?.start ?? 0,
    padBottomPx: last ? virtualizer.getTotalSize() - last.end : 0,
  };
}

/** A row standing for `px` of rows not drawn. */
export function SpacerRow({ px, columns }: { px: number; columns: number }) {
  if (px <= 0) return null;
  return <tr aria-hidden="true" style={{ height: px }}><td colSpan={columns} className="p-0" /></tr>;
}
