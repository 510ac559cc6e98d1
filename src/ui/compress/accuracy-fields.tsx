import { NumberField } from '../common/number-field';

export interface RetrainForm {
  /** Epochs of retraining after each prune and share stage. */
  retrainEpochs: number;
  /** Training digits the retraining uses. */
  trainLimit: number;
  /** Adam's step size while retraining. */
  learningRate: number;
}

/**
 * One epoch at Adam 1e-3: on the shipped LeNet-300-100, 90 % pruning loses 11 points and this
 * wins back all but 1 (1e-4, a tenth of the training rate, wins back only half in one epoch).
 */
export const DEFAULT_RETRAIN_FORM: RetrainForm = { retrainEpochs: 1, trainLimit: 8000, learningRate: 1e-3 };

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
        hint="Adam's step size while retraining."
        onCommit={(v) => onChange({ ...form, learningRate: v ?? 1e-3 })}
      />
    </fieldset>
  );
}
