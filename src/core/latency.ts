/**
 * Latency estimates from a CostReport and a device's peak FLOPS and memory bandwidth
 * (docs/counting.md, Inference time):
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

/**
 * Accepted range of both device figures. Any positive finite number is not enough: a denormal
 * peak (5e-324) turns every time into Infinity. 1e-6 GFLOPS (1,000 FLOP/s) is below any
 * microcontroller; 1e9 GFLOPS (1 EFLOPS) is a whole exascale supercomputer.
 */
export const MIN_DEVICE_RATE = 1e-6;
export const MAX_DEVICE_RATE = 1e9;

const inRange = (v: unknown): v is number =>
  typeof v === 'number' && v >= MIN_DEVICE_RATE && v <= MAX_DEVICE_RATE;

/**
 * Checks one device figure (the same rule as deviceRatesError, for a front end that has only one
 * of them, e.g. a peak without a bandwidth): the problem, naming the field, or null.
 */
export function deviceRateError(field: keyof DeviceRates, value: unknown): FlopLabError | null {
  if (inRange(value)) return null;
  return {
    code: 'invalid-value', field,
    message: `Expected ${field} to be a positive number from ${MIN_DEVICE_RATE} to ${MAX_DEVICE_RATE.toExponential()}, but got ${show(value)}.`,
  };
}

/** Checks device figures: both must be numbers in [MIN_DEVICE_RATE, MAX_DEVICE_RATE]. Returns the problem or null. */
export function deviceRatesError(device: DeviceRates): FlopLabError | null {
  const d: Partial<DeviceRates> = typeof device === 'object' && device !== null ? device : {};
  return deviceRateError('peakGflops', d.peakGflops) ?? deviceRateError('bandwidthGBs', d.bandwidthGBs);
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
 * Invalid device figures (zero, negative, NaN, out of range) give a report of zeros with every bound 'none'
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
