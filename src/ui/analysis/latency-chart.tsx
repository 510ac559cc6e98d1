import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { LatencyBar } from './chart-data';
import { chartMargin, hoveredRow, ROW_PX, shortLabel, TALL_CHART_BARS, TICK, TooltipBox, valueAxisProps } from './chart-frame';
import { sameRows } from './same-content';
import { NAIVE_COLOUR, ROOFLINE_COLOUR } from './palette';

/** Milliseconds with enough digits for tiny layers (0.00042 ms) without noise on big ones. */
export function msText(ms: number): string {
  if (ms === 0) return '0 ms';
  return `${ms >= 100 ? ms.toFixed(1) : Number(ms.toPrecision(3))} ms`;
}

const BOUND_TEXT: Record<LatencyBar['bound'], string> = { compute: 'compute-bound', memory: 'memory-bound', none: 'no cost' };

export const NAIVE_NAME = 'Naive (FLOPs ÷ peak FLOPS)';
export const ROOFLINE_NAME = 'Roofline (max of compute, memory)';

/** The legend as HTML above the chart: always in view, however tall the chart. */
export function LatencyLegend() {
  return (
    <ul className="mb-1 flex flex-wrap gap-x-5 gap-y-1 text-base" aria-label="Legend">
      {[[NAIVE_NAME, NAIVE_COLOUR], [ROOFLINE_NAME, ROOFLINE_COLOUR]].map(([name, colour]) => (
        <li key={name} className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-4 rounded-sm" style={{ background: colour }} />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Naive (FLOPs ÷ peak FLOPS) vs roofline time per layer, side by side, in ms. Memoised on the bars' content. */
export const LatencyChart = memo(function LatencyChart({ bars }: { bars: LatencyBar[] }) {
  const data = useMemo(() => bars.map((b) => ({ ...b })), [bars]);
  const tall = data.length > TALL_CHART_BARS;
  const renderTooltip = (p: TooltipContentProps) => {
    const d = hoveredRow<LatencyBar>(p);
    if (!d) return null;
    return (
      <TooltipBox
        heading={`${d.name} (${BOUND_TEXT[d.bound]})`}
        lines={[
          { label: 'Naive', text: msText(d.naiveMs), colour: NAIVE_COLOUR },
          { label: 'Roofline', text: msText(d.rooflineMs), colour: ROOFLINE_COLOUR },
        ]}
      />
    );
  };
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height: data.length * ROW_PX * 1.5 + 60 }}
      margin={chartMargin(tall)}
      barCategoryGap={3}
      barGap={1}
    >
      <CartesianGrid horizontal={false} stroke="#e2e8f0" />
      <XAxis {...valueAxisProps('Time (ms)', tall)} />
      <YAxis type="category" dataKey="name" tick={TICK} tickFormatter={(n: string) => shortLabel(n)} width="auto" interval={0} />
      <Tooltip content={renderTooltip} cursor={{ fill: '#f1f5f9' }} isAnimationActive={false} />
      <Bar dataKey="naiveMs" name={NAIVE_NAME} fill={NAIVE_COLOUR} isAnimationActive={false} />
      <Bar dataKey="rooflineMs" name={ROOFLINE_NAME} fill={ROOFLINE_COLOUR} isAnimationActive={false} />
    </BarChart>
  );
}, (a, b) => sameRows(a.bars, b.bars));
