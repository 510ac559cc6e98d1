import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { clusterWeights } from './kmeans';
import { seededNormal } from './rng';
import { radixSortFloat32 } from './radix-sort';
import { initialCentroids } from './kmeans-init';
import type { KMeansInit } from './types';

const INITS: KMeansInit[] = ['linear', 'density', 'forgy', 'kmeans++'];
const weights = fc.array(fc.oneof(fc.constant(0), fc.float({ noNaN: true, noDefaultInfinity: true, min: -5, max: 5 })), { minLength: 1, maxLength: 400 }).map((a) => Float32Array.from(a));

function distinct(a: Float32Array): Set<number> {
  return new Set(Array.from(a));
}

function normalWeights(n: number, seed: number): Float32Array {
  const r = seededNormal(seed);
  return Float32Array.from({ length: n }, () => r() * 0.05);
}

describe('radixSortFloat32', () => {
  it('sorts like TypedArray sort, negatives and zeros included', () => {
    fc.assert(fc.property(weights, (a) => {
      expect(Array.from(radixSortFloat32(a))).toEqual(Array.from(Float32Array.from(a).sort()));
    }));
  });
});

describe('clusterWeights', () => {
  it('leaves at most k distinct nonzero values, keeps zeros zero and nonzeros nonzero-indexed', () => {
    fc.assert(fc.property(weights, fc.integer({ min: 2, max: 20 }), fc.constantFrom(...INITS), (w, k, init) => {
      const r = clusterWeights(w, { k, init, seed: 7 });
      const values = distinct(r.shared);
      values.delete(0);
      expect(values.size).toBeLessThanOrEqual(k);
      expect(r.codebook.length).toBeLessThanOrEqual(k);
      for (let i = 0; i < w.length; i++) {
        if (w[i] === 0) expect(r.shared[i]).toBe(0);
        else expect(r.shared[i]).toBe(r.codebook[r.indices[i]]);
      }
    }));
  });

  it('assigns every weight to its nearest centroid, and centroids are the means of their clusters', () => {
    const w = normalWeights(5000, 3);
    const r = clusterWeights(w, { k: 8 });
    const sums = new Float64Array(8);
    const counts = new Float64Array(8);
    let fartherThanAnother = 0;
    for (let i = 0; i < w.length; i++) {
      const d = Math.abs(w[i] - r.shared[i]);
      for (const c of r.codebook) if (d > Math.abs(w[i] - c) + 1e-7) fartherThanAnother++;
      sums[r.indices[i]] += w[i];
      counts[r.indices[i]]++;
    }
    expect(fartherThanAnother).toBe(0);
    r.codebook.forEach((c, j) => expect(c).toBeCloseTo(sums[j] / counts[j], 5));
  });

  it('is lossless when there are at most k distinct nonzero values', () => {
    const w = Float32Array.from([0, 1, 2, 0, 3, 2, 1]);
    const r = clusterWeights(w, { k: 4 });
    expect(Array.from(r.shared)).toEqual(Array.from(w));
    expect(r.sse).toBe(0);
  });

  it('is reproducible with a seed for forgy and kmeans++', () => {
    const w = normalWeights(2000, 5);
    for (const init of ['forgy', 'kmeans++'] as const) {
      expect(clusterWeights(w, { k: 16, init, seed: 3 }).codebook).toEqual(clusterWeights(w, { k: 16, init, seed: 3 }).codebook);
    }
  });

  it('reaches a within-cluster error no worse than ml-kmeans from the same initial centroids', () => {
    const w = normalWeights(3000, 11);
    for (const init of INITS) {
      const ours = clusterWeights(w, { k: 16, init, seed: 2 });
      const start = initialCentroids(radixSortFloat32(w), 16, init, 2);
      const theirs = mlKmeans(Array.from(w, (v) => [v]), 16, { initialization: Array.from(start, (c) => [c]) });
      let sse = 0;
      theirs.clusters.forEach((c, i) => { sse += (w[i] - theirs.centroids[c][0]) ** 2; });
      expect(ours.sse).toBeLessThanOrEqual(sse * (1 + 1e-6));
    }
  });
});
