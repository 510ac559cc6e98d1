/**
 * "Analyse sensitivity" (issue 9): each prunable layer of the trained model pruned alone (0..99 %)
 * and quantized alone (8..2 bits), test accuracy at each point, one chart per kind; "Use these
 * results" sets the plan's per-layer sparsity to the highest one at which the layer alone loses
 * at most the given percentage points.
 */
import { useState } from 'react';
import type { ModelGraph } from '../../core/model';
import { DEFAULT_MAX_ACCURACY_LOSS, pruningOverridesFromSensitivity } from '../../core/sensitivity/overrides';
import { useFlopLab } from '../../state/store';
import { trainedWeightsSettled } from '../../state/trained-weights';
import { getWorker, progressProxy } from '../../state/worker-client';
import type { SensitivityResult } from '../../worker/api';
import { Button } from '../common/button';
import { NumberField } from '../common/number-field';
import { JobProgressBar } from '../measure/progress-bar';
import { useWorkerJob } from '../measure/use-worker-job';
import { SensitivityChart } from './sensitivity-chart';

interface Analysis { graph: ModelGraph; prune: SensitivityResult; quantize: SensitivityResult | null }

export function SensitivityPanel({ graph, onUseSparsities }: { graph: ModelGraph; onUseSparsities(sparsityByLayer: Record<string, number>): void }) {
  const [maxLossPoints, setMaxLossPoints] = useState(DEFAULT_MAX_ACCURACY_LOSS * 100);
  const [applied, setApplied] = useState<string | null>(null);
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const job = useWorkerJob<Analysis>('sensitivity');
  const analyse = () => {
    setApplied(null);
    void job.start(async (jobId, onProgress) => {
      await trainedWeightsSettled();
      // Each kind fills half of the bar; the callback crosses to the worker, so it goes through comlink's proxy.
      const half = (offset: number) => progressProxy((p) => onProgress({ ...p, fraction: offset + p.fraction / 2 }));
      const prune = await getWorker().sensitivity(graph, { jobId, kind: 'prune', pixelScale }, half(0));
      if (prune.status !== 'done') return { graph, prune, quantize: null };
      const quantize = await getWorker().sensitivity(graph, { jobId, kind: 'quantize', pixelScale }, half(0.5));
      return { graph, prune, quantize };
    });
  };
  const result = job.result;
  const failed = [result?.prune, result?.quantize].find((r) => r?.status === 'failed' || r?.status === 'no-weights');
  const use = () => {
    if (result?.prune.status !== 'done' || result.prune.report.kind !== 'prune') return;
    const overrides = pruningOverridesFromSensitivity(result.prune.report, maxLossPoints / 100);
    if (!overrides.ok) return;
    const sparsities = Object.fromEntries(Object.entries(overrides.value).map(([name, o]) => [name, 'prune' in o ? o.prune?.sparsity ?? 0 : 0]));
    onUseSparsities(sparsities);
    const list = Object.entries(sparsities).map(([name, s]) => `${name} ${Math.round(s * 100)} %`).join(', ');
    setApplied(`Per-layer sparsity set from the analysis: ${list}.`);
  };
  return (
    <section aria-labelledby="sensitivity-heading" className="flex flex-col gap-3 rounded-md border border-slate-300 p-3">
      <h3 id="sensitivity-heading" className="text-lg font-semibold">Per-layer sensitivity</h3>
      <p className="text-slate-700">
        Prunes each layer alone to 0–99 % and quantizes it alone to 8–2 bits, the rest untouched and no retraining, and
        measures test accuracy: the layers that barely notice can be compressed harder.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Button onClick={analyse} disabled={job.running}>Analyse sensitivity</Button>
        <NumberField label="Max accuracy loss (pp)" value={maxLossPoints} rule={{ min: 0, max: 100 }} onCommit={(v) => v !== null && setMaxLossPoints(v)} className="w-48" />
        <Button onClick={use} disabled={result?.prune.status !== 'done' || result.graph !== graph}>Use these results</Button>
      </div>
      {job.running && job.progress && <JobProgressBar label="Analysing sensitivity" progress={job.progress} onCancel={job.cancel} />}
      {job.cancelled && <p role="status" className="text-slate-700">Sensitivity analysis cancelled.</p>}
      {job.crash && <p role="alert" className="text-error">The worker failed: {job.crash}</p>}
      {failed?.status === 'no-weights' && <p role="alert" className="text-error">The worker holds no trained weights for this model: train it first.</p>}
      {failed?.status === 'failed' && <p role="alert" className="text-error">Cannot analyse: {failed.error.message}</p>}
      {applied && <p role="status" className="text-slate-800" data-testid="sensitivity-applied">{applied}</p>}
      {result && result.graph !== graph && <p role="status" className="text-amber-900">These results are for an earlier version of the model.</p>}
      <div className="grid gap-3 @3xl:grid-cols-2">
        {result?.prune.status === 'done' && <SensitivityChart report={result.prune.report} />}
        {result?.quantize?.status === 'done' && <SensitivityChart report={result.quantize.report} />}
      </div>
    </section>
  );
}
