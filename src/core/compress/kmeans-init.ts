/**
 * Initial centroids for 1-D k-means on a sorted array (Han et al., "Deep Compression", ICLR 2016,
 * §3.1 compares Forgy, density-based and linear; linear works best because it keeps the few large
 * weights, which matter most, in their own clusters).
 */
import type { KMeansInit } from './types';
import { mulberry32 } from './rng';

/** k-means++ seeding looks at most this many values (evenly spaced quantiles of the sorted data). */
const KMEANS_PP_SAMPLE = 65_536;

/** Returns k initial centroids, ascending. `sorted` must be sorted ascending and non-empty. */
export function initialCentroids(sorted: Float32Array, k: number, init: KMeansInit, seed: number): Float64Array {
  const c = pick(sorted, k, init, seed);
  return c.sort();
}

function pick(sorted: Float32Array, k: number, init: KMeansInit, seed: number): Float64Array {
  const n = sorted.length;
  const c = new Float64Array(k);
  if (init === 'linear') {
    // Evenly spaced between min and max.
    const lo = sorted[0];
    const hi = sorted[n - 1];
    for (let j = 0; j < k; j++) c[j] = k === 1 ? lo : lo + ((hi - lo) * j) / (k - 1);
  } else if (init === 'density') {
    // Evenly spaced on the CDF's y-axis (quantile midpoints (j + ½)/k), mapped back to weights.
    for (let j = 0; j < k; j++) c[j] = sorted[Math.min(n - 1, Math.floor(((j + 0.5) / k) * n))];
  } else if (init === 'forgy') {
    // k distinct weights drawn at random (partial Fisher–Yates over indices).
    const rand = mulberry32(seed);
    const chosen = new Map<number, number>();
    for (let j = 0; j < k; j++) {
      const r = j + Math.floor(rand() * (n - j));
      const atR = chosen.get(r) ?? r;
      chosen.set(r, chosen.get(j) ?? j);
      c[j] = sorted[atR % n];
    }
  } else {
    return kmeansPlusPlus(sorted, k, seed);
  }
  return c;
}

/** Arthur & Vassilvitskii (2007): each next centroid drawn with probability ∝ squared distance to the nearest chosen one. */
function kmeansPlusPlus(sorted: Float32Array, k: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const m = Math.min(sorted.length, KMEANS_PP_SAMPLE);
  const sample = new Float64Array(m);
  for (let i = 0; i < m; i++) sample[i] = sorted[Math.floor(((i + 0.5) * sorted.length) / m)];
  const c = new Float64Array(k);
  c[0] = sample[Math.floor(rand() * m)];
  const d2 = new Float64Array(m).fill(Infinity);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < m; i++) {
      const d = sample[i] - c[j - 1];
      if (d * d < d2[i]) d2[i] = d * d;
      total += d2[i];
    }
    let r = rand() * total;
    let chosen = m - 1;
    for (let i = 0; i < m; i++) {
      r -= d2[i];
      if (r < 0) { chosen = i; break; }
    }
    c[j] = sample[chosen];
  }
  return c;
}
