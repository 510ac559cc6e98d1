import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { LayerBar } from './chart-data';
import { chartMargin, hoveredRow, ROW_PX, shortLabel, TALL_CHART_BARS, TICK, TooltipBox, valueAxisProps } from './chart-frame';
import { sameRows } from './same-content';
import { axisTitle, chooseUnitScale, formatExact } from './unit-scale';

export interface LayerBarChartProps {
  bars: LayerBar[];
  /** Unit of the raw values, e.g. "FLOPs", "MACs", "Parameters". */
  unit: string;
  colour: string;
}

interface Datum { name: string; scaled: number; exact: number }

/**
 * Horizontal bars, one per layer in execution order, axis in a readable SI unit ("MFLOPs").
 * Memoised on the bars' content: an edit that leaves these figures alone does not redraw it.
 */
export const LayerBarChart = memo(function LayerBarChart({ bars, unit, colour }: LayerBarChartProps) {
  const scale = chooseUnitScale(Math.max(0, ...bars.map((b) => b.value)));
  const data = useMemo<Datum[]>(
    () => bars.map((b) => ({ name: b.name, scaled: b.value / scale.divisor, exact: b.value })),
    [bars, scale.divisor],
  );
  const axisUnit = axisTitle(unit, scale);
  const tall = data.length > TALL_CHART_BARS;
  const renderTooltip = (p: TooltipContentProps) => {
    const d = hoveredRow<Datum>(p);
    return d ? <TooltipBox heading={d.name} lines={[{ label: unit, text: formatExact(d.exact) }]} /> : null;
  };
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height: data.length * ROW_PX + 70 }}
      margin={chartMargin(tall)}
      barCategoryGap={3}
    >
      <CartesianGrid horizontal={false} stroke="#e2e8f0" />
      <XAxis {...valueAxisProps(axisUnit, tall)} />
      <YAxis type="category" dataKey="name" tick={TICK} tickFormatter={(n: string) => shortLabel(n)} width="auto" interval={0} />
      <Tooltip content={renderTooltip} cursor={{ fill: '#f1f5f9' }} isAnimationActive={false} />
      <Bar dataKey="scaled" name={axisUnit} fill={colour} isAnimationActive={false} />
    </BarChart>
  );
}, (a, b) => a.unit === b.unit && a.colour === b.colour && sameRows(a.bars, b.bars));
