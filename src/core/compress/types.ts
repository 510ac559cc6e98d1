/**
 * Plain data shared by the compression modules: weights as Float32Array + shape (STYLE.md),
 * the user's plan, and what a run returns. Everything here is JSON-able except the typed arrays,
 * which comlink transfers.
 */
import type { ModelGraph } from '../model';

/** One named weight tensor, e.g. 'conv1/kernel' with shape [3, 3, 3, 32]. Same shape as tf/weights-io's NamedWeight. */
export interface WeightTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export type KMeansInit = 'linear' | 'density' | 'forgy' | 'kmeans++';

export interface PruneStage {
  kind: 'prune';
  /** Fraction of weights set to zero, 0 ≤ sparsity < 1. */
  sparsity: number;
  /** One magnitude threshold across all prunable kernels instead of one per kernel. */
  global?: boolean;
  /** Remove whole filters (L1 norm) from the graph; needs the model graph. */
  structured?: boolean;
  /** 2:4 pattern: in each group of 4 along the input-channel axis keep the 2 largest (sparsity ignored). */
  pattern24?: boolean;
}

export interface ShareStage {
  kind: 'share';
  /** Clusters, 2..256. */
  k: number;
  init?: KMeansInit;
  /** Seed for 'forgy' and 'kmeans++'. */
  seed?: number;
}

export interface QuantizeStage {
  kind: 'quantize';
  /** 1..16 integer bits, or IEEE half precision. */
  bits: number | 'float16';
  /** Symmetric (signed, no zero point) instead of affine (asymmetric). Default false. */
  symmetric?: boolean;
  /** One scale per output channel instead of one per tensor. Default false. */
  perChannel?: boolean;
}

export interface HuffmanStage { kind: 'huffman' }

export type CompressionStage = PruneStage | ShareStage | QuantizeStage | HuffmanStage;
export type StageKind = CompressionStage['kind'];

/** Per-layer override: replace some stage settings, or leave the layer alone. */
export type LayerOverride =
  | { skip: true }
  | { prune?: Partial<Omit<PruneStage, 'kind'>>; share?: Partial<Omit<ShareStage, 'kind'>>; quantize?: Partial<Omit<QuantizeStage, 'kind'>> };

/** Stages run in the user's order; Deep Compression's order is prune → share → quantize → huffman. */
export interface CompressionPlan {
  stages: CompressionStage[];
  /** Keyed by layer name (the part of a tensor name before the last '/'). */
  layers?: Record<string, LayerOverride>;
}

/** How a tensor's values are encoded after the pipeline: what the exporter can write. */
export type TensorEncoding =
  | { kind: 'float32' }
  | { kind: 'float16' }
  /** value = code · scale + min (tfjs manifest dequantization), codes in [0, 2^bits − 1]. */
  | { kind: 'affine'; bits: number; scale: number; min: number; codes: Uint16Array }
  /** Per-channel or otherwise not expressible in the tfjs manifest. */
  | { kind: 'per-channel'; bits: number; symmetric: boolean; channelAxis: number }
  /** k-means codebook of float32 centroids (zeros outside the codebook). */
  | { kind: 'codebook'; codebook: Float32Array };

/** Which storage format a tensor's size was computed in. */
export type StorageFormat = 'dense' | 'bitmask' | 'relative-index';

export interface StageBytes { name: 'original' | StageKind; bytes: number }

export interface HistogramBins {
  /** Left edge of the first bin and the bin width, in weight units. */
  min: number;
  width: number;
  counts: number[];
}

export interface LayerCompression {
  /** Layer name (the full tensor name when a layer has several kernels, e.g. SeparableConv2D). */
  name: string;
  tensor: string;
  params: number;
  /** Fraction of zeros after the pipeline, 0..1. */
  sparsity: number;
  /** Codebook size after sharing, or null when not shared. */
  clusters: number | null;
  /** Bits per stored value: 32 (float32), 16 (float16) or the quantization bits. */
  bits: number;
  /** Mean squared error between original and final weights. */
  mse: number;
  /** 10·log10(signal power / noise power); Infinity when lossless. */
  sqnrDb: number;
  bytesBefore: number;
  bytesAfter: number;
  format: StorageFormat;
  /** Magnitude threshold used by unstructured pruning (|w| ≤ threshold pruned). */
  threshold?: number;
  codebook?: number[];
  histogramBefore: HistogramBins;
  histogramAfter: HistogramBins;
  encoding: TensorEncoding;
  skipped?: string;
}

export interface CompressionTotals {
  params: number;
  bytesBefore: number;
  bytesAfter: number;
  /** bytesBefore / bytesAfter */
  ratio: number;
  /** Nonzero kernel weights / kernel weights, per layer, for effective FLOPs. */
  densityByLayer: Record<string, number>;
}

export interface CompressionResult {
  stages: StageBytes[];
  perLayer: LayerCompression[];
  /** Every input tensor (non-prunable ones unchanged), in input order; new tensors after structured pruning. */
  weights: WeightTensor[];
  totals: CompressionTotals;
  /** Notes for the user, e.g. layers skipped by structured pruning and why. */
  notes: string[];
  /** Present when structured pruning removed filters: the new graph to build and analyse. */
  structured?: StructuredChange;
}

/** The structured-pruning outcome carried by a CompressionResult (the graph changed). */
export interface StructuredChange {
  /** The model graph with fewer filters/units. */
  graph: ModelGraph;
  /** Filters removed per layer. */
  removed: Record<string, number>;
}
