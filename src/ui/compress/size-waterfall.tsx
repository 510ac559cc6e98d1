import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import type { StageBytes } from '../../core/compress/types';
import { formatBytes } from '../../core/format';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { chooseUnitScale } from '../analysis/unit-scale';
import { waterfallSteps, type WaterfallStep } from './chart-data';

interface Datum extends WaterfallStep { base: number; saved: number; label: string }

/** Size after each stage (blue) with what the stage saved stacked above it (orange, falling away). */
export function SizeWaterfall({ stages }: { stages: readonly StageBytes[] }) {
  const steps = waterfallSteps(stages);
  const scale = chooseUnitScale(Math.max(...steps.map((s) => s.bytes)));
  const unit = `${scale.prefix}B`;
  const data: Datum[] = steps.map((s) => ({
    ...s, base: s.bytes / scale.divisor, saved: s.savedBytes / scale.divisor,
    label: s.cumulativeRatio === 1 ? formatBytes(s.bytes) : `${formatBytes(s.bytes)} (${s.cumulativeRatio.toFixed(1)}×)`,
  }));
  return (
    <ChartCard title="Size after each stage" note="Blue: size in the format the stage implies; orange: what the stage saved.">
      <BarChart data={data} responsive style={{ width: '100%', height: 300 }} margin={{ top: 24, right: 16, bottom: 28, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="stage" tick={TICK} interval={0} label={{ value: 'Pipeline stage', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
        <YAxis tick={TICK} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
          label={{ value: `Size (${unit})`, angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Bar dataKey="base" stackId="w" fill={OKABE_ITO.blue} name="Size" isAnimationActive={false} />
        <Bar dataKey="saved" stackId="w" name="Saved" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.stage} fill={OKABE_ITO.orange} fillOpacity={0.55} />)}
          <LabelList dataKey="label" position="top" style={{ fontSize: 13, fill: '#0f172a' }} />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
