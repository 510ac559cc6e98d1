/**
 * compress(): the compression lab's job. Builds the model (imported weights when they match the
 * graph, else seeded random ones), runs the pipeline (src/core/compress), builds the compressed
 * model (a smaller graph after structured pruning), compares outputs on a probe batch, measures
 * both models' latency and writes the TF.js export. Every tfjs object is disposed.
 */
import { analyzeModel } from '../core/analyze';
import { effectiveFlops } from '../core/compress/effective-flops';
import { gzipBytes } from '../core/compress/gzip-size';
import type { CompressionPlan, CompressionResult, LayerCompression } from '../core/compress/types';
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
import type { CompressAccuracyOptions } from './digits-api';
import { CANCELLED } from './jobs';
import { refuseReason } from './run-limits';
import { WASM_URLS } from './wasm-urls';
import { importedOnnx, importedWeightsFor } from './weight-store';

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
  if (!built.ok) return failed(built.error);
  const models: LayersModel[] = [built.value];
  try {
    const original = built.value;
    const random = namedWeightsOf(original);
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
    return {
      status: 'done', cancelled: false,
      weightsSource: imported ? 'imported' : 'random',
      stages: result.stages, perLayer: result.perLayer.map(withoutCodes), totals: result.totals, notes: [...result.notes, ...onnx.notes],
      before: { weightBytes: result.totals.bytesBefore, params: report.report.totals.params, flops: report.report.totals.flops },
      after: {
        weightBytes: result.totals.bytesAfter,
        params: after.report.totals.params,
        denseFlops: after.report.totals.flops,
        effectiveFlops: effectiveFlops(after.report, result.totals.densityByLayer).effectiveFlops,
      },
      graph: compressedGraph,
      fidelity: { relativeError: fidelity.relativeError, top1Agreement: fidelity.top1Agreement, probeBatch: fidelity.samples },
      accuracy: piped.accuracy, accuracyNote: piped.accuracyNote,
      latency,
      export: exported,
      onnxExport: onnx.exported,
    };
  } finally {
    for (const model of models) model.dispose();
  }
}

/**
 * The per-layer record without its quantization codes: the UI never reads them, and copying
 * one code per weight to the main thread (8 MB for MobileNetV1) would cost it a long task.
 */
function withoutCodes(layer: LayerCompression): LayerCompression {
  if (layer.encoding.kind !== 'affine') return layer;
  return { ...layer, encoding: { ...layer.encoding, codes: new Uint16Array(0) } };
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

/** gzip size of one file with the browser's native CompressionStream (zlib's default level, as the CLI's node:zlib). */
async function gzipSizeInBrowser(data: Uint8Array): Promise<number> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip')).getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return bytes;
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

/**
 * For weights imported from an .onnx file: the same file with the compressed weights in place
 * (src/core/onnx/write-compressed.ts), or why there is none.
 */
async function onnxExportOf(result: CompressionResult): Promise<{ exported: CompressedExport | null; notes: string[] }> {
  const held = importedOnnx();
  if (held === null) return { exported: null, notes: [] };
  if (result.structured) {
    return { exported: null, notes: ['No .onnx export: structured pruning changed the layers\' shapes, which the ONNX file keeps as they were. Prune without removing whole filters to get a compressed .onnx.'] };
  }
  const { writeCompressedOnnx } = await import('../core/onnx/write-compressed');
  const written = writeCompressedOnnx(held.model, held.imported.weights, result);
  if (!written.ok) return { exported: null, notes: [`No .onnx export: ${written.error.message}`] };
  const bytes = written.value.bytes;
  const name = `${held.fileName.replace(/\.onnx$/i, '')}.compressed.onnx`;
  return {
    exported: {
      files: [{ name, data: exactBuffer(bytes) }],
      fileBytes: bytes.byteLength,
      gzipBytes: await gzipBytes([bytes], gzipSizeInBrowser),
      notes: written.value.notes,
      sourceBytes: held.fileBytes,
    },
    notes: [],
  };
}

/** The bytes of a view as an ArrayBuffer of exactly that length (transferable). */
function exactBuffer(view: Uint8Array): ArrayBuffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) return view.buffer;
  return view.slice().buffer as ArrayBuffer;
}
