/**
 * One sensitivity chart (issue 9, Distiller's picture): test accuracy against sparsity or bit
 * width, a line per layer, each layer compressed alone without retraining; the baseline dashed.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { SensitivityReport } from '../../core/sensitivity/types';
import { SENSITIVITY_BITS, SENSITIVITY_SPARSITIES } from '../../core/sensitivity/types';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { CATEGORY_COLOURS } from '../analysis/palette';
import { formatAccuracy } from '../common/format-accuracy';
import { ChartLegend } from './chart-legend';
import { sensitivityRows as rowsOf } from './sensitivity-rows';

export function SensitivityChart({ report }: { report: SensitivityReport }) {
  const prune = report.kind === 'prune';
  const colour = (i: number) => CATEGORY_COLOURS[i % CATEGORY_COLOURS.length];
  const title = prune ? 'Sensitivity to pruning' : 'Sensitivity to quantization';
  return (
    <div data-testid={`sensitivity-chart-${report.kind}`} data-lines={report.layers.length}>
      <ChartCard title={title} note={`Each layer ${prune ? 'pruned' : 'quantized'} alone, no retraining; the model unchanged scores ${formatAccuracy(report.baseline)} (dashed).`}>
        <ChartLegend items={report.layers.map((l, i) => ({ label: l.name, colour: colour(i) }))} />
        <LineChart data={rowsOf(report)} responsive style={{ width: '100%', height: 260 }} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          {prune ? (
            <XAxis dataKey="x" type="number" domain={[0, 100]} ticks={SENSITIVITY_SPARSITIES.map((s) => Math.round(s * 100))} tick={TICK}
              label={{ value: 'Weights of the layer removed (%)', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
          ) : (
            <XAxis dataKey="x" type="number" domain={[2, 8]} reversed ticks={[...SENSITIVITY_BITS]} tick={TICK}
              label={{ value: 'Bits per weight of the layer', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
          )}
          <YAxis domain={[0, 1]} tick={TICK} width={52} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
          <ReferenceLine y={report.baseline} stroke="#475569" strokeDasharray="6 4" />
          {report.layers.map((l, i) => (
            <Line key={l.name} dataKey={l.name} name={l.name} stroke={colour(i)} strokeWidth={3} isAnimationActive={false} className="sensitivity-line" />
          ))}
        </LineChart>
      </ChartCard>
    </div>
  );
}
