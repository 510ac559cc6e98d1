/**
 * The compress job for an ONNX import that TensorFlow.js cannot build (a layer FlopLab maps to a
 * zero-cost 'Unknown' layer: EfficientNet's gating Mul, ShuffleNet's Slice, Resize, …): the plan
 * runs on the held ONNX weights without tfjs, as the CLI does (src/cli/compress-onnx.ts), and the
 * compressed .onnx is written. The output comparison, the latency and the TF.js export need a
 * model tfjs can run: they are null, and a note says why.
 */
import { analyzeModel } from '../core/analyze';
import { runPipeline } from '../core/compress/pipeline';
import type { CompressionPlan } from '../core/compress/types';
import { expectedWeights } from '../core/compress/weight-shapes';
import { yieldToEventLoop } from '../core/compress/yield';
import type { CostReport } from '../core/cost-types';
import type { NamedWeight } from '../core/import/weights-manifest';
import type { ModelGraph } from '../core/model';
import type { FlopLabError } from '../core/result';
import type { CompressResult, JobCancelled } from './api';
import { STAGE_VERBS } from './compress-accuracy';
import { compressDoneOf } from './compress-done';
import { onnxExportOf } from './compressed-onnx-export';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { CANCELLED } from './jobs';
import { heldWeights, heldWeightsPending, importedOnnx, matchWeights } from './weight-store';

export interface WithoutTfArgs {
  graph: ModelGraph;
  /** The engine's analysis of `graph`. */
  before: CostReport;
  plan: CompressionPlan;
  signal: AbortSignal;
  progress(fraction: number, message: string): void;
  /** Why buildTfModel refused `graph`. */
  buildError: FlopLabError;
}

/**
 * Compresses the held ONNX weights of `graph` without tfjs. Null when the held weights are not an
 * ONNX import's or do not fit `graph` (edited since the import): the build error stands then.
 */
export async function compressWithoutTf(args: WithoutTfArgs): Promise<CompressResult | JobCancelled | null> {
  const { graph, plan, signal, progress } = args;
  if (importedOnnx() === null) return null;
  progress(0.04, 'Reading the ONNX weights…');
  // Turning every weight into Keras layout is one synchronous step (~300 ms for ResNet-50).
  if (heldWeightsPending()) expectBusyFor(ONE_STEP_GRACE_MS);
  const weights = onnxWeightsOf(graph);
  if (weights === null) return null;
  await yieldToEventLoop();
  if (signal.aborted) return CANCELLED;

  const piped = await runPipeline(weights, plan, {
    signal, onProgress: (f, stage) => progress(0.05 + 0.85 * f, `${STAGE_VERBS[stage] ?? stage}…`),
  }, { graph });
  if (!piped.ok) return piped.error.code === 'cancelled' ? CANCELLED : { status: 'failed', cancelled: false, error: piped.error };
  const result = piped.value;
  const compressedGraph = result.structured?.graph ?? graph;
  const after = analyzeModel(compressedGraph);
  if (!after.ok) return { status: 'failed', cancelled: false, error: after.errors[0] };

  progress(0.92, 'Writing the compressed .onnx…');
  await yieldToEventLoop();
  if (signal.aborted) return CANCELLED;
  const onnx = await onnxExportOf(result);
  progress(1, 'Done');
  return compressDoneOf({
    before: args.before, after: after.report, result, graph: compressedGraph, weightsSource: 'imported',
    notes: [...onnx.notes, whyNotMeasured(graph, args.buildError, onnx.exported !== null)],
    fidelity: null, latency: null, accuracy: null, exported: null, onnxExport: onnx.exported,
  });
}

/**
 * Every held ONNX weight, when each weight the engine expects of `graph` is among them with its
 * shape and each held weight belongs to a layer of `graph`; else null.
 */
function onnxWeightsOf(graph: ModelGraph): NamedWeight[] | null {
  const held = heldWeights();
  const expected = expectedWeights(graph);
  if (held === null || !expected.ok || matchWeights(held, expected.value) === null) return null;
  const layers = new Set(graph.layers.map((l) => l.name));
  const sources = importedOnnx()?.imported.weights ?? [];
  return sources.every((s) => layers.has(s.layer)) ? held : null;
}

/** The note that says why fidelity, latency and the TF.js export are missing. */
function whyNotMeasured(graph: ModelGraph, error: FlopLabError, onnxWritten: boolean): string {
  const unknown = graph.layers.filter((l) => l.type === 'Unknown');
  const named = unknown.find((l) => l.name === error.layer) ?? unknown[0];
  const others = unknown.length - 1;
  const what = named?.type === 'Unknown'
    ? `TensorFlow.js cannot run layer '${named.name}' (${named.className})${others > 0 ? ` or ${others} other unmapped layer${others > 1 ? 's' : ''}` : ''}`
    : `TensorFlow.js cannot build this model (${error.message.replace(/\.$/, '')})`;
  return `${what}, so the output comparison and latency are not measured and there is no TF.js export${onnxWritten ? '; the .onnx is written.' : '.'}`;
}
