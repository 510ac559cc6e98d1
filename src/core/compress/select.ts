/**
 * Order statistics on Float32Array without a full sort: the k-th smallest value by quickselect
 * (Hoare, 1961), O(n) expected. Used by magnitude pruning to find the exact threshold.
 */

/** Returns the k-th smallest value (0-based) of `values`. Reorders `values` in place. */
export function selectKth(values: Float32Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const pivot = medianOf3(values[lo], values[mid], values[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i]; values[i] = values[j]; values[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

function medianOf3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/**
 * How many of n weights a sparsity target zeroes: the smallest count whose fraction is at least
 * `sparsity` (ceil), forgiving float noise so 0.3 · 10 gives 3, not 4.
 */
export function zerosForSparsity(sparsity: number, n: number): number {
  const x = sparsity * n;
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, n) ? r : Math.ceil(x);
}
