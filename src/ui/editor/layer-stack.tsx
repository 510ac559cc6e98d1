/**
 * The model as an ordered list "Layers": sortable rows (dnd-kit), Keras blocks collapsible under
 * a header with their summed params and MACs, and a drop zone at the end for palette items.
 */
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useErrorsByLayer, useModelErrors } from '../../state/selectors';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { Icon } from '../common/icons';
import { groupLayers, type LayerBlock } from './layer-blocks';
import { LayerRow } from './layer-row';
import { blockSummary, costsByName, stackRows } from './stack-rows';

export type DropTarget = { name: string; where: 'before' | 'after' } | { name: null };
export const STACK_END_ID = 'stack-end';
const SEPARATOR = '\u0000';

export function LayerStack({ dropTarget, paletteDragging }: { dropTarget: DropTarget | null; paletteDragging: boolean }) {
  const layers = useFlopLab((s) => s.graph.layers);
  const report = useFlopLab((s) => s.report);
  const selected = useFlopLab((s) => s.selectedLayer);
  const broken = useErrorsByLayer();
  const modelErrors = useModelErrors();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const costs = useMemo(() => costsByName(report), [report]);
  const rows = useMemo(() => stackRows(layers, costs, broken), [layers, costs, broken]);
  const blocks = useMemo(() => groupLayers(layers), [layers]);
  const blockAt = useMemo(() => new Map(blocks.map((b) => [b.start, b])), [blocks]);
  const selectedIndex = layers.findIndex((l) => l.name === selected);
  // A block holding the selected or a broken layer stays open, so neither is ever hidden.
  const isCollapsed = (b: LayerBlock) => collapsed.has(b.id) && !(selectedIndex >= b.start && selectedIndex <= b.end)
    && !layers.slice(b.start, b.end + 1).some((l) => broken[l.name]);

  const visibleNames: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const b = blockAt.get(i);
    if (b && isCollapsed(b)) { i = b.end; continue; }
    visibleNames.push(rows[i].name);
  }
  // dnd-kit re-renders every sortable row when the items array changes identity: keep it
  // stable while its content is (an edit of one layer must not redraw all 175 rows).
  const visibleKey = visibleNames.join(SEPARATOR);
  const visible = useMemo(() => (visibleKey === '' ? [] : visibleKey.split(SEPARATOR)), [visibleKey]);

  useEffect(() => {
    if (!selected) return;
    // In the next frame, not in this task: scrollIntoView forces a layout of the whole page,
    // which here would lengthen the edit's own (already long) task on a big model.
    const frame = requestAnimationFrame(() => {
      document.querySelector(`li[data-layer="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [selected]);

  const toggle = (id: string) => setCollapsed((prev) => {
    const next = new Set(prev);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });

  const items: ReactNode[] = [];
  for (let i = 0; i < rows.length; i++) {
    const block = blockAt.get(i);
    const closed = block ? isCollapsed(block) : false;
    if (block) {
      items.push(
        <BlockHeader key={`block:${block.id}`} block={block} closed={closed} summary={blockSummary(block, layers, costs)} onToggle={toggle} />,
      );
      if (closed) { i = block.end; continue; }
    }
    const r = rows[i];
    const inBlock = blocks.some((b) => i >= b.start && i <= b.end);
    items.push(
      <LayerRow
        key={r.name}
        {...r}
        index={i}
        last={i === rows.length - 1}
        error={broken[r.name]}
        selected={r.name === selected}
        dropHint={dropTarget && dropTarget.name === r.name ? dropTarget.where : null}
        inBlock={inBlock}
      />,
    );
  }

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
      <div className="min-h-0 flex-1 overflow-y-auto pr-1" data-testid="stack-scroll">
        <SortableContext items={visible} strategy={verticalListSortingStrategy}>
          <ol aria-label="Layers" className="flex flex-col gap-1.5 pb-2">
            {items}
          </ol>
        </SortableContext>
        <EndDropZone empty={layers.length === 0} active={paletteDragging} highlighted={dropTarget?.name === null} />
      </div>
    </section>
  );
}

function BlockHeader({ block, closed, summary, onToggle }: {
  block: LayerBlock; closed: boolean; summary: string; onToggle(id: string): void;
}) {
  return (
    <li role="none" className="mt-1">
      <button
        type="button"
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
