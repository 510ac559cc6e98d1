/**
 * The shape of a cost analysis: what `analyzeModel` (src/core/analyze.ts) returns.
 * Counting rules: docs/counting.md. Every layer's counts are exact integers (no rounding); a
 * total past 2^53 may not be, and then says so (`approximate`).
 */
import type { LayerType, Shape } from './model';
import type { FlopLabError } from './result';

/** Which FLOPs convention: the lecture's default, or detailed (bias, BN, activations, …). */
export type FlopConvention = 'default' | 'detailed';

/**
 * A figure with the formula that produced it, so the UI can show
 * "K·K·Cin × Hout·Wout·Cout = 3·3·64 × 56·56·128 = 231,211,008".
 * `symbolic` and `substituted` are plain text with · and × ; `latex` is the whole equation
 * "symbolic = substituted = value" for KaTeX (e.g. "K \cdot K \cdot C_{in} \times … = 3 \cdot 3 … = 231{,}211{,}008").
 * A figure that is a sum of parts (SeparableConv2D) lists them in `parts`.
 */
export interface Formula {
  symbolic: string;
  substituted: string;
  latex: string;
  value: number;
  parts?: { label: string; formula: Formula }[];
}

export interface LayerCost {
  name: string;
  type: LayerType;
  /** Keras class name (for imports of unknown types, the original class name). */
  className: string;
  inputShapes: Shape[];
  outputShape: Shape;
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  macs: number;
  /** FLOPs under the report's convention. */
  flops: number;
  weightBytes: number;
  /** Output elements × 4. */
  activationBytes: number;
  formulas: { params: Formula; macs: Formula; flops: Formula };
  /** Non-fatal notes, e.g. an unknown layer type counted as zero cost. */
  warnings: string[];
}

export interface CostTotals {
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  macs: number;
  flops: number;
  weightBytes: number;
  /** Sum of every layer's output bytes. */
  activationBytes: number;
  /** Largest sum of tensors alive at once along the execution order (input included). */
  peakActivationBytes: number;
  /**
   * Present (true) when a total passed 2^53 and is the nearest float64 to the exact sum, not the
   * exact sum itself: show it as "≈". Absent when every total is exact.
   */
  approximate?: true;
}

export interface CostReport {
  name: string;
  convention: FlopConvention;
  inputShape: Shape;
  outputShape: Shape;
  layers: LayerCost[];
  totals: CostTotals;
  warnings: string[];
}

export interface AnalyzeOptions {
  convention?: FlopConvention;   // default 'default'
  bytesPerWeight?: number;       // default 4 (float32)
}

/** Every error found (one per broken layer where possible), so the UI can mark each layer. */
export type AnalyzeResult = { ok: true; report: CostReport } | { ok: false; errors: FlopLabError[] };

/** A device for latency estimates. Every figure carries its source. */
export interface DevicePreset {
  id: string;               // kebab-case, e.g. 'raspberry-pi-4', used by --device and in URLs
  name: string;
  peakGflops: number;       // peak FP32 GFLOPS (a rate)
  bandwidthGBs: number;     // memory bandwidth in GB/s (1 GB = 1e9 bytes)
  peakSource: string;       // where peakGflops comes from (vendor spec, measurement, how derived)
  bandwidthSource: string;
}

export interface LayerLatency {
  name: string;
  naiveMs: number;
  computeMs: number;
  memoryMs: number;
  /** max(computeMs, memoryMs) */
  rooflineMs: number;
  bytesMoved: number;
  bound: 'compute' | 'memory' | 'none';
}

export interface LatencyReport {
  naiveMs: number;
  rooflineMs: number;
  layers: LayerLatency[];
  /** Set when the device figures are unusable (zero, negative, NaN): all times are then 0. */
  error?: FlopLabError;
}
