/**
 * The compression lab's form, as plain data, and its translation into the pipeline's
 * CompressionPlan. Percent and "bits" fields are what the user types; the plan takes fractions.
 */
import type { CompressionPlan, CompressionStage, KMeansInit, LayerOverride, StageKind } from '../../core/compress/types';
import type { LayerSpec, ModelGraph } from '../../core/model';

export type PruneMode = 'per-layer' | 'global' | 'structured' | '2:4';
export type QuantScheme = 'affine' | 'symmetric' | 'float16';

/** A per-layer override row; null fields follow the model-wide setting. */
export interface LayerOverrideForm {
  skip: boolean;
  sparsityPercent: number | null;
  clusters: number | null;
  bits: number | null;
}

export interface PlanForm {
  /** Stage order (the user's); Deep Compression's is prune → share → quantize → huffman. */
  order: StageKind[];
  enabled: Record<StageKind, boolean>;
  sparsityPercent: number;
  pruneMode: PruneMode;
  clusters: number;
  init: KMeansInit;
  bits: number;
  scheme: QuantScheme;
  perChannel: boolean;
  overrides: Record<string, LayerOverrideForm>;
}

export const STAGE_LABELS: Record<StageKind, string> = {
  prune: 'Prune',
  share: 'Share (k-means)',
  quantize: 'Quantize',
  huffman: 'Huffman code',
};

export const DEEP_COMPRESSION_ORDER: StageKind[] = ['prune', 'share', 'quantize', 'huffman'];

export function defaultPlanForm(): PlanForm {
  return {
    order: [...DEEP_COMPRESSION_ORDER],
    enabled: { prune: true, share: true, quantize: true, huffman: true },
    sparsityPercent: 50,
    pruneMode: 'per-layer',
    clusters: 16,
    init: 'linear',
    bits: 8,
    scheme: 'affine',
    perChannel: false,
    overrides: {},
  };
}

/** Moves the stage at `index` by `delta` places (±1), clamped to the list. */
export function moveStage(order: readonly StageKind[], index: number, delta: number): StageKind[] {
  const target = index + delta;
  if (target < 0 || target >= order.length) return [...order];
  const next = [...order];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** Layers whose kernels compression touches (the ones the overrides table lists). */
export function compressibleLayers(graph: ModelGraph): LayerSpec[] {
  const kinds = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Dense']);
  return graph.layers.filter((l) => kinds.has(l.type));
}

function stageOf(kind: StageKind, form: PlanForm): CompressionStage {
  switch (kind) {
    case 'prune':
      return {
        kind: 'prune',
        sparsity: form.sparsityPercent / 100,
        ...(form.pruneMode === 'global' ? { global: true } : {}),
        ...(form.pruneMode === 'structured' ? { structured: true } : {}),
        ...(form.pruneMode === '2:4' ? { pattern24: true } : {}),
      };
    case 'share':
      return { kind: 'share', k: form.clusters, init: form.init, seed: 42 };
    case 'quantize':
      return form.scheme === 'float16'
        ? { kind: 'quantize', bits: 'float16' }
        : { kind: 'quantize', bits: form.bits, symmetric: form.scheme === 'symmetric', perChannel: form.perChannel };
    case 'huffman':
      return { kind: 'huffman' };
  }
}

function overrideOf(row: LayerOverrideForm, form: PlanForm): LayerOverride | null {
  if (row.skip) return { skip: true };
  const override: Exclude<LayerOverride, { skip: true }> = {};
  if (row.sparsityPercent !== null && form.enabled.prune) override.prune = { sparsity: row.sparsityPercent / 100 };
  if (row.clusters !== null && form.enabled.share) override.share = { k: row.clusters };
  if (row.bits !== null && form.enabled.quantize && form.scheme !== 'float16') override.quantize = { bits: row.bits };
  return Object.keys(override).length > 0 ? override : null;
}

/** The pipeline plan: enabled stages in the user's order, plus the overrides that change anything. */
export function planFromForm(form: PlanForm): CompressionPlan {
  const stages = form.order.filter((kind) => form.enabled[kind]).map((kind) => stageOf(kind, form));
  const layers: Record<string, LayerOverride> = {};
  for (const [name, row] of Object.entries(form.overrides)) {
    const override = overrideOf(row, form);
    if (override) layers[name] = override;
  }
  return Object.keys(layers).length > 0 ? { stages, layers } : { stages };
}

/** Why the form cannot run, or null: at least one stage, values in range. */
export function formProblem(form: PlanForm): string | null {
  if (!form.order.some((kind) => form.enabled[kind])) return 'Choose at least one stage.';
  const structured = form.enabled.prune && form.pruneMode === 'structured';
  if (structured && form.order.indexOf('prune') > Math.min(...form.order.filter((k) => k !== 'prune' && k !== 'huffman' && form.enabled[k]).map((k) => form.order.indexOf(k)))) {
    return 'Structured pruning removes filters from the graph, so it must come before sharing and quantization.';
  }
  return null;
}
