/**
 * Order statistics of weight magnitudes without sorting: a two-level radix histogram on the
 * IEEE bit patterns. For non-negative floats the bit pattern orders like the value, so the
 * k-th smallest |w| is found with two counting passes (top 16 bits, then the low 15 bits
 * inside the one bucket that holds it): O(n), no copy of the data.
 */

/**
 * The k-th smallest (0-based) |w| over the concatenation of `tensors`, and how many magnitudes
 * are strictly smaller than it. NaN is not expected in weights.
 */
export function kthSmallestMagnitude(tensors: Float32Array[], k: number): { value: number; below: number } {
  const high = new Uint32Array(1 << 16);
  for (const t of tensors) {
    const bits = new Uint32Array(t.buffer, t.byteOffset, t.length);
    for (let i = 0; i < bits.length; i++) high[(bits[i] & 0x7fffffff) >>> 15]++;
  }
  let bucket = 0;
  let before = 0;
  while (before + high[bucket] <= k) before += high[bucket++];
  const low = new Uint32Array(1 << 15);
  for (const t of tensors) {
    const bits = new Uint32Array(t.buffer, t.byteOffset, t.length);
    for (let i = 0; i < bits.length; i++) {
      const m = bits[i] & 0x7fffffff;
      if (m >>> 15 === bucket) low[m & 0x7fff]++;
    }
  }
  let lowBits = 0;
  let below = before;
  while (below + low[lowBits] <= k) below += low[lowBits++];
  const out = new Uint32Array([((bucket << 15) | lowBits) >>> 0]);
  return { value: new Float32Array(out.buffer)[0], below };
}

/**
 * How many of n weights a sparsity target zeroes: the smallest count whose fraction is at least
 * `sparsity` (ceil), forgiving float noise so 0.3 · 10 gives 3, not 4. The tolerance is a few
 * ulps of s·n (the rounding error of the product), not a fraction of n: with n = 10^6 a slack of
 * 10^-9·n = 0.001 would round 0.1000000005 · n = 100000.0005 down and miss the target.
 */
export function zerosForSparsity(sparsity: number, n: number): number {
  const x = sparsity * n;
  const r = Math.round(x);
  return Math.abs(x - r) <= 4 * Number.EPSILON * Math.max(1, x) ? r : Math.ceil(x);
}
