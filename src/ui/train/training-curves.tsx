import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { ChartLegend } from '../compress/chart-legend';
import type { CurveData } from '../../state/training-curves';

const X_AXIS = { dataKey: 'epoch', type: 'number' as const, tick: TICK, allowDecimals: true, label: { value: 'Epoch', position: 'insideBottom' as const, offset: -18, style: AXIS_LABEL } };

/**
 * Live training curves: loss (each batch, and each epoch's mean) and accuracy (train and test,
 * per epoch), against epochs done. Drawn without animation: points arrive while training runs.
 */
export function TrainingCurves({ data, epochsPlanned }: { data: CurveData; epochsPlanned: number }) {
  const domain: [number, number] = [0, Math.max(1, epochsPlanned)];
  const last = data.epochs.at(-1);
  return (
    <div className="grid gap-3 @3xl:grid-cols-2" data-testid="training-curves" data-epochs={data.epochs.length} data-batches={data.batches.length}>
      <ChartCard title="Loss" note={data.batches.length > 0 ? `Cross-entropy; latest batch ${data.batches.at(-1)!.loss.toFixed(3)}` : 'Cross-entropy per batch'}>
        <ChartLegend items={[{ label: 'Batch loss', colour: OKABE_ITO.skyBlue }, { label: 'Epoch mean (train)', colour: OKABE_ITO.blue }]} />
        <LineChart responsive style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis {...X_AXIS} domain={domain} />
          <YAxis tick={TICK} width={56} tickFormatter={(v: number) => String(Number(v.toPrecision(2)))} />
          <Line data={data.batches} dataKey="loss" name="Batch loss" stroke={OKABE_ITO.skyBlue} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line data={data.epochs} dataKey="loss" name="Epoch mean" stroke={OKABE_ITO.blue} strokeWidth={3} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
      <ChartCard title="Accuracy" note={last ? `After epoch ${last.epoch}: train ${(last.trainAccuracy * 100).toFixed(2)} %, test ${(last.accuracy * 100).toFixed(2)} %` : 'Measured after each epoch'}>
        <ChartLegend items={[{ label: 'Train (during the epoch)', colour: OKABE_ITO.orange }, { label: 'Test (2,000 digits)', colour: OKABE_ITO.bluishGreen }]} />
        <LineChart responsive style={{ width: '100%', height: 240 }} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis {...X_AXIS} domain={domain} />
          <YAxis tick={TICK} width={48} domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
          <Line data={data.epochs} dataKey="trainAccuracy" name="Train" stroke={OKABE_ITO.orange} strokeWidth={3} isAnimationActive={false} />
          <Line data={data.epochs} dataKey="accuracy" name="Test" stroke={OKABE_ITO.bluishGreen} strokeWidth={3} isAnimationActive={false} />
        </LineChart>
      </ChartCard>
    </div>
  );
}
