/**
 * What dominates a roofline estimate: how much of the time is spent in memory-bound layers vs
 * compute-bound ones, and the device's ridge point.
 */
import type { LatencyReport } from '../../core/cost-types';

export interface LatencySummary {
  naiveMs: number;
  rooflineMs: number;
  computeBoundLayers: number;
  memoryBoundLayers: number;
  /** Roofline time spent in memory-bound layers, ms. */
  memoryBoundMs: number;
  computeBoundMs: number;
  /** 'memory' when memory-bound layers take most of the roofline time; 'none' for an empty model. */
  dominant: 'compute' | 'memory' | 'none';
  /** roofline / naive: how far the naive estimate is off when memory is the limit (≥ 1). */
  rooflineOverNaive: number | null;
}

export function summarizeLatency(latency: LatencyReport): LatencySummary {
  let memoryBoundMs = 0;
  let computeBoundMs = 0;
  let memoryBoundLayers = 0;
  let computeBoundLayers = 0;
  for (const l of latency.layers) {
    if (l.bound === 'memory') { memoryBoundMs += l.rooflineMs; memoryBoundLayers += 1; }
    if (l.bound === 'compute') { computeBoundMs += l.rooflineMs; computeBoundLayers += 1; }
  }
  const dominant = memoryBoundMs === 0 && computeBoundMs === 0 ? 'none' : memoryBoundMs > computeBoundMs ? 'memory' : 'compute';
  return {
    naiveMs: latency.naiveMs,
    rooflineMs: latency.rooflineMs,
    computeBoundLayers,
    memoryBoundLayers,
    memoryBoundMs,
    computeBoundMs,
    dominant,
    rooflineOverNaive: latency.naiveMs > 0 ? latency.rooflineMs / latency.naiveMs : null,
  };
}

/**
 * Ridge point of the roofline, FLOPs per byte: peak FLOPS ÷ bandwidth. A layer doing fewer FLOPs
 * per byte it moves waits on memory. GFLOPS and GB/s share the 1e9, so it cancels.
 */
export function ridgePointFlopsPerByte(peakGflops: number, bandwidthGBs: number): number {
  return peakGflops / bandwidthGBs;
}
