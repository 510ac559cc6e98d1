/**
 * compress(): the compression lab's job. Builds the model (imported weights when they match the
 * graph, else seeded random ones), runs the pipeline (src/core/compress), builds the compressed
 * model (a smaller graph after structured pruning), compares outputs on a probe batch, measures
 * both models' latency and writes the TF.js export (and, for an ONNX import, the .onnx). Every
 * tfjs object is disposed. An ONNX import tfjs cannot build is compressed without tfjs
 * (compress-without-tf.ts).
 */
import { analyzeModel } from '../core/analyze';
import { gzipBytes } from '../core/compress/gzip-size';
import type { CompressionPlan, CompressionResult } from '../core/compress/types';
import { digitsFit } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import type { FlopLabError } from '../core/result';
import { buildTfModel } from '../tf/build-model';
import { exportLayersModel, exportTensorsOf, namedWeightsOf, setNamedWeights, topologyOf } from '../tf/export-model';
import { selectBackend } from '../tf/backend';
import { measureFidelityStepped } from '../tf/fidelity';
import { median, timePredict, yieldToEventLoop } from '../tf/measure';
import type { CompressedExport, CompressResult, JobCancelled, LatencyBeforeAfter, ProgressCallback } from './api';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { runPipelineStep } from './compress-accuracy';
import { compressDoneOf } from './compress-done';
import { exactBuffer, gzipSizeInBrowser, onnxExportOf } from './compressed-onnx-export';
import { compressWithoutTf } from './compress-without-tf';
import type { CompressAccuracyOptions } from './digits-api';
import { CANCELLED } from './jobs';
import { refuseReason } from './run-limits';
import { WASM_URLS } from './wasm-urls';
import { heldWeightsPending, importedWeightsFor } from './weight-store';

const SEED = 42;
const LATENCY_RUNS = 5;
const LATENCY_WARMUP = 2;
const LATENCY_BUDGET_MS = 15_000;

type LayersModel = Extract<ReturnType<typeof buildTfModel>, { ok: true }>['value'];

const failed = (error: FlopLabError): CompressResult => ({ status: 'failed', cancelled: false, error });

export async function compressGraph(
  graph: ModelGraph, plan: CompressionPlan, signal: AbortSignal, onProgress?: ProgressCallback, accuracyOptions?: CompressAccuracyOptions,
): Promise<CompressResult | JobCancelled> {
  const report = analyzeModel(graph);
  if (!report.ok) return failed(report.errors[0]);
  const reason = refuseReason(report.report);
  if (reason !== null) return { status: 'refused', cancelled: false, reason };
  const progress = (fraction: number, message: string) => onProgress?.({ fraction, message });

  progress(0, 'Starting TensorFlow.js…');
  // A digits model retrained after its stages (compress-accuracy.ts) needs a backend that can train it.
  const retrains = (accuracyOptions?.retrainEpochs ?? 0) > 0 && digitsFit(graph).ok;
  const backend = await selectBackend(retrains ? 'training' : 'inference', { graph, wasmUrls: WASM_URLS });
  progress(0.02, 'Building the model…');
  expectBusyFor(ONE_STEP_GRACE_MS);
  const built = buildTfModel(graph, { seed: SEED });
  if (!built.ok) {
    const withoutTf = await compressWithoutTf({ graph, before: report.report, plan, signal, progress, buildError: built.error });
    return withoutTf ?? failed(built.error);
  }
  const models: LayersModel[] = [built.value];
  try {
    const original = built.value;
    const random = namedWeightsOf(original);
    // An ONNX import's weights are put in Keras layout on first use, in one synchronous step.
    if (heldWeightsPending()) expectBusyFor(ONE_STEP_GRACE_MS);
    const imported = importedWeightsFor(random.map((w) => ({ name: w.name, shape: w.shape })));
    if (imported) setNamedWeights(original, imported);
    const weights = imported ?? random;
    await yieldToEventLoop();
    if (signal.aborted) return CANCELLED;

    const piped = await runPipelineStep({
      graph, model: original, weights, trained: imported !== null, plan, options: accuracyOptions, signal,
      onProgress: (f, message) => progress(0.05 + 0.55 * f, message),
    });
    if (piped === 'cancelled') return CANCELLED;
    if ('code' in piped) return failed(piped);
    const result = piped.result;
    const compressedGraph = result.structured?.graph ?? graph;
    const after = analyzeModel(compressedGraph);
    if (!after.ok) return failed(after.errors[0]);

    progress(0.62, 'Building the compressed model…');
    expectBusyFor(ONE_STEP_GRACE_MS);
    const builtAfter = buildTfModel(compressedGraph, { seed: SEED });
    if (!builtAfter.ok) return failed(builtAfter.error);
    const compressed = builtAfter.value;
    models.push(compressed);
    setNamedWeights(compressed, result.weights);

    progress(0.66, 'Comparing outputs on a probe batch…');
    // One probe sample per predict, yielding between them: the worker keeps answering heartbeats.
    // The first predict of each model prepares its weights in one call: announced.
    let firstPredicts = 2;
    const fidelity = await measureFidelityStepped(original, compressed, {
      batch: 8, seed: SEED, samplesPerStep: 1, signal,
      betweenSteps: async () => {
        await yieldToEventLoop();
        if (firstPredicts-- > 0) expectBusyFor(ONE_STEP_GRACE_MS);
      },
    });
    if (fidelity === null) return CANCELLED;

    const latency = await measureBoth(original, compressed, backend, signal, (f, what) => progress(0.7 + 0.25 * f, what));
    if (latency === 'cancelled') return CANCELLED;

    progress(0.96, 'Writing the TensorFlow.js export…');
    await yieldToEventLoop();
    if (signal.aborted) return CANCELLED;
    const exported = await exportFiles(compressed, result);
    const onnx = imported ? await onnxExportOf(result) : { exported: null, notes: [] };
    progress(1, 'Done');
    return compressDoneOf({
      before: report.report, after: after.report, result, graph: compressedGraph, weightsSource: imported ? 'imported' : 'random',
      notes: onnx.notes,
      fidelity: { relativeError: fidelity.relativeError, top1Agreement: fidelity.top1Agreement, probeBatch: fidelity.samples },
      accuracy: piped.accuracy, accuracyNote: piped.accuracyNote,
      latency, exported, onnxExport: onnx.exported,
    });
  } finally {
    for (const model of models) model.dispose();
  }
}

/**
 * Median batch-1 latency of the original and the compressed model, on the same backend. Runs
 * alternate (original, compressed, original, …) after both are warmed up, so a busy machine
 * slows both alike instead of whichever model happened to run during the busy spell.
 */
async function measureBoth(
  original: LayersModel, compressed: LayersModel, backend: string, signal: AbortSignal,
  onProgress: (fraction: number, message: string) => void,
): Promise<LatencyBeforeAfter | 'cancelled'> {
  const models = [original, compressed];
  const names = ['original', 'compressed'];
  const times: number[][] = [[], []];
  const steps = 2 * (LATENCY_WARMUP + LATENCY_RUNS);
  let done = 0;
  for (const [i, model] of models.entries()) {
    const warm = await timePredict(model, { runs: 0, warmup: LATENCY_WARMUP, seed: SEED, signal });
    if (warm.cancelled) return 'cancelled';
    done += LATENCY_WARMUP;
    onProgress(done / steps, `Warming up the ${names[i]} model (${backend})…`);
  }
  const started = performance.now();
  for (let run = 0; run < LATENCY_RUNS; run++) {
    for (const [i, model] of models.entries()) {
      const timed = await timePredict(model, { runs: 1, warmup: 0, seed: SEED, signal });
      if (timed.cancelled) return 'cancelled';
      times[i].push(...timed.timesMs);
      onProgress(++done / steps, `Timing original and compressed models in turn (${backend}), run ${run + 1} of ${LATENCY_RUNS}…`);
    }
    if (run >= 2 && performance.now() - started > LATENCY_BUDGET_MS) break;
  }
  return { backend, beforeMs: median(times[0]), afterMs: median(times[1]), runs: times[0].length };
}

/** model.json + weights file as transferable ArrayBuffers, with their gzip size. */
async function exportFiles(compressed: LayersModel, result: CompressionResult): Promise<CompressedExport> {
  const exported = exportLayersModel(topologyOf(compressed), exportTensorsOf(result));
  const modelJson = new TextEncoder().encode(JSON.stringify(exported.modelJson));
  const files = [
    { name: 'model.json', bytes: modelJson },
    ...exported.weightFiles.map((f) => ({ name: f.name, bytes: f.data })),
  ];
  return {
    files: files.map((f) => ({ name: f.name, data: exactBuffer(f.bytes) })),
    fileBytes: files.reduce((sum, f) => sum + f.bytes.byteLength, 0),
    gzipBytes: await gzipBytes(files.map((f) => f.bytes), gzipSizeInBrowser),
    notes: exported.reasons,
  };
}
