/**
 * A list editor for a shape (InputLayer shape, Reshape target shape): one number input per
 * dimension, with buttons to add and remove a dimension.
 */
import { MAX_DIM } from '../../core/limits';
import type { Shape } from '../../core/model';
import { Button, IconButton } from '../common/button';
import { NumberField, type NumberRule } from '../common/number-field';

export function ShapeListField({ legend, value, onCommit, dimLabels, allowMinusOne, maxRank = 4 }: {
  legend: string; value: Shape; onCommit(v: Shape): void; dimLabels?: string[]; allowMinusOne?: boolean; maxRank?: number;
}) {
  // Up to core/limits' MAX_DIM and at most one -1, as the saved/shared config schema allows.
  const ruleAt = (i: number): NumberRule => (allowMinusOne
    ? {
      integer: true, min: -1, max: MAX_DIM,
      validate: (n) => (n === 0 ? 'Use a size of 1 or more, or -1 (inferred).'
        : n === -1 && value.some((d, k) => k !== i && d === -1) ? 'Only one dimension can be -1.' : null),
    }
    : { integer: true, min: 1, max: MAX_DIM });
  const set = (i: number, n: number) => onCommit(value.map((d, k) => (k === i ? n : d)));
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 p-2">
      <legend className="px-1 text-sm font-medium text-slate-700">{legend}</legend>
      {value.map((d, i) => (
        <div key={i} className="flex items-end gap-1">
          <NumberField
            className="flex-1"
            label={(value.length === 3 && dimLabels?.[i]) || `${legend}: dimension ${i + 1}`}
            value={d}
            rule={ruleAt(i)}
            onCommit={(n) => set(i, n as number)}
          />
          <IconButton label={`Remove dimension ${i + 1}`} disabled={value.length <= 1}
            onClick={() => onCommit(value.filter((_, k) => k !== i))} className="mb-1">✕</IconButton>
        </div>
      ))}
      <Button size="sm" disabled={value.length >= maxRank} onClick={() => onCommit([...value, 1])}>Add dimension</Button>
      {allowMinusOne && <p className="text-xs text-slate-500">-1 means “whatever is left” (at most one).</p>}
    </fieldset>
  );
}
