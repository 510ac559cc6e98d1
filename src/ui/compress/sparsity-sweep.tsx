/**
 * "Sweep sparsity" (issue 8): accuracy vs sparsity of the trained model, pruned without and with
 * retraining, as one chart — the picture of Han et al. 2015, Fig. 5. The worker first times an
 * evaluation and a few training steps and says how long the whole sweep will take here.
 */
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { ModelGraph } from '../../core/model';
import { useFlopLab } from '../../state/store';
import { trainedWeightsSettled } from '../../state/trained-weights';
import { getWorker, progressProxy } from '../../state/worker-client';
import type { SweepJobProgress, SweepResult } from '../../worker/api';
import { AXIS_LABEL, ChartCard, TICK } from '../analysis/chart-frame';
import { OKABE_ITO } from '../analysis/palette';
import { Button } from '../common/button';
import { formatAccuracy } from '../common/format-accuracy';
import { NumberField } from '../common/number-field';
import { JobProgressBar } from '../measure/progress-bar';
import { useWorkerJob } from '../measure/use-worker-job';
import { DEFAULT_RETRAIN_FORM } from './accuracy-fields';
import { ChartLegend } from './chart-legend';

export function SparsitySweep({ graph }: { graph: ModelGraph }) {
  const [epochs, setEpochs] = useState(1);
  const [estimateMs, setEstimateMs] = useState<number | null>(null);
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const job = useWorkerJob<SweepResult>('sweep');
  const sweep = () => {
    setEstimateMs(null);
    void job.start(async (jobId, onProgress) => {
      await trainedWeightsSettled();
      return getWorker().sweep(graph, { jobId, retrainEpochs: epochs, learningRate: DEFAULT_RETRAIN_FORM.learningRate, pixelScale }, progressProxy((p: SweepJobProgress) => {
        if (p.estimateMs !== undefined) setEstimateMs(p.estimateMs);
        onProgress(p);
      }));
    });
  };
  const result = job.result;
  return (
    <section aria-labelledby="sweep-heading" className="flex flex-col gap-3 rounded-md border border-slate-300 p-3">
      <h3 id="sweep-heading" className="text-lg font-semibold">Accuracy vs sparsity</h3>
      <p className="text-slate-700">
        Prunes the trained weights to 0, 50, 70, 80, 90, 95, 98 and 99 % and measures test accuracy without and with
        retraining (the mask fixed; SGD with momentum on the 8,000 training digits), as in Han et al. 2015, Fig. 5. The sweep first times this browser and says how long it will take.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <NumberField label="Retraining epochs per point" value={epochs} rule={{ integer: true, min: 0, max: 20 }} onCommit={(v) => setEpochs(v ?? 1)} className="w-56" />
        <Button onClick={sweep} disabled={job.running}>Sweep sparsity</Button>
      </div>
      {job.running && job.progress && <JobProgressBar label="Sweeping sparsity" progress={job.progress} onCancel={job.cancel} />}
      {job.running && estimateMs !== null && (
        <p role="status" className="text-slate-800" data-testid="sweep-estimate" data-value={estimateMs}>This sweep takes about {Math.max(1, Math.round(estimateMs / 1000))} s in this browser.</p>
      )}
      {job.cancelled && <p role="status" className="text-slate-700">Sweep cancelled.</p>}
      {result && result.status === 'no-weights' && <p role="alert" className="text-error">The worker holds no trained weights for this model: train it first.</p>}
      {result && result.status === 'failed' && <p role="alert" className="text-error">Cannot sweep: {result.error.message}</p>}
      {result && result.status === 'done' && <SweepChart result={result} />}
    </section>
  );
}

function SweepChart({ result }: { result: Extract<SweepResult, { status: 'done' }> }) {
  const data = result.points.map((p) => ({ sparsity: p.sparsity * 100, accuracy: p.accuracy, retrained: p.accuracyRetrained }));
  const retrained = result.retrainEpochs > 0;
  return (
    <ChartCard title="Test accuracy vs sparsity" note={`Trained model ${formatAccuracy(result.baseline)}; swept in ${result.seconds.toFixed(0)} s (${result.backend}).`}>
      <ChartLegend items={[
        { label: 'Pruned, not retrained', colour: OKABE_ITO.vermillion },
        ...(retrained ? [{ label: `Pruned and retrained (${result.retrainEpochs} epoch${result.retrainEpochs === 1 ? '' : 's'})`, colour: OKABE_ITO.bluishGreen }] : []),
      ]} />
      <LineChart data={data} responsive style={{ width: '100%', height: 280 }} margin={{ top: 8, right: 16, bottom: 28, left: 8 }} data-testid="sweep-chart">
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="sparsity" type="number" domain={[0, 100]} ticks={[0, 50, 70, 80, 90, 95, 99]} tick={TICK}
          label={{ value: 'Weights removed (%)', position: 'insideBottom', offset: -18, style: AXIS_LABEL }} />
        <YAxis domain={[0, 1]} tick={TICK} width={52} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} />
        <Line dataKey="accuracy" stroke={OKABE_ITO.vermillion} strokeWidth={3} isAnimationActive={false} />
        {retrained && <Line dataKey="retrained" stroke={OKABE_ITO.bluishGreen} strokeWidth={3} isAnimationActive={false} />}
      </LineChart>
      <table className="mt-2 w-full max-w-xl text-left text-sm tabular-nums" data-testid="sweep-table">
        <caption className="sr-only">Test accuracy at each sparsity</caption>
        <thead><tr><th className="pr-3">Sparsity</th><th className="pr-3">Not retrained</th><th>Retrained</th></tr></thead>
        <tbody>
          {result.points.map((p) => (
            <tr key={p.sparsity}><th scope="row" className="pr-3 font-medium">{Math.round(p.sparsity * 100)} %</th><td className="pr-3">{formatAccuracy(p.accuracy)}</td><td>{p.accuracyRetrained === null ? '—' : formatAccuracy(p.accuracyRetrained)}</td></tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  );
}
