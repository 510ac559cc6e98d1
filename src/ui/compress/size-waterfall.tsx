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

interface Datum extends WaterfallStep { base: number; saved: number; label: string; accuracy?: number }

/** Size after each stage (blue) with what the stage saved stacked above it (orange, falling away). */
/** With `accuracy` (a trained digits model): test accuracy after each stage (retrained where it was), as a line on a second axis. */
export function SizeWaterfall({ stages, accuracy = null }: { stages: readonly StageBytes[]; accuracy?: CompressAccuracy | null }) {
  const steps = waterfallSteps(stages);
  const scale = chooseUnitScale(Math.max(...steps.map((s) => s.bytes)));
  const unit = `${scale.prefix}B`;
  const data: Datum[] = steps.map((s, i) => ({
    ...s, base: s.bytes / scale.divisor, saved: s.savedBytes / scale.divisor,
    label: s.cumulativeRatio === 1 ? formatBytes(s.bytes) : `${formatBytes(s.bytes)} (${s.cumulativeRatio.toFixed(1)}×)`,
    accuracy: accuracyAt(accuracy, i),
  }));
  return (
    <ChartCard title="Size after each stage" note={`Blue: size in the format the stage implies; orange: what the stage saved.${accuracy ? ' Green line: test accuracy after the stage (and its retraining).' : ''}`}>
      <ComposedChart data={data} responsive style={{ width: '100%', height: 300 }} margin={{ top: 24, right: 16, bottom: 28, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="stage" tick={TICK} interval={0} label={{ value: 'Pipeline stage', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
        <YAxis tick={TICK} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
          label={{ value: `Size (${unit})`, angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Bar dataKey="base" stackId="w" fill={OKABE_ITO.blue} name="Size" isAnimationActive={false} />
        <Bar dataKey="saved" stackId="w" name="Saved" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.stage} fill={OKABE_ITO.orange} fillOpacity={0.55} />)}
          <LabelList dataKey="label" position="top" style={{ fontSize: 13, fill: '#0f172a' }} />
        </Bar>
        {accuracy && (
          <YAxis yAxisId="accuracy" orientation="right" domain={[0, 1.25]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={TICK} width={56} tickFormatter={(v: number) => `${Math.round(v * 100)} %`}
            label={{ value: 'Test accuracy', angle: 90, position: 'insideRight', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        )}
        {accuracy && <Line yAxisId="accuracy" dataKey="accuracy" name="Test accuracy" stroke={OKABE_ITO.bluishGreen} strokeWidth={3} isAnimationActive={false} />}
      </ComposedChart>
    </ChartCard>
  );
}
