/**
 * Latency estimates from a CostReport and a device's peak FLOPS and memory bandwidth
 * (../shared/COUNTING.md, Inference time):
 *  - naive (the lecture's): time = FLOPs / peak FLOPS;
 *  - roofline (Williams, Waterman & Patterson, CACM 2009): per layer
 *    max(FLOPs / peak FLOPS, bytes moved / bandwidth), summed over layers, where bytes moved =
 *    weight bytes + input activation bytes + output activation bytes.
 * Both are lower bounds: real kernels reach a fraction of peak.
 */
import type { CostReport, LatencyReport, LayerCost, LayerLatency } from './cost-types';
import type { FlopLabError } from './result';
import { ACTIVATION_BYTES_PER_ELEMENT } from './analyze';
import { show } from './shapes/checks';
import { elementCount } from './shapes/tensor-shapes';

/** A device as the estimate needs it: peak FP32 rate in GFLOPS (1e9 FLOP/s), bandwidth in GB/s (1e9 B/s). */
export interface DeviceRates { peakGflops: number; bandwidthGBs: number }

const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Checks device figures: both must be positive finite numbers. Returns the problem or null. */
export function deviceRatesError(device: DeviceRates): FlopLabError | null {
  if (!isPositive(device?.peakGflops)) {
    return { code: 'invalid-value', field: 'peakGflops', message: `Expected peakGflops to be a positive number, but got ${show(device?.peakGflops)}.` };
  }
  if (!isPositive(device.bandwidthGBs)) {
    return { code: 'invalid-value', field: 'bandwidthGBs', message: `Expected bandwidthGBs to be a positive number, but got ${show(device.bandwidthGBs)}.` };
  }
  return null;
}

/**
 * Bytes a layer reads and writes: its weights, its input activations and its output activation.
 * The InputLayer moves nothing (it is where the input already lies).
 */
export function bytesMoved(layer: LayerCost): number {
  if (layer.type === 'InputLayer') return 0;
  let inputBytes = 0;
  for (const s of layer.inputShapes) inputBytes += elementCount(s) * ACTIVATION_BYTES_PER_ELEMENT;
  return layer.weightBytes + inputBytes + layer.activationBytes;
}

function layerLatency(layer: LayerCost, flopsPerMs: number, bytesPerMs: number): LayerLatency {
  const moved = bytesMoved(layer);
  const computeMs = layer.flops / flopsPerMs;
  const memoryMs = moved / bytesPerMs;
  const bound = layer.flops === 0 && moved === 0 ? 'none' : computeMs >= memoryMs ? 'compute' : 'memory';
  return { name: layer.name, naiveMs: computeMs, computeMs, memoryMs, rooflineMs: Math.max(computeMs, memoryMs), bytesMoved: moved, bound };
}

/**
 * Naive and roofline latency in milliseconds, per layer and in total, for `device`.
 * Invalid device figures (zero, negative, NaN) give a report of zeros with every bound 'none'
 * and `error` set, never NaN or Infinity.
 */
export function estimateLatency(report: CostReport, device: DeviceRates): LatencyReport {
  const error = deviceRatesError(device);
  if (error) {
    const layers = report.layers.map((l): LayerLatency => ({
      name: l.name, naiveMs: 0, computeMs: 0, memoryMs: 0, rooflineMs: 0, bytesMoved: bytesMoved(l), bound: 'none',
    }));
    return { naiveMs: 0, rooflineMs: 0, layers, error };
  }
  const flopsPerMs = device.peakGflops * 1e6; // 1e9 FLOP/s = 1e6 FLOP/ms
  const bytesPerMs = device.bandwidthGBs * 1e6;
  const layers = report.layers.map((l) => layerLatency(l, flopsPerMs, bytesPerMs));
  let rooflineMs = 0;
  for (const l of layers) rooflineMs += l.rooflineMs;
  return { naiveMs: report.totals.flops / flopsPerMs, rooflineMs, layers };
}
