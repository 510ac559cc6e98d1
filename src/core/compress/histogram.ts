/** Weight histograms for the before/after charts. */
import type { HistogramBins } from './types';

/** Range [min, max] of the values (0, 0 for an empty array). */
export function valueRange(data: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  return data.length ? { min, max } : { min: 0, max: 0 };
}

/**
 * Counts of values in `bins` equal-width bins from `min` to `max` (values outside are clamped to
 * the end bins), so a before and an after histogram can share one x-axis.
 */
export function histogram(data: Float32Array, min: number, max: number, bins = 64): HistogramBins {
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < data.length; i++) {
    const b = Math.floor((data[i] - min) / width);
    counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
  }
  return { min, width, counts };
}
