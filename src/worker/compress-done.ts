/**
 * The compress job's answer to the main thread, from what the job measured: the same shape
 * whether tfjs ran the model (fidelity, latency, TF.js export) or could not (an ONNX import
 * with a layer tfjs has not: those are null and a note says why).
 */
import { effectiveFlops } from '../core/compress/effective-flops';
import type { CompressionResult, LayerCompression } from '../core/compress/types';
import type { CostReport } from '../core/cost-types';
import type { ModelGraph } from '../core/model';
import type { CompressDone, CompressedExport, FidelityReport, LatencyBeforeAfter } from './api';
import type { CompressAccuracy } from './digits-api';

export interface DoneParts {
  /** Analyses of the model before and after compression (after: the structured graph, if any). */
  before: CostReport;
  after: CostReport;
  result: CompressionResult;
  /** The compressed graph: the structured one when filters were removed, else the input. */
  graph: ModelGraph;
  weightsSource: CompressDone['weightsSource'];
  /** Notes beside the pipeline's own. */
  notes: string[];
  fidelity: FidelityReport | null;
  latency: LatencyBeforeAfter | null;
  accuracy?: CompressAccuracy | null;
  accuracyNote?: string;
  exported: CompressedExport | null;
  onnxExport: CompressedExport | null;
}

/** The CompressDone of one run. */
export function compressDoneOf(p: DoneParts): CompressDone {
  const { result } = p;
  return {
    status: 'done', cancelled: false,
    weightsSource: p.weightsSource,
    stages: result.stages, perLayer: result.perLayer.map(withoutCodes), totals: result.totals, notes: [...result.notes, ...p.notes],
    before: { weightBytes: result.totals.bytesBefore, params: p.before.totals.params, flops: p.before.totals.flops },
    after: {
      weightBytes: result.totals.bytesAfter,
      params: p.after.totals.params,
      denseFlops: p.after.totals.flops,
      effectiveFlops: effectiveFlops(p.after, result.totals.densityByLayer).effectiveFlops,
    },
    graph: p.graph,
    fidelity: p.fidelity,
    accuracy: p.accuracy, accuracyNote: p.accuracyNote,
    latency: p.latency,
    export: p.exported,
    onnxExport: p.onnxExport,
  };
}

/**
 * The per-layer record without its quantization codes: the UI never reads them, and copying
 * one code per weight to the main thread (8 MB for MobileNetV1) would cost it a long task.
 */
function withoutCodes(layer: LayerCompression): LayerCompression {
  if (layer.encoding.kind !== 'affine') return layer;
  return { ...layer, encoding: { ...layer.encoding, codes: new Uint16Array(0) } };
}
