/**
 * Weight sharing by 1-D k-means (Han et al., "Deep Compression", ICLR 2016, §3): each nonzero
 * weight is replaced by its cluster's centroid; zeros left by pruning stay zero and take no part
 * in clustering (so a pruned, shared kernel has at most k + 1 distinct values).
 *
 * Why it is fast: in one dimension every cluster of a Lloyd step is a contiguous run of the
 * sorted weights, bounded by the midpoints between neighbouring centroids. So we sort once
 * (O(n log n)), build prefix sums, and each Lloyd iteration is k binary searches plus k
 * subtractions: O(k log n), independent of n. Lloyd runs to convergence (no boundary moves).
 */
import type { KMeansInit } from './types';
import { initialCentroids } from './kmeans-init';
import { radixSortFloat32 } from './radix-sort';

export interface KMeansOptions {
  /** Clusters, 2..256. */
  k: number;
  init?: KMeansInit;
  seed?: number;
  maxIterations?: number;
}

export interface KMeansResult {
  /** Centroids, ascending (float32). Fewer than k when there are fewer distinct nonzero weights. */
  codebook: Float32Array;
  /** Codebook index of each weight; meaningful only where the weight is nonzero (zeros hold 0). */
  indices: Uint8Array;
  /** The shared weights: codebook[indices[i]], or 0 where the input was 0. */
  shared: Float32Array;
  /** Within-cluster sum of squared errors over the nonzero weights. */
  sse: number;
  iterations: number;
}

/** Clusters the nonzero values of `data` into at most k shared values. See the file comment. */
export function clusterWeights(data: Float32Array, options: KMeansOptions): KMeansResult {
  const { k, init = 'linear', seed = 1, maxIterations = 300 } = options;
  const sorted = radixSortFloat32(data, true);
  if (sorted.length === 0) {
    return { codebook: new Float32Array(0), indices: new Uint8Array(data.length), shared: new Float32Array(data.length), sse: 0, iterations: 0 };
  }
  const distinct = distinctValues(sorted, k);
  let iterations = 0;
  let centroids: Float64Array;
  if (distinct) {
    centroids = distinct; // already at most k values: sharing is lossless
  } else {
    const fit = lloyd(sorted, initialCentroids(sorted, k, init, seed), maxIterations);
    centroids = fit.centroids;
    iterations = fit.iterations;
  }
  const codebook = Float32Array.from(centroids);
  return { codebook, ...assign(data, codebook), iterations };
}

/** The distinct values of a sorted array if there are at most k of them, else null. */
function distinctValues(sorted: Float32Array, k: number): Float64Array | null {
  const values: number[] = [sorted[0]];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] !== sorted[i - 1]) {
      values.push(sorted[i]);
      if (values.length > k) return null;
    }
  }
  return Float64Array.from(values);
}

/** Index of the first element ≥ x in sorted[lo, hi). */
function lowerBound(sorted: Float32Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lloyd's algorithm on sorted data with prefix sums. A cluster left empty at convergence (linear
 * initialisation puts centroids in the gap pruning leaves around zero) is moved to the weight
 * farthest from its centroid and Lloyd resumes, as scikit-learn does; this only lowers the error.
 * Clusters still empty at the end are dropped.
 */
function lloyd(sorted: Float32Array, start: Float64Array, maxIterations: number): { centroids: Float64Array; iterations: number } {
  const n = sorted.length;
  const k = start.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sorted[i];
  const c = Float64Array.from(start);
  const bounds = new Int32Array(k + 1);
  const previous = new Int32Array(k + 1).fill(-1);
  bounds[k] = n;
  let iterations = 0;
  let relocations = 2 * k;
  for (; iterations < maxIterations; iterations++) {
    // Cluster j is sorted[bounds[j], bounds[j+1]): values nearer c[j] than its neighbours.
    for (let j = 1; j < k; j++) bounds[j] = lowerBound(sorted, (c[j - 1] + c[j]) / 2, bounds[j - 1], n);
    if (bounds.every((b, j) => b === previous[j])) {
      if (relocations-- <= 0 || !relocateEmptyCluster(sorted, c, bounds)) break;
      previous.fill(-1);
      continue;
    }
    previous.set(bounds);
    for (let j = 0; j < k; j++) {
      const count = bounds[j + 1] - bounds[j];
      if (count > 0) c[j] = (prefix[bounds[j + 1]] - prefix[bounds[j]]) / count;
    }
  }
  const kept: number[] = [];
  for (let j = 0; j < k; j++) if (bounds[j + 1] > bounds[j]) kept.push(c[j]);
  return { centroids: Float64Array.from(kept), iterations };
}

/** Moves one empty cluster's centroid onto the weight farthest from its own centroid; false if none can move. */
function relocateEmptyCluster(sorted: Float32Array, c: Float64Array, bounds: Int32Array): boolean {
  const k = c.length;
  let empty = -1;
  let farthest = 0;
  let value = 0;
  for (let j = 0; j < k; j++) {
    if (bounds[j + 1] === bounds[j]) { empty = j; continue; }
    const low = sorted[bounds[j]];
    const high = sorted[bounds[j + 1] - 1];
    if (c[j] - low > farthest) { farthest = c[j] - low; value = low; }
    if (high - c[j] > farthest) { farthest = high - c[j]; value = high; }
  }
  if (empty < 0 || farthest === 0) return false;
  c[empty] = value;
  c.sort();
  return true;
}

/** Nearest-centroid assignment of every nonzero weight (binary search over the midpoints). */
function assign(data: Float32Array, codebook: Float32Array): { indices: Uint8Array; shared: Float32Array; sse: number } {
  const k = codebook.length;
  const mids = new Float64Array(Math.max(0, k - 1));
  for (let j = 0; j + 1 < k; j++) mids[j] = (codebook[j] + codebook[j + 1]) / 2;
  const indices = new Uint8Array(data.length);
  const shared = new Float32Array(data.length);
  let sse = 0;
  for (let i = 0; i < data.length; i++) {
    const w = data[i];
    if (w === 0) continue;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w < mids[mid]) hi = mid;
      else lo = mid + 1;
    }
    indices[i] = lo;
    shared[i] = codebook[lo];
    const d = w - codebook[lo];
    sse += d * d;
  }
  return { indices, shared, sse };
}
