import { useId } from 'react';
import { Field, INPUT_CLASS } from './field';

/** A labelled native select over string options. */
export function SelectField<T extends string>({ label, value, options, onChange, engineError, className }: {
  label: string; value: T; options: readonly (T | { value: T; label: string })[]; onChange(v: T): void;
  engineError?: string | null; className?: string;
}) {
  const id = useId();
  return (
    <Field id={id} label={label} error={engineError} className={className}>
      <select id={id} className={INPUT_CLASS} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => {
          const opt = typeof o === 'string' ? { value: o, label: o } : o;
          return <option key={opt.value} value={opt.value}>{opt.label}</option>;
        })}
      </select>
    </Field>
  );
}

/** A labelled checkbox. */
export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" className="h-5 w-5 accent-accent" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
    </div>
  );
}
