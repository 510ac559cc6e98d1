/**
 * Magnitude pruning on Float32Array (Han et al., "Learning both Weights and Connections", 2015):
 * the weights of smallest |w| become zero.
 *
 * Exactness convention: a target sparsity s on n weights zeroes exactly zerosForSparsity(s, n) =
 * ceil(s·n) weights (never fewer, so "--prune 0.5 leaves at least 50% zeros"). Ties at the
 * threshold are broken by position (earlier index pruned first), so the count is exact even when
 * many weights share a magnitude. Weights that are already zero count towards the target; if there
 * are more of them than the target, they stay zero (pruning never un-zeroes).
 */
import { elementCount } from '../shapes/tensor-shapes';
import { kthSmallestMagnitude, zerosForSparsity } from './select';

export interface PruneOutcome {
  data: Float32Array;
  /** Largest |w| pruned (weights with |w| < threshold all pruned, ties by position); 0 when nothing pruned. */
  threshold: number;
  zeros: number;
}

/** Prunes one tensor to exactly ceil(sparsity·n) zeros (see file comment). sparsity in [0, 1). */
export function pruneByMagnitude(data: Float32Array, sparsity: number): PruneOutcome {
  const [outcome] = pruneGlobally([data], sparsity);
  return outcome;
}

/**
 * One magnitude threshold across several tensors (global pruning): exactly ceil(s·N) zeros over
 * all N weights, so per-tensor sparsity differs (layers with small weights lose more).
 * Ties broken by tensor order, then position.
 */
export function pruneGlobally(tensors: Float32Array[], sparsity: number): PruneOutcome[] {
  const total = tensors.reduce((s, t) => s + t.length, 0);
  const target = zerosForSparsity(sparsity, total);
  if (target === 0) return tensors.map((t) => ({ data: Float32Array.from(t), threshold: 0, zeros: countZeros(t) }));
  const { value: threshold, below } = kthSmallestMagnitude(tensors, target - 1);
  let tiesLeft = target - below;
  return tensors.map((t) => {
    const out = new Float32Array(t.length);
    let zeros = 0;
    for (let i = 0; i < t.length; i++) {
      const v = t[i];
      const m = v < 0 ? -v : v;
      if (m < threshold || (m === threshold && tiesLeft > 0 && tiesLeft--)) zeros++;
      else if (v === 0) zeros++; // an already-zero weight beyond the target stays zero and counts
      else out[i] = v;
    }
    return { data: out, threshold, zeros };
  });
}

/**
 * 2:4 semi-structured sparsity (NVIDIA Ampere sparse tensor cores): along the input-channel axis
 * (axis rank − 2 of a kernel: Cin of Conv2D [kh, kw, Cin, Cout], In of Dense [In, Out]) each group
 * of 4 consecutive weights keeps its 2 largest |w|. A trailing group shorter than 4 keeps
 * min(2, its length), so sparsity is 50% when that axis is a multiple of 4 and less otherwise.
 * Ties keep the earlier weight. Rank-1 tensors use axis 0.
 */
export function prune24(data: Float32Array, shape: number[]): Float32Array {
  const axis = Math.max(0, shape.length - 2);
  const axisLen = shape[axis] ?? data.length;
  const inner = elementCount(shape.slice(axis + 1));
  const outer = data.length / (axisLen * inner);
  const out = Float32Array.from(data);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < inner; c++) {
      const base = o * axisLen * inner + c;
      for (let g = 0; g < axisLen; g += 4) zeroAllButTwo(out, base, g, Math.min(4, axisLen - g), inner);
    }
  }
  return out;
}

function zeroAllButTwo(out: Float32Array, base: number, start: number, len: number, stride: number): void {
  if (len <= 2) return;
  const idx = [0, 1, 2, 3].slice(0, len).map((j) => base + (start + j) * stride);
  // Stable sort by descending magnitude: ties keep the earlier weight.
  const order = idx.slice().sort((a, b) => Math.abs(out[b]) - Math.abs(out[a]) || a - b);
  for (const i of order.slice(2)) out[i] = 0;
}

/** How many values are exactly zero (±0). */
export function countZeros(data: Float32Array): number {
  let z = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) z++;
  return z;
}
