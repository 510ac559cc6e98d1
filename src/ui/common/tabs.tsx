import { useRef, type KeyboardEvent } from 'react';

export interface TabDef<T extends string> { id: T; label: string }

/**
 * WAI-ARIA tabs (automatic activation): arrow keys / Home / End move between tabs.
 * The panel is rendered by the caller with id `${idPrefix}-panel-${tab}`.
 */
export function TabList<T extends string>({ tabs, value, onChange, label, idPrefix }: {
  tabs: readonly TabDef<T>[]; value: T; onChange(t: T): void; label: string; idPrefix: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === value);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const j = (next + tabs.length) % tabs.length;
    onChange(tabs[j].id);
    refs.current[j]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="flex min-w-0 flex-wrap gap-1 border-b border-slate-300" onKeyDown={onKeyDown}>
      {tabs.map((t, i) => {
        const selected = t.id === value;
        return (
          <button
            key={t.id}
            ref={(el) => { refs.current[i] = el; }}
            role="tab"
            type="button"
            id={`${idPrefix}-tab-${t.id}`}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel-${t.id}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.id)}
            className={`-mb-px rounded-t-md border px-4 py-2 text-lg font-semibold ${selected
              ? 'border-slate-300 border-b-white bg-white text-accent-dark'
              : 'border-transparent text-slate-600 hover:bg-slate-200'}`}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
