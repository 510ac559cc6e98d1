import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { formatBytes, formatCount, formatMs } from '../../core/format';
import type { CompressDone } from '../../worker/api';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { chooseUnitScale } from '../analysis/unit-scale';

interface Pair { name: string; value: number; text: string; colour: string }

function MiniBars({ title, unit, pairs }: { title: string; unit: string; pairs: Pair[] }) {
  const scale = chooseUnitScale(Math.max(...pairs.map((p) => p.value)));
  const data = pairs.map((p) => ({ ...p, scaled: p.value / scale.divisor }));
  const axisUnit = unit === 'ms' ? 'ms' : `${scale.prefix}${unit}`;
  return (
    <figure className="min-w-0">
      <figcaption className="text-center text-base font-semibold">{title}</figcaption>
      <BarChart data={data} responsive style={{ width: '100%', height: 240 }} margin={{ top: 24, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="name" tick={TICK} interval={0} />
        <YAxis tick={TICK} width={64} tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
          label={{ value: axisUnit, angle: -90, position: 'insideLeft', style: { ...AXIS_LABEL, textAnchor: 'middle' } }} />
        <Bar dataKey="scaled" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.name} fill={d.colour} />)}
          <LabelList dataKey="text" position="top" style={{ fontSize: 13, fill: '#0f172a' }} />
        </Bar>
      </BarChart>
    </figure>
  );
}

/**
 * Before/after: storage, FLOPs (dense and effective) and measured latency, each on its own axis.
 * `shown` (1..3) lets the caller mount the three charts one task apart.
 */
export function BeforeAfterBars({ result, shown = 3 }: { result: CompressDone; shown?: number }) {
  const { before, after, latency } = result;
  const beforeColour = OKABE_ITO.blue;
  const afterColour = OKABE_ITO.vermillion;
  return (
    <ChartCard title="Before and after" note="Storage falls with every stage; dense FLOPs and latency fall only when structured pruning removes filters.">
      <div className="grid grid-cols-1 gap-2 @xl:grid-cols-3">
        <MiniBars title="Weight storage" unit="B" pairs={[
          { name: 'Before', value: before.weightBytes, text: formatBytes(before.weightBytes), colour: beforeColour },
          { name: 'After', value: after.weightBytes, text: formatBytes(after.weightBytes), colour: afterColour },
        ]} />
        {shown >= 2 && <MiniBars title="FLOPs per inference" unit="FLOPs" pairs={[
          { name: 'Before', value: before.flops, text: formatCount(before.flops), colour: beforeColour },
          { name: 'Dense', value: after.denseFlops, text: formatCount(after.denseFlops), colour: afterColour },
          { name: 'Effective', value: after.effectiveFlops, text: formatCount(after.effectiveFlops), colour: OKABE_ITO.orange },
        ]} />}
        {shown < 3 ? null : latency ? (
          <MiniBars title={`Measured latency (${latency.backend})`} unit="ms" pairs={[
            { name: 'Before', value: latency.beforeMs, text: formatMs(latency.beforeMs), colour: beforeColour },
            { name: 'After', value: latency.afterMs, text: formatMs(latency.afterMs), colour: afterColour },
          ]} />
        ) : (
          <p className="self-center text-center text-slate-600">Latency was not measured.</p>
        )}
      </div>
    </ChartCard>
  );
}
