/**
 * Wiring of the selected layer: Add/Concatenate pick several inputs (checkboxes), other layers
 * pick one (a select whose first entry is "the previous layer", i.e. no explicit inputs).
 * Only earlier layers are offered (the model list is in execution order).
 */
import { useId } from 'react';
import type { LayerSpec } from '../../core/model';
import { INPUT_CLASS } from '../common/field';

const MERGE_TYPES = new Set(['Add', 'Concatenate']);

export function InputsField({ layers, index, onCommit }: {
  layers: readonly LayerSpec[]; index: number; onCommit(inputs: string[] | undefined): void;
}) {
  const layer = layers[index];
  if (index === 0 || layer.type === 'InputLayer') return null;
  const earlier = layers.slice(0, index).map((l) => l.name).reverse();
  const previous = layers[index - 1].name;
  const current = layer.inputs ?? [previous];
  return MERGE_TYPES.has(layer.type)
    ? <MergeInputs earlier={earlier} current={current} onCommit={onCommit} layers={layers} />
    : <SingleInput earlier={earlier} previous={previous} explicit={layer.inputs} onCommit={onCommit} />;
}

function SingleInput({ earlier, previous, explicit, onCommit }: {
  earlier: string[]; previous: string; explicit: string[] | undefined; onCommit(inputs: string[] | undefined): void;
}) {
  const id = useId();
  const value = !explicit || (explicit.length === 1 && explicit[0] === previous) ? '' : explicit[0];
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">Input</label>
      <select id={id} className={INPUT_CLASS} value={value} onChange={(e) => onCommit(e.target.value === '' ? undefined : [e.target.value])}>
        <option value="">The layer above ({previous})</option>
        {earlier.slice(1).map((n) => <option key={n} value={n}>{n}</option>)}
        {explicit && explicit.length > 1 && <option value={explicit[0]} disabled>{explicit.join(', ')}</option>}
      </select>
    </div>
  );
}

function MergeInputs({ earlier, current, onCommit, layers }: {
  earlier: string[]; current: string[]; onCommit(inputs: string[]): void; layers: readonly LayerSpec[];
}) {
  const base = useId();
  const order = new Map(layers.map((l, i) => [l.name, i]));
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...current, name] : current.filter((n) => n !== name);
    if (next.length === 0) return;
    next.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    onCommit(next);
  };
  return (
    <fieldset className="flex flex-col gap-1 rounded-md border border-slate-300 p-2">
      <legend className="px-1 text-sm font-medium text-slate-700">Inputs ({current.length} chosen)</legend>
      <p className="text-xs text-slate-500">← {current.join(', ')}</p>
      <div className="max-h-44 overflow-y-auto">
        {earlier.map((n, i) => {
          const cid = `${base}-${i}`;
          return (
            <div key={n} className="flex items-center gap-2 py-0.5">
              <input id={cid} type="checkbox" className="h-4 w-4 accent-accent" checked={current.includes(n)}
                onChange={(e) => toggle(n, e.target.checked)} />
              <label htmlFor={cid} className="font-mono text-sm">{n}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
