import { useEffect, useRef, useState } from 'react';
import type { CompressionPlan } from '../../core/compress/types';
import type { ModelGraph } from '../../core/model';
import { useTrained } from '../../state/accuracy-selectors';
import { useFlopLab } from '../../state/store';
import { trainedWeightsSettled } from '../../state/trained-weights';
import { getWorker } from '../../state/worker-client';
import type { CompressDone, CompressResult } from '../../worker/api';
import { Button } from '../common/button';
import { JobProgressBar } from '../measure/progress-bar';
import { useWorkerJob } from '../measure/use-worker-job';
import { AccuracyFields, DEFAULT_RETRAIN_FORM, type RetrainForm } from './accuracy-fields';
import { CompressionResults } from './compression-results';
import { DeepCompressionPanel } from './deep-compression-panel';
import { OverridesTable } from './overrides-table';
import { PlanControls } from './plan-controls';
import { SensitivityPanel } from './sensitivity-panel';
import { SparsitySweep } from './sparsity-sweep';
import { defaultPlanForm, formProblem, planFromForm, type PlanForm } from './plan-form';

export interface CompressionLabProps {
  graph: ModelGraph;
}

/** Overrides for layers that no longer exist (another model was loaded) are dropped. */
function planForGraph(form: PlanForm, graph: ModelGraph): CompressionPlan {
  const plan = planFromForm(form);
  if (!plan.layers) return plan;
  const names = new Set(graph.layers.map((l) => l.name));
  const layers = Object.fromEntries(Object.entries(plan.layers).filter(([name]) => names.has(name)));
  return Object.keys(layers).length > 0 ? { ...plan, layers } : { stages: plan.stages };
}

/** The overrides with each layer's sparsity (a fraction) set as a percentage; other fields kept. */
function withSparsities(overrides: PlanForm['overrides'], sparsities: Record<string, number>): PlanForm['overrides'] {
  const next = { ...overrides };
  for (const [name, s] of Object.entries(sparsities)) {
    next[name] = { ...(name in next ? next[name] : { skip: false, clusters: null, bits: null }), sparsityPercent: Math.round(s * 1000) / 10 };
  }
  return next;
}

/**
 * The compression lab (issue 4): prune, share and quantize the model's weights in the worker,
 * in the user's stage order, and see size, FLOPs, latency and fidelity before and after.
 */
export function CompressionLab({ graph }: CompressionLabProps) {
  const [form, setForm] = useState<PlanForm>(defaultPlanForm);
  const [retrain, setRetrain] = useState<RetrainForm>(DEFAULT_RETRAIN_FORM);
  // Bumped when "Use these results" fills the overrides: the table's cells are uncontrolled.
  const [overridesVersion, setOverridesVersion] = useState(0);
  const trained = useTrained();
  const pixelScale = useFlopLab((s) => s.pixelScale);
  const job = useWorkerJob<{ graph: ModelGraph; result: CompressResult }>('compress');
  const problem = formProblem(form);

  const compress = () => {
    const compressedGraph = graph;
    const plan = planForGraph(form, graph);
    const accuracy = { retrainEpochs: retrain.retrainEpochs, trainLimit: retrain.trainLimit, learningRate: retrain.learningRate, pixelScale };
    void job.start(async (jobId, onProgress) => {
      await trainedWeightsSettled();
      return { graph: compressedGraph, result: await getWorker().compress(compressedGraph, plan, jobId, onProgress, accuracy) };
    });
  };
  const outcome = job.result;
  return (
    <section aria-labelledby="compress-heading" className="@container flex flex-col gap-4">
      <div>
        <h2 id="compress-heading" className="text-2xl font-semibold">Compression lab</h2>
        <p className="text-slate-700">
          Prune, share (k-means) and quantize the weights of <strong>{graph.name}</strong> in a background worker,
          then compare size, FLOPs, measured latency and output fidelity. Imported weights are used when the model
          came with them; otherwise seeded random weights.
        </p>
      </div>
      <PlanControls form={form} onChange={setForm} />
      {trained && <AccuracyFields form={retrain} onChange={setRetrain} />}
      <OverridesTable key={`${graph.layers.map((l) => l.name).join('|')}#${overridesVersion}`} graph={graph} form={form} onChange={setForm} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" className="px-6 py-2 text-lg" onClick={compress} disabled={job.running || problem !== null}>Compress</Button>
        {problem && <p role="alert" className="text-error">{problem}</p>}
      </div>
      {job.running && job.progress && <JobProgressBar label="Compressing" progress={job.progress} onCancel={job.cancel} />}
      {job.cancelled && <p role="status" className="text-slate-700">Compression cancelled.</p>}
      {job.crash && <p role="alert" className="text-error">The worker failed: {job.crash}</p>}
      {outcome && <Outcome result={outcome.result} stale={outcome.graph !== graph} />}
      {trained && <SparsitySweep graph={graph} />}
      {trained && (
        <SensitivityPanel graph={graph} onUseSparsities={(sparsities) => {
          setForm((f) => ({ ...f, overrides: withSparsities(f.overrides, sparsities) }));
          setOverridesVersion((v) => v + 1);
        }} />
      )}
      {trained && <DeepCompressionPanel graph={graph} />}
    </section>
  );
}

function Outcome({ result, stale }: { result: CompressResult; stale: boolean }) {
  if (result.status === 'cancelled') return <p role="status" className="text-slate-700">Compression cancelled.</p>;
  if (result.status === 'refused') return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot compress this model in the browser: {result.reason}</p>;
  if (result.status === 'failed') return <p role="alert" className="rounded-md bg-error-light p-2 text-error">Cannot compress: {result.error.message}</p>;
  return <DoneOutcome result={result} stale={stale} />;
}

/** Results sit below the plan, out of sight on most screens: bring each new result into view. */
function DoneOutcome({ result, stale }: { result: CompressDone; stale: boolean }) {
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [result]);
  return (
    <>
      <div ref={top} className="scroll-mt-2" />
      {stale && (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-amber-900">
          These results are for an earlier version of the model; press Compress again to update them.
        </p>
      )}
      <CompressionResults result={result} />
    </>
  );
}
