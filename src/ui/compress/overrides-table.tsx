import { memo, useRef } from 'react';
import type { ModelGraph } from '../../core/model';
import { INPUT_CLASS } from '../common/field';
import { SpacerRow, useVirtualRows } from '../common/virtual-rows';
import { compressibleLayers, type LayerOverrideForm, type PlanForm } from './plan-form';

const EMPTY: LayerOverrideForm = { skip: false, sparsityPercent: null, clusters: null, bits: null };

/** Parses an optional number cell: '' → null (follow the model-wide value); out of range → undefined (ignored). */
function parseCell(text: string, min: number, max: number, integer: boolean): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return undefined;
  return n;
}

/** Per-layer overrides: skip a layer, or give it its own sparsity, clusters or bits. */
export const OverridesTable = memo(function OverridesTable({ graph, form, onChange }: { graph: ModelGraph; form: PlanForm; onChange(next: PlanForm): void }) {
  const layers = compressibleLayers(graph);
  const box = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(layers.length, box, 33);
  const update = (name: string, patch: Partial<LayerOverrideForm>) => {
    const row = { ...(form.overrides[name] ?? EMPTY), ...patch };
    onChange({ ...form, overrides: { ...form.overrides, [name]: row } });
  };
  const cell = (name: string, field: 'sparsityPercent' | 'clusters' | 'bits', label: string, min: number, max: number, integer: boolean, placeholder: number) => {
    const value = form.overrides[name]?.[field] ?? null;
    return (
      <td className="px-1 py-0.5">
        <input
          type="number" aria-label={`${label} for ${name}`} className={`${INPUT_CLASS} w-24 py-0.5`}
          placeholder={String(placeholder)} min={min} max={max} step={integer ? 1 : 'any'}
          defaultValue={value ?? ''} disabled={form.overrides[name]?.skip}
          onChange={(e) => {
            const parsed = parseCell(e.target.value, min, max, integer);
            e.target.setAttribute('aria-invalid', String(parsed === undefined));
            if (parsed !== undefined) update(name, { [field]: parsed });
          }}
        />
      </td>
    );
  };
  return (
    <details className="rounded-md border border-slate-300 p-3">
      <summary className="cursor-pointer font-semibold">Per-layer overrides ({layers.length} layers with kernels)</summary>
      <p className="my-2 text-sm text-slate-600">Leave a cell empty to use the model-wide setting (shown greyed).</p>
      <div ref={box} tabIndex={0} role="region" aria-label="Per-layer overrides table (scrolls)" className="max-h-80 overflow-auto">
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-white">
            <tr className="border-b border-slate-300">
              <th scope="col" className="px-1 py-1">Layer</th>
              <th scope="col" className="px-1 py-1">Skip</th>
              <th scope="col" className="px-1 py-1">Sparsity (%)</th>
              <th scope="col" className="px-1 py-1">Clusters</th>
              <th scope="col" className="px-1 py-1">Bits</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow px={rows.padTopPx} columns={5} />
            {rows.items.map(({ index }) => [index, layers[index]] as const).map(([index, layer]) => (
              <tr key={layer.name} ref={rows.measure} data-index={index} className="border-b border-slate-100">
                <th scope="row" className="px-1 py-0.5 font-mono font-normal">{layer.name} <span className="text-slate-500">({layer.type})</span></th>
                <td className="px-1 py-0.5">
                  <input
                    type="checkbox" aria-label={`Skip ${layer.name}`} className="h-5 w-5 accent-accent"
                    checked={form.overrides[layer.name]?.skip ?? false}
                    onChange={(e) => update(layer.name, { skip: e.target.checked })}
                  />
                </td>
                {cell(layer.name, 'sparsityPercent', 'Sparsity (%)', 0, 99.9, false, form.sparsityPercent)}
                {cell(layer.name, 'clusters', 'Clusters', 2, 256, true, form.clusters)}
                {cell(layer.name, 'bits', 'Bits', 1, 16, true, form.bits)}
              </tr>
            ))}
            <SpacerRow px={rows.padBottomPx} columns={5} />
          </tbody>
        </table>
      </div>
    </details>
  );
});
