import { NumberField } from '../common/number-field';

export interface RetrainForm {
  /** Epochs of retraining after each prune and share stage. */
  retrainEpochs: number;
  /** Training digits the retraining uses. */
  trainLimit: number;
  /** Step size of the retraining's SGD with momentum 0.9. */
  learningRate: number;
}

/**
 * The retraining defaults of tf/compress-retrain.ts (SGD with momentum, 0.05: the shipped
 * models' training rate), one epoch on all 8,000 training digits.
 */
export const DEFAULT_RETRAIN_FORM: RetrainForm = { retrainEpochs: 1, trainLimit: 8000, learningRate: 0.05 };

/** The plan's retraining settings, shown when the model has trained weights and a dataset. */
export function AccuracyFields({ form, onChange }: { form: RetrainForm; onChange(next: RetrainForm): void }) {
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-300 p-3 @xl:grid-cols-3">
      <legend className="px-1 font-semibold">Retraining (trained model)</legend>
      <NumberField
        label="Retraining epochs" value={form.retrainEpochs} rule={{ integer: true, min: 0, max: 1000 }}
        hint="After each prune and share stage, with pruned weights kept at zero and shared weights training their centroids (Han et al.). 0: no retraining."
        onCommit={(v) => onChange({ ...form, retrainEpochs: v ?? 0 })}
      />
      <NumberField
        label="Retraining digits" value={form.trainLimit} rule={{ integer: true, min: 1, max: 8000 }}
        hint="Training digits per retraining epoch (up to 8,000)."
        onCommit={(v) => onChange({ ...form, trainLimit: v ?? 8000 })}
      />
      <NumberField
        label="Retraining learning rate" value={form.learningRate} rule={{ min: 0, minExclusive: true, max: 10 }}
        hint="SGD with momentum 0.9, batch 32."
        onCommit={(v) => onChange({ ...form, learningRate: v ?? DEFAULT_RETRAIN_FORM.learningRate })}
      />
    </fieldset>
  );
}
