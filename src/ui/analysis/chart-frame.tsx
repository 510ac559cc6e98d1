import type { ReactNode } from 'react';
import type { TooltipContentProps } from 'recharts';

/** Shared look of the charts: large ticks for a projector, one font size everywhere. */
export const TICK = { fontSize: 14, fill: '#1e293b' } as const;
export const AXIS_LABEL = { fontSize: 15, fill: '#0f172a', fontWeight: 600 } as const;
/** Pixel height per bar row in a horizontal bar chart (label at 14px must fit). */
export const ROW_PX = 24;

export function ChartCard({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <h3 className="text-lg font-semibold text-slate-900">{title}</h3>
      {note && <p className="mb-2 text-sm text-slate-600">{note}</p>}
      {children}
    </section>
  );
}

export interface TooltipLine { label: string; text: string; colour?: string }

/** A tooltip box: a heading (the layer or type) and exact figures. */
export function TooltipBox({ heading, lines }: { heading: string; lines: TooltipLine[] }) {
  return (
    <div className="rounded-md bg-white px-3 py-2 text-base shadow-lg ring-1 ring-slate-300">
      <div className="font-semibold text-slate-900">{heading}</div>
      {lines.map((l) => (
        <div key={l.label} className="flex items-center gap-2 tabular-nums text-slate-800">
          {l.colour && <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ background: l.colour }} />}
          <span>{l.label}:</span> <span className="font-medium">{l.text}</span>
        </div>
      ))}
    </div>
  );
}

/** The data row under the pointer, typed by the caller. */
export function hoveredRow<T>(props: TooltipContentProps): T | null {
  if (!props.active || !props.payload || props.payload.length === 0) return null;
  return (props.payload[0].payload ?? null) as T | null;
}

/** Layer names on a category axis: long ResNet names are cut with an ellipsis (the tooltip has them whole). */
export function shortLabel(name: string, max = 22): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** Above this many bars the value axis goes on top, so its unit is seen before scrolling down a tall chart. */
export const TALL_CHART_BARS = 14;

/** Props of the value (X) axis of a horizontal bar chart: large ticks, a titled unit, top or bottom. */
export function valueAxisProps(title: string, tall: boolean) {
  return {
    type: 'number' as const,
    orientation: tall ? ('top' as const) : ('bottom' as const),
    tick: TICK,
    tickCount: 6,
    tickFormatter: (v: number) => String(Number(v.toPrecision(3))),
    label: { value: title, position: tall ? ('insideTop' as const) : ('insideBottom' as const), offset: tall ? -14 : -18, style: AXIS_LABEL },
  };
}

/** Chart margins leaving room for the axis title above or below. */
export const chartMargin = (tall: boolean) => (tall ? { top: 24, right: 24, bottom: 4, left: 8 } : { top: 4, right: 24, bottom: 28, left: 8 });
