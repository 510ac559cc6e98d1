import type { ReactNode } from 'react';

/** Stands in for a panel another part of the app has not delivered yet. */
export function Placeholder({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border-2 border-dashed border-slate-300 bg-white p-4 text-slate-600">
      <h3 className="font-semibold text-slate-800">{title}</h3>
      {children ?? <p className="text-sm">Coming soon.</p>}
    </div>
  );
}
