import { useId, useState } from 'react';
import { Field, INPUT_CLASS } from './field';

export interface NumberRule {
  integer?: boolean;
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
  /** Empty input means null (e.g. ReLU max value "none"). */
  allowEmpty?: boolean;
  /** Any further rule: returns the reason a number is refused, or null. */
  validate?: (n: number) => string | null;
}

/** Why `text` is not an acceptable value under `rule`, or null when it is. */
export function numberProblem(text: string, rule: NumberRule): string | null {
  const t = text.trim();
  if (t === '') return rule.allowEmpty ? null : 'Enter a number.';
  const n = Number(t);
  if (!Number.isFinite(n)) return 'Enter a number.';
  if (rule.integer && !Number.isInteger(n)) return 'Enter a whole number.';
  if (rule.min !== undefined && (rule.minExclusive ? n <= rule.min : n < rule.min)) {
    return rule.minExclusive ? `Must be greater than ${rule.min}.` : `Must be at least ${rule.min}.`;
  }
  if (rule.max !== undefined && (rule.maxExclusive ? n >= rule.max : n > rule.max)) {
    return rule.maxExclusive ? `Must be less than ${rule.max}.` : `Must be at most ${rule.max}.`;
  }
  return rule.validate ? rule.validate(n) : null;
}

const show = (v: number | null) => (v === null ? '' : String(v));

/**
 * A number input that only sends valid values up (`onCommit`); an invalid entry stays in the box,
 * marked aria-invalid with the reason, and the model keeps its last valid value.
 * When the value changes from outside (undo, another layer selected) the box follows it.
 */
export function NumberField({ label, value, onCommit, rule, hint, engineError, className }: {
  label: string; value: number | null; onCommit(v: number | null): void; rule: NumberRule;
  hint?: string; engineError?: string | null; className?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(show(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Derived-state reset (React docs, "adjusting state when a prop changes").
    setShown(value);
    if (numberProblem(draft, rule) !== null || Number(draft) !== value) setDraft(show(value));
  }
  const [badInput, setBadInput] = useState(false);
  const problem = badInput ? 'Enter a number.' : numberProblem(draft, rule);
  const message = problem ?? engineError ?? null;
  return (
    <Field id={id} label={label} error={message} hint={hint} className={className}>
      <input
        id={id}
        type="number"
        step={rule.integer ? 1 : 'any'}
        min={rule.min !== undefined && !rule.minExclusive ? rule.min : undefined}
        max={rule.max !== undefined && !rule.maxExclusive ? rule.max : undefined}
        className={INPUT_CLASS}
        value={draft}
        aria-invalid={problem !== null}
        aria-describedby={message || hint ? `${id}-msg` : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const bad = e.target.validity.badInput;
          setDraft(text);
          setBadInput(bad);
          if (bad || numberProblem(text, rule) !== null) return;
          const next = text.trim() === '' ? null : Number(text);
          if (next !== value) onCommit(next);
        }}
        onBlur={() => { if (!badInput && numberProblem(draft, rule) === null) setDraft(show(value)); }}
      />
    </Field>
  );
}
