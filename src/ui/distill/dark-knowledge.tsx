/**
 * "Dark knowledge" (Hinton et al. 2015): for a few test digits, the teacher's softmax at T = 1 and
 * at the run's T, as bars. At T = 1 nearly all mass sits on one class; at higher T the small
 * probabilities (a 7 that looks a bit like a 1) become visible: that is what the soft labels carry.
 */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { DarkKnowledgeDigit } from '../../worker/api';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { ChartLegend } from '../compress/chart-legend';

const percent = (p: number) => `${(p * 100).toFixed(1)} %`;
/** The log axis starts here: probabilities below it (and exact zeros, which a log scale cannot draw) sit at its floor. */
const FLOOR = 1e-4;
const onLog = (p: number) => Math.max(FLOOR, p);
const tickOf = (v: number) => (v >= 0.01 ? `${Math.round(v * 100)}%` : `${v * 100}%`);

export function DarkKnowledge({ digits, temperature }: { digits: DarkKnowledgeDigit[]; temperature: number }) {
  if (digits.length === 0) return null;
  return (
    <section aria-labelledby="dark-knowledge-heading" className="flex flex-col gap-2" data-testid="dark-knowledge">
      <h3 id="dark-knowledge-heading" className="text-lg font-semibold">Dark knowledge</h3>
      <p className="text-slate-700">
        The teacher&apos;s softmax for a few test digits, at T = 1 and at T = {temperature}. The soft labels the
        distilled student learns from are the second: the classes the teacher finds a little similar show up.
        The axis is logarithmic, so probabilities of a fraction of a percent stay visible.
      </p>
      <ChartLegend items={[{ label: 'T = 1', colour: OKABE_ITO.blue }, { label: `T = ${temperature}`, colour: OKABE_ITO.orange }]} />
      <div className="grid gap-3 @xl:grid-cols-2">
        {digits.map((d) => {
          const data = d.atOne.map((p, k) => ({ digit: String(k), atOne: onLog(p), atT: onLog(d.atTemperature[k] ?? 0), rawOne: p, rawT: d.atTemperature[k] ?? 0 }));
          const top = [...data].sort((a, b) => b.rawT - a.rawT).slice(0, 3).map((x) => `${x.digit}: ${percent(x.rawOne)} → ${percent(x.rawT)}`).join('; ');
          return (
            <ChartCard key={d.index} title={`Test digit #${d.index}, a ${d.label}`} note={`Largest at T = ${temperature}: ${top}`}>
              <BarChart data={data} responsive style={{ width: '100%', height: 170 }} margin={{ top: 8, right: 8, bottom: 24, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="digit" tick={TICK} label={{ value: 'Class', position: 'insideBottom', offset: -14, style: AXIS_LABEL }} />
                <YAxis scale="log" domain={[FLOOR, 1]} allowDataOverflow ticks={[1e-4, 1e-3, 0.01, 0.1, 1]} tick={TICK} width={56} tickFormatter={tickOf} />
                <Bar dataKey="atOne" name="T = 1" fill={OKABE_ITO.blue} isAnimationActive={false} />
                <Bar dataKey="atT" name={`T = ${temperature}`} fill={OKABE_ITO.orange} isAnimationActive={false} />
              </BarChart>
            </ChartCard>
          );
        })}
      </div>
    </section>
  );
}
