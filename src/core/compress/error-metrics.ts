/** Distortion of a compressed tensor against the original. */

/** Mean squared error, in squared weight units. 0 for empty tensors. */
export function meanSquaredError(original: Float32Array, approx: Float32Array): number {
  return distortion(original, approx).mse;
}

/**
 * Signal-to-quantization-noise ratio in dB: 10·log10(signal power / noise power), with power the
 * mean square. Infinity when the approximation is exact; -Infinity when the signal is all zeros
 * but the approximation is not.
 */
export function sqnrDb(original: Float32Array, approx: Float32Array): number {
  return distortion(original, approx).sqnrDb;
}

/** MSE (squared weight units) and SQNR (dB) in one pass over both tensors. */
export function distortion(original: Float32Array, approx: Float32Array): { mse: number; sqnrDb: number } {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < original.length; i++) {
    signal += original[i] * original[i];
    const d = original[i] - approx[i];
    noise += d * d;
  }
  return {
    mse: original.length ? noise / original.length : 0,
    sqnrDb: noise === 0 ? Infinity : 10 * Math.log10(signal / noise),
  };
}
