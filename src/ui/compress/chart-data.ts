/**
 * Plain data for the compression charts, computed from a CompressDone (worker result).
 */
import type { HistogramBins, LayerCompression, StageBytes } from '../../core/compress/types';

export const STAGE_NAMES: Record<StageBytes['name'], string> = {
  original: 'Original',
  prune: 'Pruned',
  share: 'Shared',
  quantize: 'Quantized',
  huffman: 'Huffman',
};

export interface WaterfallStep {
  stage: string;
  /** Size after this stage, bytes. */
  bytes: number;
  /** Bytes saved by this stage (0 for the original). */
  savedBytes: number;
  /** Size before this stage ÷ size after it (1 for the original). */
  stepRatio: number;
  /** Original ÷ size after this stage. */
  cumulativeRatio: number;
}

/**
 * The waterfall: every stage's size with what it saved. Bars are drawn as an invisible base (the
 * size after) plus the saved part on top, so each step visibly "falls" from the previous one.
 */
export function waterfallSteps(stages: readonly StageBytes[]): WaterfallStep[] {
  const original = stages[0]?.bytes ?? 0;
  return stages.map((s, i) => {
    const previous = i === 0 ? s.bytes : stages[i - 1].bytes;
    return {
      stage: STAGE_NAMES[s.name],
      bytes: s.bytes,
      savedBytes: Math.max(0, previous - s.bytes),
      stepRatio: s.bytes > 0 ? previous / s.bytes : Infinity,
      cumulativeRatio: s.bytes > 0 ? original / s.bytes : Infinity,
    };
  });
}

export interface HistogramPoint {
  /** Bin centre, weight units. */
  x: number;
  before: number;
  after: number;
}

/** Plotted in place of an empty bin: below a log axis starting at 1, so the step line drops out of view there. */
export const EMPTY_BIN = 0.5;

/**
 * Before/after histograms on one numeric x axis (both are binned over the original range).
 * Empty bins become EMPTY_BIN (log(0) does not exist), so each series stays one connected step
 * line and a lone spike (a k-means centroid, the pruned zeros) is still drawn.
 */
export function histogramPoints(before: HistogramBins, after: HistogramBins): HistogramPoint[] {
  const points = new Map<number, HistogramPoint>();
  const centre = (h: HistogramBins, i: number) => Number((h.min + (i + 0.5) * h.width).toPrecision(12));
  const put = (h: HistogramBins, key: 'before' | 'after') => h.counts.forEach((count, i) => {
    const x = centre(h, i);
    const point = points.get(x) ?? { x, before: EMPTY_BIN, after: EMPTY_BIN };
    point[key] = count > 0 ? count : EMPTY_BIN;
    points.set(x, point);
  });
  put(before, 'before');
  put(after, 'after');
  return [...points.values()].sort((a, b) => a.x - b.x);
}

export interface LayerStat {
  name: string;
  /** Percent of zeros, 0..100. */
  sparsityPercent: number;
  bits: number;
  clusters: number | null;
  bytesBefore: number;
  bytesAfter: number;
}

export function layerStats(perLayer: readonly LayerCompression[]): LayerStat[] {
  return perLayer.map((l) => ({
    name: l.name,
    sparsityPercent: l.sparsity * 100,
    // A shared weight is stored as its log2 k-bit index into the codebook, whatever the codebook entries are.
    bits: l.clusters !== null ? Math.ceil(Math.log2(Math.max(2, l.clusters))) : l.bits,
    clusters: l.clusters,
    bytesBefore: l.bytesBefore,
    bytesAfter: l.bytesAfter,
  }));
}

/** Relative change in percent: −50 when `after` is half of `before`; 0 when before is 0. */
export function changePercent(before: number, after: number): number {
  return before === 0 ? 0 : ((after - before) / before) * 100;
}
