/**
 * Ascending sort of a Float32Array in O(n): LSD radix sort on the IEEE bit patterns, mapped to
 * unsigned keys that order like the floats (negative: all bits flipped; positive: sign bit set).
 * Three passes of 11, 11 and 10 bits. About 4× faster than TypedArray.prototype.sort on 1 M
 * weights, which matters because sorting dominates 1-D k-means. NaN is not expected in weights.
 */
export function radixSortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  const keys = new Uint32Array(n);
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  let src = keys;
  let dst = new Uint32Array(n);
  for (const [shift, width] of [[0, 11], [11, 11], [22, 10]]) {
    const mask = (1 << width) - 1;
    const counts = new Uint32Array(mask + 2);
    for (let i = 0; i < n; i++) counts[((src[i] >>> shift) & mask) + 1]++;
    for (let d = 1; d <= mask + 1; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) dst[counts[(src[i] >>> shift) & mask]++] = src[i];
    [src, dst] = [dst, src];
  }
  const out = new Float32Array(n);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const k = src[i];
    outBits[i] = k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
  }
  return out;
}
