/**
 * Ascending sort of a Float32Array in O(n): LSD radix sort on the IEEE bit patterns, mapped to
 * unsigned keys that order like the floats (negative: all bits flipped; positive: sign bit set).
 * Three passes of 11, 11 and 10 bits, all three histograms counted while building the keys and
 * the last pass writing the floats back directly. Several times faster than
 * TypedArray.prototype.sort on 1 M weights, which matters because sorting dominates 1-D k-means.
 * With `skipZeros`, ±0 are left out (k-means clusters only the weights pruning kept).
 * NaN is not expected in weights.
 */
export function radixSortFloat32(values: Float32Array, skipZeros = false): Float32Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let n = 0;
  if (skipZeros) {
    for (let i = 0; i < bits.length; i++) if ((bits[i] & 0x7fffffff) !== 0) n++;
  } else {
    n = bits.length;
  }
  const keys = new Uint32Array(n);
  const c0 = new Uint32Array(2048);
  const c1 = new Uint32Array(2048);
  const c2 = new Uint32Array(1024);
  for (let i = 0, j = 0; i < bits.length; i++) {
    const b = bits[i];
    if (skipZeros && (b & 0x7fffffff) === 0) continue;
    const k = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[j++] = k;
    c0[k & 0x7ff]++;
    c1[(k >>> 11) & 0x7ff]++;
    c2[k >>> 22]++;
  }
  toOffsets(c0);
  toOffsets(c1);
  toOffsets(c2);
  const tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) { const k = keys[i]; tmp[c0[k & 0x7ff]++] = k; }
  for (let i = 0; i < n; i++) { const k = tmp[i]; keys[c1[(k >>> 11) & 0x7ff]++] = k; }
  const out = new Float32Array(n);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    outBits[c2[k >>> 22]++] = k & 0x80000000 ? (k & 0x7fffffff) >>> 0 : ~k >>> 0;
  }
  return out;
}

/** Counts → starting offsets (exclusive prefix sum), in place. */
function toOffsets(counts: Uint32Array): void {
  let sum = 0;
  for (let d = 0; d < counts.length; d++) {
    const c = counts[d];
    counts[d] = sum;
    sum += c;
  }
}
