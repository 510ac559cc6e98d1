/**
 * Live test-accuracy curves of the two students (on their labels alone, and distilled), with the
 * teacher's accuracy as a horizontal line. Drawn without animation: points arrive while it runs.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { DistillEpoch } from '../../worker/api';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { formatAccuracy } from '../common/format-accuracy';
import { ChartLegend } from '../compress/chart-legend';

export function DistillCurves({ history, teacherAccuracy, epochsPlanned }: { history: DistillEpoch[]; teacherAccuracy: number | null; epochsPlanned: number }) {
  // Epoch 0 is where both students start: from identical random weights, no point measured.
  const last = history.at(-1);
  // The axis starts at the tenth below the lowest point, so a few points' difference is visible.
  const lowest = Math.min(1, teacherAccuracy ?? 1, ...history.flatMap((r) => [r.aloneAccuracy, r.distilledAccuracy]));
  const floor = Math.max(0, Math.floor(lowest * 10 - 0.001) / 10);
  const note = last
    ? `After epoch ${last.epoch}: alone ${formatAccuracy(last.aloneAccuracy)}, distilled ${formatAccuracy(last.distilledAccuracy)}`
    : 'Test accuracy on the 2,000 test digits, measured after each epoch';
  return (
    <div data-testid="distill-curves" data-epochs={history.length}>
      <ChartCard title="Test accuracy of the two students" note={note}>
        <ChartLegend items={[
          { label: 'Student alone (labels only)', colour: OKABE_ITO.vermillion },
          { label: 'Student distilled', colour: OKABE_ITO.bluishGreen },
          { label: 'Teacher', colour: OKABE_ITO.blue, dashed: true },
        ]} />
        <LineChart data={history} responsive style={{ width: '100%', height: 260 }} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis dataKey="epoch" type="number" domain={[0, Math.max(1, epochsPlanned)]} allowDecimals={false} tick={TICK}
            label={{ value: 'Epoch', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
          <YAxis domain={[floor, 1]} allowDataOverflow tick={TICK} width={52} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
          {teacherAccuracy !== null && <ReferenceLine y={teacherAccuracy} stroke={OKABE_ITO.blue} strokeDasharray="6 4" strokeWidth={2} />}
          <Line dataKey="aloneAccuracy" name="Alone" stroke={OKABE_ITO.vermillion} strokeWidth={3} isAnimationActive={false} className="distill-line-alone" />
          <Line dataKey="distilledAccuracy" name="Distilled" stroke={OKABE_ITO.bluishGreen} strokeWidth={3} isAnimationActive={false} className="distill-line-distilled" />
        </LineChart>
      </ChartCard>
    </div>
  );
}
