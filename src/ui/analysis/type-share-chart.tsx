import { memo } from 'react';
import { Cell, Pie, PieChart, Tooltip, type TooltipContentProps } from 'recharts';
import { OTHER_TYPES, type TypeShare } from './chart-data';
import { hoveredRow, TooltipBox } from './chart-frame';
import { sameRows } from './same-content';
import { CATEGORY_COLOURS, OTHER_COLOUR } from './palette';
import { formatExact, formatPercent } from './unit-scale';

/** Colour per layer type, stable across both pies (same type, same colour). */
export function colourForType(type: string, order: readonly string[]): string {
  if (type === OTHER_TYPES) return OTHER_COLOUR;
  const i = order.indexOf(type);
  return i >= 0 ? CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] : OTHER_COLOUR;
}

export interface TypeSharePieProps {
  title: string;
  shares: TypeShare[];
  /** Unit of the values, e.g. "FLOPs". */
  unit: string;
  /** Every type in a fixed order, for stable colours. */
  typeOrder: readonly string[];
}

/**
 * One donut with its legend beside it: swatch, type and percentage in text, so the reading never
 * depends on telling colours apart.
 */
export const TypeSharePie = memo(function TypeSharePie({ title, shares, unit, typeOrder }: TypeSharePieProps) {
  const renderTooltip = (p: TooltipContentProps) => {
    const d = hoveredRow<TypeShare>(p);
    return d ? <TooltipBox heading={d.type} lines={[{ label: unit, text: `${formatExact(d.value)} (${formatPercent(d.fraction)})` }]} /> : null;
  };
  if (shares.length === 0) {
    return <p className="text-base text-slate-600">{title}: nothing to share (all zero).</p>;
  }
  return (
    <figure className="flex min-w-0 flex-col items-center gap-3">
      <PieChart style={{ width: 200, height: 200, flex: 'none' }} responsive={false} width={200} height={200}>
        <Pie
          data={shares} dataKey="value" nameKey="type" innerRadius={50} outerRadius={95}
          stroke="#ffffff" strokeWidth={2} isAnimationActive={false}
        >
          {shares.map((s) => <Cell key={s.type} fill={colourForType(s.type, typeOrder)} />)}
        </Pie>
        <Tooltip content={renderTooltip} isAnimationActive={false} />
      </PieChart>
      <figcaption className="w-full min-w-0 max-w-xs">
        <div className="mb-1 text-base font-semibold text-slate-800">{title}</div>
        <ul className="space-y-0.5">
          {shares.map((s) => (
            <li key={s.type} className="flex items-center gap-2 text-base">
              <span aria-hidden="true" className="inline-block size-4 flex-none rounded-sm ring-1 ring-slate-400" style={{ background: colourForType(s.type, typeOrder) }} />
              <span className="min-w-0 break-words">{s.type}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums">{formatPercent(s.fraction)}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}, (a, b) => a.title === b.title && a.unit === b.unit && sameRows(a.shares, b.shares)
  && a.typeOrder.length === b.typeOrder.length && a.typeOrder.every((t, i) => t === b.typeOrder[i]));
