/**
 * The Train tab (issue 8): train the current model on the digits in the worker, or continue
 * training it, with live loss and accuracy curves, a progress bar and Cancel. A model the digits
 * do not fit gets the core's sentence why (its cost views still work).
 */
import { useMemo, useState } from 'react';
import { digitsFit } from '../../core/digits/fit';
import type { ModelGraph } from '../../core/model';
import { useTrained } from '../../state/accuracy-selectors';
import { useFlopLab } from '../../state/store';
import { useTrainingJob } from '../../state/training-job';
import type { TrainResult } from '../../worker/api';
import { Button } from '../common/button';
import { formatAccuracy } from '../common/format-accuracy';
import { JobProgressBar } from '../measure/progress-bar';
import { TrainFields } from './train-fields';
import { DEFAULT_TRAIN_FORM, trainFormProblem, trainOptionsOf, type TrainForm } from './train-form';
import { TrainingCurves } from './training-curves';
import { WeightsActions } from './weights-actions';

export function TrainPanel({ graph }: { graph: ModelGraph }) {
  const fit = useMemo(() => digitsFit(graph), [graph]);
  return (
    <section aria-labelledby="train-heading" className="@container flex flex-col gap-4">
      <div>
        <h2 id="train-heading" className="text-2xl font-semibold">Train on the digits</h2>
        <p className="text-slate-700">
          Train <strong>{graph.name}</strong> on real handwritten digits (MNIST, 8,000 for training and 2,000 for
          testing, a fixed split) in a background worker; the page stays usable. The trained weights are used by
          Compress and show their test accuracy in the totals.
        </p>
      </div>
      {fit.ok ? <TrainJob graph={graph} /> : (
        <p role="note" className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">
          {fit.error.message} The digits need one input of 28×28×1, 784 or 32×32×1 and 10 outputs. The cost views
          (Analysis, Compare, Compress with random weights) still work for this model.
        </p>
      )}
    </section>
  );
}

function TrainJob({ graph }: { graph: ModelGraph }) {
  const [form, setForm] = useState<TrainForm>(DEFAULT_TRAIN_FORM);
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const trained = useTrained();
  const job = useTrainingJob();
  const problem = trainFormProblem(form);

  const train = () => {
    void job.start(graph, { train: trainOptionsOf(form), pixelScale, fromScratch: form.fromScratch || trained === null });
  };

  const canContinue = trained !== null && !form.fromScratch;
  return (
    <>
      <TrainFields form={form} onChange={setForm} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" className="px-6 py-2 text-lg" onClick={train} disabled={job.running || problem !== null}>Train</Button>
        <span className="text-sm text-slate-700">
          {canContinue ? `Continues from the current weights (test accuracy ${formatAccuracy(trained.accuracy)}).` : 'Starts from seeded random weights.'}
        </span>
        {problem && <p role="alert" className="text-error">{problem}</p>}
      </div>
      {job.running && job.progress && <JobProgressBar label="Training" progress={job.progress} onCancel={job.cancel} />}
      {job.cancelled && <p role="status" className="text-slate-700">Training cancelled: the weights are as they were before.</p>}
      {job.crash && <p role="alert" className="text-error">The worker failed: {job.crash}</p>}
      {job.finished && !job.running && <Outcome result={job.finished.result} stale={job.finished.graph !== graph} />}
      {(job.running || job.curves.batches.length > 0) && <TrainingCurves data={job.curves} epochsPlanned={job.epochsPlanned} />}
      <WeightsActions graph={graph} />
    </>
  );
}

function Outcome({ result, stale }: { result: TrainResult; stale: boolean }) {
  if (result.status === 'cancelled') return null;
  if (result.status === 'refused') return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot train this model in the browser: {result.reason}</p>;
  if (result.status === 'failed') return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot train: {result.error.message}</p>;
  const epochs = result.history.length;
  return (
    <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-950 ring-1 ring-emerald-200" data-testid="train-result">
      Trained {epochs} epoch{epochs === 1 ? '' : 's'} on {result.trainDigits.toLocaleString('en-US')} digits
      {result.startedFrom === 'trained' ? ', continuing from the previous weights' : ' from random weights'}, in{' '}
      {result.seconds.toFixed(1)} s ({result.backend}): test accuracy{' '}
      <strong data-testid="train-accuracy" data-value={result.accuracy}>{formatAccuracy(result.accuracy)}</strong> on{' '}
      {result.examples.toLocaleString('en-US')} test digits.
      {stale && ' The model has changed since: these weights belong to the earlier version.'}
    </p>
  );
}
