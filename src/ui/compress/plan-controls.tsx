import { memo } from 'react';
import type { KMeansInit } from '../../core/compress/types';
import { NumberField } from '../common/number-field';
import { CheckboxField, SelectField } from '../common/select-field';
import type { PlanForm, PruneMode, QuantScheme } from './plan-form';
import { StageOrder } from './stage-order';

const PRUNE_MODES: { value: PruneMode; label: string }[] = [
  { value: 'per-layer', label: 'Per layer (magnitude)' },
  { value: 'global', label: 'Global threshold' },
  { value: 'structured', label: 'Structured (filters)' },
  { value: '2:4', label: '2:4 pattern' },
];
const INITS: { value: KMeansInit; label: string }[] = [
  { value: 'linear', label: 'Linear' },
  { value: 'density', label: 'Density-based' },
  { value: 'forgy', label: 'Forgy (random)' },
  { value: 'kmeans++', label: 'k-means++' },
];
const SCHEMES: { value: QuantScheme; label: string }[] = [
  { value: 'affine', label: 'Affine' },
  { value: 'symmetric', label: 'Symmetric' },
  { value: 'float16', label: 'float16' },
];

function pruneHint(mode: PruneMode): string {
  switch (mode) {
    case 'per-layer': return 'Smallest |w| of each kernel set to zero.';
    case 'global': return 'One |w| threshold across all kernels.';
    case 'structured': return 'Whole filters (smallest L1 norm) removed.';
    case '2:4': return '2 of every 4 weights kept: always 50 %.';
  }
}

/** The model-wide settings of every stage, and the stage order. */
export const PlanControls = memo(function PlanControls({ form, onChange }: { form: PlanForm; onChange(next: PlanForm): void }) {
  const set = (patch: Partial<PlanForm>) => onChange({ ...form, ...patch });
  return (
    <div className="grid gap-3 @xl:grid-cols-2 @5xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(15rem,1fr)]">
      <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 p-3" disabled={!form.enabled.prune}>
        <legend className="px-1 font-semibold">Pruning</legend>
        <NumberField
          label="Pruning sparsity (%)" value={form.sparsityPercent} rule={{ min: 0, max: 100, maxExclusive: true }}
          hint={pruneHint(form.pruneMode)}
          onCommit={(v) => set({ sparsityPercent: v ?? 0 })}
        />
        <SelectField label="Pruning mode" value={form.pruneMode} options={PRUNE_MODES} onChange={(v) => set({ pruneMode: v })} />
      </fieldset>
      <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 p-3" disabled={!form.enabled.share}>
        <legend className="px-1 font-semibold">Weight sharing</legend>
        <NumberField
          label="Weight sharing clusters" value={form.clusters} rule={{ integer: true, min: 2, max: 256 }}
          hint={`k-means per layer; each weight stored as a ${Math.ceil(Math.log2(Math.max(2, form.clusters)))}-bit index.`}
          onCommit={(v) => set({ clusters: v ?? 16 })}
        />
        <SelectField label="Centroid initialisation" value={form.init} options={INITS} onChange={(v) => set({ init: v })} />
      </fieldset>
      <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 p-3" disabled={!form.enabled.quantize}>
        <legend className="px-1 font-semibold">Quantization</legend>
        <NumberField
          label="Quantization bits" value={form.bits} rule={{ integer: true, min: 1, max: 16 }}
          hint={form.scheme === 'float16' ? 'float16 stores 16 bits; this setting is not used.' : undefined}
          onCommit={(v) => set({ bits: v ?? 8 })}
        />
        <SelectField label="Quantization scheme" value={form.scheme} options={SCHEMES} onChange={(v) => set({ scheme: v })} />
        {form.scheme !== 'float16' && (
          <CheckboxField label="Per-channel scales" checked={form.perChannel} onChange={(v) => set({ perChannel: v })} />
        )}
      </fieldset>
      <StageOrder form={form} onChange={onChange} />
    </div>
  );
});
