/**
 * The model as an ordered list "Layers": sortable rows (dnd-kit), Keras blocks collapsible under
 * a header with their summed params and MACs, and a drop zone at the end for palette items.
 * Only the rows in view are drawn (@tanstack/react-virtual): ResNet-50 has 177 layers, a link may
 * bring thousands. One tab stop for the whole list (arrow keys move between rows and controls).
 */
import { useDndContext, useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useErrorsByLayer, useModelErrors } from '../../state/selectors';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { Icon } from '../common/icons';
import { useRovingList } from '../common/use-roving-list';
import { groupLayers, type LayerBlock } from './layer-blocks';
import { LayerRow } from './layer-row';
import { blockSummary, costsByName, stackRows } from './stack-rows';

export type DropTarget = { name: string; where: 'before' | 'after' } | { name: null };
export const STACK_END_ID = 'stack-end';
const SEPARATOR = '\u0000';
/** A row's height before it is measured, and the gap between rows (Tailwind gap-1.5). */
const ROW_ESTIMATE_PX = 50;
const ROW_GAP_PX = 6;
/** Rows drawn beyond the visible ones on each side (keyboard moves and drags land on drawn rows). */
const OVERSCAN_ROWS = 10;

/** What the list shows, in order: block headers and layer rows (`index` into the model's layers). */
type StackItem = { kind: 'block'; key: string; block: LayerBlock; closed: boolean } | { kind: 'layer'; key: string; index: number; inBlock: boolean };

export function LayerStack({ dropTarget, paletteDragging }: { dropTarget: DropTarget | null; paletteDragging: boolean }) {
  const layers = useFlopLab((s) => s.graph.layers);
  const report = useFlopLab((s) => s.report);
  const selected = useFlopLab((s) => s.selectedLayer);
  const broken = useErrorsByLayer();
  const modelErrors = useModelErrors();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const costs = useMemo(() => costsByName(report), [report]);
  const layout = useFlopLab((s) => s.graph.layout);
  const rows = useMemo(() => stackRows(layers, costs, broken, layout), [layers, costs, broken, layout]);
  const blocks = useMemo(() => groupLayers(layers), [layers]);
  const blockAt = useMemo(() => new Map(blocks.map((b) => [b.start, b])), [blocks]);
  const selectedIndex = layers.findIndex((l) => l.name === selected);
  // A block holding the selected or a broken layer stays open, so neither is ever hidden.
  const isCollapsed = (b: LayerBlock) => collapsed.has(b.id) && !(selectedIndex >= b.start && selectedIndex <= b.end)
    && !layers.slice(b.start, b.end + 1).some((l) => broken[l.name]);

  const items = useMemo(() => {
    const list: StackItem[] = [];
    for (let i = 0; i < layers.length; i++) {
      const block = blockAt.get(i);
      if (block) {
        const closed = isCollapsed(block);
        list.push({ kind: 'block', key: `block:${block.id}`, block, closed });
        if (closed) { i = block.end; continue; }
      }
      list.push({ kind: 'layer', key: layers[i].name, index: i, inBlock: inBlockAt(blocks, i) });
    }
    return list;
    // isCollapsed reads collapsed, selectedIndex, layers and broken, all listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layers, blocks, blockAt, collapsed, selectedIndex, broken]);

  // dnd-kit re-renders every sortable row when the items array changes identity: keep it
  // stable while its content is (an edit of one layer must not redraw all 175 rows).
  const visibleKey = items.filter((it) => it.kind === 'layer').map((it) => it.key).join(SEPARATOR);
  const visible = useMemo(() => (visibleKey === '' ? [] : visibleKey.split(SEPARATOR)), [visibleKey]);
  const itemKeys = useMemo(() => items.map((it) => it.key), [items]);

  const scrollBox = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows are memoised by hand
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollBox.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => items[i].key,
    gap: ROW_GAP_PX,
    overscan: OVERSCAN_ROWS,
    initialRect: { width: 300, height: 800 },
    useFlushSync: false,
  });

  useEffect(() => {
    if (!selected) return;
    const at = itemKeys.indexOf(selected);
    if (at < 0) return;
    // In the next frame, not in this task: scrolling forces a layout of the whole page, which
    // here would lengthen the edit's own task.
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(at, { align: 'auto' }));
    return () => cancelAnimationFrame(frame);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection changes
  }, [selected]);

  const { active: dragging } = useDndContext();
  const draggingRef = useRef(false);
  useEffect(() => { draggingRef.current = dragging !== null; });
  const roving = useRovingList({
    keys: itemKeys,
    preferredKey: selected,
    defaultCell: 'select',
    container: list,
    scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }),
    busy: () => draggingRef.current,
  });

  const toggle = (id: string) => setCollapsed((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });

  const virtualItems = virtualizer.getVirtualItems();
  const padTop = virtualItems.length > 0 ? virtualItems[0].start : 0;
  const padBottom = virtualItems.length > 0 ? virtualizer.getTotalSize() - virtualItems[virtualItems.length - 1].end : 0;
  const drawn = virtualItems.map((v) => {
    const item = items[v.index];
    if (item.kind === 'block') {
      return (
        <BlockHeader key={item.key} itemKey={item.key} measure={virtualizer.measureElement} dataIndex={v.index} block={item.block}
          closed={item.closed} summary={blockSummary(item.block, layers, costs)} tabStop={roving.tabCellOf(item.key) !== null} onToggle={toggle} />
      );
    }
    const r = rows[item.index];
    return (
      <LayerRow
        key={r.name}
        {...r}
        index={item.index}
        dataIndex={v.index}
        measure={virtualizer.measureElement}
        last={item.index === rows.length - 1}
        error={broken[r.name]}
        selected={r.name === selected}
        dropHint={dropTarget && dropTarget.name === r.name ? dropTarget.where : null}
        inBlock={item.inBlock}
        tabCell={roving.tabCellOf(r.name)}
      />
    );
  });

  return (
    <section aria-labelledby="stack-heading" className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex items-center gap-2">
        <h2 id="stack-heading" className="whitespace-nowrap text-lg font-bold">Layers <span className="font-normal text-slate-500">({layers.length})</span></h2>
        {blocks.length > 0 && (
          <div className="ml-auto flex gap-1 whitespace-nowrap">
            <Button size="sm" variant="ghost" onClick={() => setCollapsed(new Set(blocks.map((b) => b.id)))}>Collapse all</Button>
            <Button size="sm" variant="ghost" onClick={() => setCollapsed(new Set())}>Expand all</Button>
          </div>
        )}
      </div>
      {modelErrors.length > 0 && layers.length > 0 && (
        <div role="alert" data-testid="model-error" className="rounded-md border-2 border-error bg-error-light px-3 py-2 text-sm font-medium text-error">
          {modelErrors.map((e) => <p key={e.message}>⚠ {e.message}</p>)}
        </div>
      )}
      <div ref={scrollBox} tabIndex={0} role="region" aria-label="Layers list (scrolls)" className="min-h-0 flex-1 overflow-y-auto pr-1" data-testid="stack-scroll">
        <SortableContext items={visible} strategy={verticalListSortingStrategy}>
          <ol ref={list} aria-label="Layers" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}
            className="flex flex-col gap-1.5" style={{ paddingTop: padTop, paddingBottom: padBottom + 8 }}>
            {drawn}
          </ol>
        </SortableContext>
        <EndDropZone empty={layers.length === 0} active={paletteDragging} highlighted={dropTarget?.name === null} />
      </div>
    </section>
  );
}

function inBlockAt(blocks: readonly LayerBlock[], index: number): boolean {
  return blocks.some((b) => index >= b.start && index <= b.end);
}

function BlockHeader({ itemKey, dataIndex, measure, block, closed, summary, tabStop, onToggle }: {
  itemKey: string; dataIndex: number; measure(el: HTMLElement | null): void;
  block: LayerBlock; closed: boolean; summary: string; tabStop: boolean; onToggle(id: string): void;
}) {
  return (
    <li role="none" ref={measure} data-index={dataIndex} data-roving-key={itemKey} className="pt-1">
      <button
        type="button"
        data-cell="select"
        tabIndex={tabStop ? 0 : -1}
        aria-expanded={!closed}
        onClick={() => onToggle(block.id)}
        className="flex w-full items-center gap-1.5 rounded-md bg-slate-200 px-1.5 py-1 text-left hover:bg-slate-300"
      >
        <Icon name={closed ? 'chevronRight' : 'chevronDown'} className="h-4 w-4 shrink-0 text-slate-600" />
        <span className="flex min-w-0 flex-col">
          <span className="truncate font-mono text-sm font-bold">{block.label}</span>
          <span className="truncate text-xs tabular-nums text-slate-700">{summary}</span>
        </span>
      </button>
    </li>
  );
}

function EndDropZone({ empty, active, highlighted }: { empty: boolean; active: boolean; highlighted: boolean }) {
  const { setNodeRef } = useDroppable({ id: STACK_END_ID });
  if (!empty && !active) return <div ref={setNodeRef} className="h-6" />;
  return (
    <div
      ref={setNodeRef}
      className={`flex min-h-16 items-center justify-center rounded-md border-2 border-dashed p-3 text-center text-sm ${highlighted ? 'border-accent bg-accent-light text-accent-dark' : 'border-slate-300 text-slate-500'}`}
    >
      {empty ? 'The model is empty: add an InputLayer from the palette, or pick a preset.' : 'Drop here to add at the end'}
    </div>
  );
}
