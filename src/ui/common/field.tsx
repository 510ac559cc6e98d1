import type { ReactNode } from 'react';

/** Label above a control, with an optional inline message (error or hint) under it. */
export function Field({ id, label, error, hint, children, className = '' }: {
  id: string; label: string; error?: string | null; hint?: string; children: ReactNode; className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {error ? (
        <p id={`${id}-msg`} className="text-sm font-medium text-error">⚠ {error}</p>
      ) : hint ? (
        <p id={`${id}-msg`} className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

export const INPUT_CLASS =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base text-slate-900 aria-[invalid=true]:border-error aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-error';
