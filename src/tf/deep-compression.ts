/**
 * "Reproduce Deep Compression" (issue 8), shared by the worker and the CLI recipe: Han et al.
 * 2016's pipeline on the trained LeNet-300-100 (src/core/compress/deep-compression-recipe.ts):
 * prune (in two steps: 70 % of the way, retrain, then all the way) to the paper's per-layer
 * densities and retrain with the masks fixed, share with 64
 * clusters and retrain the centroids, Huffman-code; sizes in the sparse relative-index format
 * with Huffman-coded indices and cluster ids plus codebooks (core storage), accuracy on the
 * fixed 2,000 test digits after every stage, the written tfjs files' size beside it.
 */
import type * as tf from '@tensorflow/tfjs';
import { DEEP_COMPRESSION_DENSITY, DEEP_COMPRESSION_PAPER, deepCompressionPlan, deepCompressionPrunePlan } from '../core/compress/deep-compression-recipe';
import type { StageKind } from '../core/compress/types';
import { fail, ok, type Result } from '../core/result';
import { compressWithAccuracy, finalAccuracyOf, type CompressAccuracyProgress, type RetrainSettings, type StageAccuracy } from './compress-retrain';
import type { DigitsTensors } from './digits-data';
import { exportLayersModel, exportTensorsOf, namedWeightsOf, setNamedWeights, topologyOf, type ExportedModel } from './export-model';

export interface DeepCompressionOptions {
  /**
   * Iterative pruning (Han et al. 2015 §3.5): first prune to this fraction of the paper's
   * sparsity in every layer and retrain `prePruneEpochs`, then to the paper's densities. 0: prune
   * once. Default DEEP_COMPRESSION_DEFAULTS.prePruneFraction.
   */
  prePruneFraction?: number;
  prePruneEpochs?: number;
  /** Epochs of retraining after pruning (default DEEP_COMPRESSION_DEFAULTS.pruneEpochs). */
  pruneEpochs?: number;
  /** Epochs of centroid retraining after sharing (default DEEP_COMPRESSION_DEFAULTS.shareEpochs). */
  shareEpochs?: number;
  /** Retraining after pruning (default DEEP_COMPRESSION_DEFAULTS.pruneRetrain). */
  pruneRetrain?: Partial<RetrainSettings>;
  /** Centroid retraining (default DEEP_COMPRESSION_DEFAULTS.shareRetrain). */
  shareRetrain?: Partial<RetrainSettings>;
  onProgress?: (p: CompressAccuracyProgress) => void;
  signal?: AbortSignal;
}

/**
 * Tuned on this project's LeNet-300-100 (public/models/lenet-300-100-digits) so the recipe keeps
 * accuracy within 0.5 pp in about a minute of 2-core CPU (wasm backend); see README.
 */
export const DEEP_COMPRESSION_DEFAULTS = {
  prePruneFraction: 0.7,
  prePruneEpochs: 2,
  pruneEpochs: 2,
  shareEpochs: 1,
  /** The training's own settings (SGD momentum 0.05, batch 32): pruning cut deep, recovery needs the full step. */
  pruneRetrain: { optimizer: 'sgd', learningRate: 0.05, batchSize: 32, seed: 1 } satisfies RetrainSettings,
  /** Centroids move by the sum of their weights' gradients: a tenth of the step. */
  shareRetrain: { optimizer: 'sgd', learningRate: 0.005, batchSize: 32, seed: 1 } satisfies RetrainSettings,
};

export interface DeepCompressionStage {
  name: 'original' | StageKind;
  /** Bytes of all weights in the storage format after the stage (core storage). */
  bytes: number;
  /** Test accuracy after the stage and its retraining, 0..1. */
  accuracy: number;
  /** Test accuracy right after the stage, before its retraining (absent when not retrained). */
  accuracyBeforeRetraining?: number;
}

export interface DeepCompressionReport {
  before: { bytes: number; accuracy: number };
  after: { bytes: number; accuracy: number };
  /** Dense float32 bytes / compressed storage bytes (the paper's ratio). */
  ratio: number;
  stages: DeepCompressionStage[];
  /** Nonzero kernel weights / kernel weights per layer after the recipe. */
  densityByLayer: Record<string, number>;
  /** Bytes of the written tfjs weights file (dense manifest: larger than the storage format). */
  fileBytes: number;
  /** The compressed model as tfjs model.json + weights (loadable by tf.loadLayersModel). */
  exported: ExportedModel;
  paper: typeof DEEP_COMPRESSION_PAPER;
}

/**
 * Runs the recipe on `model` (a trained LeNet-300-100: layers fc1, fc2, output), which ends
 * up holding the compressed weights. Another model is an error value; cancel is
 * { ok: false, error: { code: 'cancelled' } } with the model's weights restored.
 */
export async function reproduceDeepCompression(
  model: tf.LayersModel, data: DigitsTensors, options: DeepCompressionOptions = {},
): Promise<Result<DeepCompressionReport>> {
  const missing = Object.keys(DEEP_COMPRESSION_DENSITY).find((name) => !model.layers.some((l) => l.name === name && l.getClassName() === 'Dense'));
  if (missing) {
    return fail({ code: 'invalid-value', layer: missing, message: `Deep Compression recipe: Expected LeNet-300-100 with Dense layers fc1, fc2 and output, but layer '${missing}' is missing.` });
  }
  const d = DEEP_COMPRESSION_DEFAULTS;
  const pruneRetrain = { ...d.pruneRetrain, ...options.pruneRetrain };
  const fraction = options.prePruneFraction ?? d.prePruneFraction;
  const preEpochs = fraction > 0 ? options.prePruneEpochs ?? d.prePruneEpochs : 0;
  const pruneEpochs = options.pruneEpochs ?? d.pruneEpochs;
  const shareEpochs = options.shareEpochs ?? d.shareEpochs;
  // Progress: a stage or an epoch is one unit, across both runs.
  const preUnits = fraction > 0 ? 1 + preEpochs : 0;
  const units = preUnits + 3 + pruneEpochs + shareEpochs;
  const scaled = (offset: number, span: number) => (p: CompressAccuracyProgress) => options.onProgress?.({ ...p, fraction: (offset + p.fraction * span) / units });
  const original = namedWeightsOf(model);
  const restore = <T>(r: Result<T>) => { setNamedWeights(model, original); return r; };

  let preStage: StageAccuracy | undefined;
  let beforeAccuracy: number | undefined;
  if (fraction > 0) {
    const pre = await compressWithAccuracy(model, data, deepCompressionPrunePlan(fraction), {
      retrainEpochs: preEpochs, retrain: pruneRetrain, onProgress: scaled(0, preUnits), signal: options.signal,
    });
    if (!pre.ok) return restore(pre);
    preStage = pre.value.stages[1];
    beforeAccuracy = pre.value.before.accuracy;
  }
  const plan = deepCompressionPlan();
  const run = await compressWithAccuracy(model, data, plan, {
    retrainEpochs: 0,
    stageRetrain: plan.stages.map((s) => {
      if (s.kind === 'prune') return { ...pruneRetrain, epochs: pruneEpochs };
      if (s.kind === 'share') return { ...d.shareRetrain, ...options.shareRetrain, epochs: shareEpochs };
      return undefined;
    }),
    onProgress: scaled(preUnits, units - preUnits),
    signal: options.signal,
  });
  if (!run.ok) return restore(run);
  const r = run.value;
  const exported = exportLayersModel(topologyOf(model), exportTensorsOf(r.compression));
  const [first, ...rest] = r.stages;
  const stages = [{ ...first, accuracy: beforeAccuracy ?? first.accuracy }, ...(preStage ? [preStage] : []), ...rest];
  const before = { bytes: first.bytes, accuracy: stages[0].accuracy };
  return ok({
    before,
    after: r.after,
    ratio: before.bytes / r.after.bytes,
    stages: stages.map((s) => ({
      name: s.name, bytes: s.bytes, accuracy: finalAccuracyOf(s),
      ...(s.accuracyRetrained !== undefined ? { accuracyBeforeRetraining: s.accuracy } : {}),
    })),
    densityByLayer: r.compression.totals.densityByLayer,
    fileBytes: exported.fileBytes,
    exported,
    paper: DEEP_COMPRESSION_PAPER,
  });
}
