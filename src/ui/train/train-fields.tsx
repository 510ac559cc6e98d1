import { memo } from 'react';
import type { OptimizerName } from '../../core/digits/train-options';
import type { PixelScale } from '../../core/digits/fit';
import { useFlopLab } from '../../state/store';
import { NumberField } from '../common/number-field';
import { CheckboxField, SelectField } from '../common/select-field';
import type { TrainForm } from './train-form';

const OPTIMIZERS: { value: OptimizerName; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum 0.9' },
];
const SCALES: { value: PixelScale; label: string }[] = [
  { value: 'unit', label: '0..1 (grey ÷ 255)' },
  { value: 'byte', label: '0..255 (raw grey levels)' },
];

/** The training settings, in the order a student reads them. */
export const TrainFields = memo(function TrainFields({ form, onChange }: { form: TrainForm; onChange(next: TrainForm): void }) {
  const set = (patch: Partial<TrainForm>) => onChange({ ...form, ...patch });
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const setPixelScale = useFlopLab((s) => s.setPixelScale);
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-300 p-3 @xl:grid-cols-2 @4xl:grid-cols-4">
      <legend className="px-1 font-semibold">Training</legend>
      <NumberField label="Epochs" value={form.epochs} rule={{ integer: true, min: 1, max: 1000 }} onCommit={(v) => set({ epochs: v ?? 1 })} />
      <NumberField label="Batch size" value={form.batchSize} rule={{ integer: true, min: 1, max: 8000 }} onCommit={(v) => set({ batchSize: v ?? 64 })} />
      <NumberField label="Learning rate" value={form.learningRate} rule={{ min: 0, minExclusive: true, max: 10 }} onCommit={(v) => set({ learningRate: v ?? 1e-3 })}
        hint="Adam: 0.001; SGD: 0.01 to 0.1." />
      <SelectField label="Optimizer" value={form.optimizer} options={OPTIMIZERS} onChange={(v) => set({ optimizer: v })} />
      <NumberField label="Seed" value={form.seed} rule={{ integer: true, min: 0, max: 2147483647 }} onCommit={(v) => set({ seed: v ?? 1 })}
        hint="Initial weights and the order of the digits." />
      <NumberField label="Training digits" value={form.trainLimit} rule={{ integer: true, min: 1, max: 8000 }} onCommit={(v) => set({ trainLimit: v ?? 8000 })}
        hint="Up to 8,000; fewer for a quick run." />
      <SelectField label="Pixel scaling" value={pixelScale} options={SCALES} onChange={setPixelScale} />
      <div className="self-end pb-2">
        <CheckboxField label="Start from random weights" checked={form.fromScratch} onChange={(v) => set({ fromScratch: v })} />
      </div>
    </fieldset>
  );
});
