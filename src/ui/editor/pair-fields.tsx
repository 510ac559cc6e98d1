import { MAX_DIM } from '../../core/limits';
import type { Pair } from '../../core/model';
import { NumberField, type NumberRule } from '../common/number-field';

/** Two number inputs for a [height, width] hyperparameter ("Kernel height", "Kernel width"). */
export function PairFields({ label, value, rule, onCommit, engineError }: {
  label: string; value: Pair; rule: NumberRule; onCommit(v: Pair): void; engineError?: string | null;
}) {
  return (
    <div className="grid grid-cols-2 gap-2">
      <NumberField label={`${label} height`} value={value[0]} rule={rule} engineError={engineError}
        onCommit={(h) => onCommit([h as number, value[1]])} />
      <NumberField label={`${label} width`} value={value[1]} rule={rule}
        onCommit={(w) => onCommit([value[0], w as number])} />
    </div>
  );
}

// Up to core/limits' MAX_DIM, as the saved/shared config schema allows.
export const POSITIVE_INT: NumberRule = { integer: true, min: 1, max: MAX_DIM };
export const NON_NEGATIVE_INT: NumberRule = { integer: true, min: 0, max: MAX_DIM };
