import { Bar, CartesianGrid, Cell, ComposedChart, LabelList, Line, XAxis, YAxis } from 'recharts';
import type { StageBytes } from '../../core/compress/types';
import { formatBytes } from '../../core/format';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { chooseUnitScale } from '../analysis/unit-scale';
import type { CompressAccuracy } from '../../worker/api';
import { waterfallSteps, type WaterfallStep } from './chart-data';

/** Accuracy after waterfall step i (0: the trained model), retrained where the stage was. */
function accuracyAt(accuracy: CompressAccuracy | null, i: number): number | undefined {
  const stage = accuracy?.stages[i];
  return stage ? stage.accuracyRetrained ?? stage.accuracy : undefined;
}

interface Datum extends WaterfallStep { base: number; saved: number; top: number; label: string; ratio: string; accuracy?: number }

/** Pixels a stage name takes at the tick size (14 px sans: ~8 px a character, generous). */
const tickTextPx = (text: string) => text.length * 8;

interface TickProps { x?: number | string; y?: number | string; index?: number; width?: number | string; visibleTicksCount?: number; payload?: { value: string } }

/**
 * A stage name under its bar. When the bars are too narrow for the longest name (a 1024 px
 * projector: 'Shared', 'Quantized' and 'Huffman' ran into each other), every other name drops a
 * line, so neighbours never share a line.
 */
function StageTick({ x = 0, y = 0, index = 0, width = 0, visibleTicksCount = 1, payload, longest }: TickProps & { longest: number }) {
  const name = payload?.value ?? '';
  const stagger = Number(width) / Math.max(1, visibleTicksCount) < longest + 8 && index % 2 === 1;
  return (
    <text x={x} y={y} dy={stagger ? 30 : 12} textAnchor="middle" className="waterfall-tick" style={TICK}>{name}</text>
  );
}

interface LabelProps { x?: number | string; y?: number | string; index?: number }

/** Size above each bar and, on a second line, the ratio so far: two short lines fit a narrow bar where one long one collided. */
function BarLabel({ x = 0, y = 0, index = 0, data }: LabelProps & { data: readonly Datum[] }) {
  const d = data[index];
  if (!d) return null;
  const cx = Number(x);
  const top = Number(y);
  return (
    <text x={cx} y={top} textAnchor="middle" className="waterfall-label" style={{ fontSize: 12, fill: '#0f172a' }}>
      <tspan x={cx} dy={d.ratio ? -20 : -6}>{d.label}</tspan>
      {d.ratio && <tspan x={cx} dy={14}>{d.ratio}</tspan>}
    </text>
  );
}

/** Size after each stage (blue) with what the stage saved stacked above it (orange, falling away). */
/** With `accuracy` (a trained digits model): test accuracy after each stage (retrained where it was), as a line on a second axis. */
export function SizeWaterfall({ stages, accuracy = null }: { stages: readonly StageBytes[]; accuracy?: CompressAccuracy | null }) {
  const steps = waterfallSteps(stages);
  const scale = chooseUnitScale(Math.max(...steps.map((s) => s.bytes)));
  const unit = `${scale.prefix}B`;
  const data: Datum[] = steps.map((s, i) => ({
    ...s, base: s.bytes / scale.divisor, saved: s.savedBytes / scale.divisor, top: (s.bytes + s.savedBytes) / scale.divisor,
    label: formatBytes(s.bytes), ratio: s.cumulativeRatio === 1 ? '' : `${s.cumulativeRatio.toFixed(1)}×`,
    accuracy: accuracyAt(accuracy, i),
  }));
  const longest = Math.max(...data.map((d) => tickTextPx(d.stage)));
  return (
    <ChartCard title="Size after each stage" note={`Blue: size in the format the stage implies; orange: what the stage saved.${accuracy ? ' Green line: test accuracy after the stage (and its retraining).' : ''}`}>
      <ComposedChart data={data} responsive style={{ width: '100%', height: 320 }} margin={{ top: 36, right: 16, bottom: 28, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="stage" tick={(p: TickProps) => <StageTick {...p} longest={longest} />} interval={0} height={48}
          label={{ value: 'Pipeline stage', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
        <YAxis tick={TICK} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
          label={{ value: `Size (${unit})`, angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Bar dataKey="base" stackId="w" fill={OKABE_ITO.blue} name="Size" isAnimationActive={false} />
        <Bar dataKey="saved" stackId="w" name="Saved" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.stage} fill={OKABE_ITO.orange} fillOpacity={0.55} />)}
        </Bar>
        {/* The labels ride an invisible line through the bars' tops, so the original (nothing saved) gets one too. */}
        <Line dataKey="top" stroke="none" dot={false} activeDot={false} legendType="none" isAnimationActive={false} tooltipType="none">
          <LabelList dataKey="label" content={(p: LabelProps) => <BarLabel {...p} data={data} />} />
        </Line>
        {accuracy && (
          <YAxis yAxisId="accuracy" orientation="right" domain={[0, 1.25]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={TICK} width={56} tickFormatter={(v: number) => `${Math.round(v * 100)} %`}
            label={{ value: 'Test accuracy', angle: 90, position: 'insideRight', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        )}
        {accuracy && <Line yAxisId="accuracy" dataKey="accuracy" name="Test accuracy" stroke={OKABE_ITO.bluishGreen} strokeWidth={3} isAnimationActive={false} />}
      </ComposedChart>
    </ChartCard>
  );
}
