import { useId, useState } from 'react';
import { Field, INPUT_CLASS } from './field';

/**
 * A text input that commits only values `validate` accepts (returns null); otherwise it shows the
 * reason inline (aria-invalid) and keeps the last valid value in the model.
 * `commitOn: 'blur'` commits on blur / Enter (used for names, where each keystroke would rename).
 */
export function TextField({ label, value, onCommit, validate, commitOn = 'change', hint, className }: {
  label: string; value: string; onCommit(v: string): void; validate(v: string): string | null;
  commitOn?: 'change' | 'blur'; hint?: string; className?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const problem = validate(draft);
  const commit = (text: string) => {
    if (validate(text) === null && text !== value) onCommit(text);
  };
  return (
    <Field id={id} label={label} error={problem} hint={hint} className={className}>
      <input
        id={id}
        type="text"
        className={INPUT_CLASS}
        value={draft}
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem || hint ? `${id}-msg` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (commitOn === 'change') commit(e.target.value);
        }}
        onBlur={() => { if (commitOn === 'blur') commit(draft); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && commitOn === 'blur') commit(draft);
          if (e.key === 'Escape') setDraft(value);
        }}
      />
    </Field>
  );
}
