/**
 * The run's figures (issue 9's UI contract): teacher, student alone, student distilled and the
 * gap recovered, each with data-value as a fraction (the gap empty when undefined), and the
 * button that keeps the distilled student as the current model.
 */
import type { DistillDone } from '../../worker/api';
import { Button } from '../common/button';
import { formatAccuracy } from '../common/format-accuracy';

function Figure({ testId, label, value, text }: { testId: string; label: string; value: number | null; text: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums text-slate-900" data-testid={testId} data-value={value === null ? '' : String(value)}>{text}</dd>
    </div>
  );
}

export function DistillResults({ result, keeping, onKeep }: { result: DistillDone; keeping: boolean; onKeep(): void }) {
  const gap = result.gapRecovered;
  return (
    <section aria-labelledby="distill-results-heading" className="flex flex-col gap-3">
      <h3 id="distill-results-heading" className="text-lg font-semibold">Results</h3>
      <dl className="grid gap-3 sm:grid-cols-2 @3xl:grid-cols-4">
        <Figure testId="teacher-accuracy" label="Teacher" value={result.teacherAccuracy} text={formatAccuracy(result.teacherAccuracy)} />
        <Figure testId="student-alone-accuracy" label="Student alone" value={result.aloneAccuracy} text={formatAccuracy(result.aloneAccuracy)} />
        <Figure testId="student-distilled-accuracy" label="Student distilled" value={result.distilledAccuracy} text={formatAccuracy(result.distilledAccuracy)} />
        <Figure testId="gap-recovered" label="Gap recovered" value={gap}
          text={gap === null ? 'undefined — the teacher is no better than the student alone' : `${(gap * 100).toFixed(0)} %`} />
      </dl>
      <p className="text-sm text-slate-700">
        Gap recovered = (distilled − alone) / (teacher − alone): below 0 when distillation hurt, above 100 % when the
        distilled student beat the teacher. Run on {result.backend} in {result.seconds.toFixed(1)} s.
      </p>
      <div>
        <Button onClick={onKeep} disabled={keeping}>Keep the distilled student</Button>
        <span className="ml-3 text-sm text-slate-600">Makes it the current model, weights and all (Undo brings back the one before).</span>
      </div>
    </section>
  );
}
