/**
 * Huffman coding sizes (Huffman, 1952), as the last stage of Deep Compression (§4): the real code
 * length of every symbol that occurs, so the coded size is exact, not an entropy estimate.
 */

export interface HuffmanCode {
  /** Code length in bits for each symbol with a nonzero count (same order as the input). */
  lengths: number[];
  /** Σ count × length: bits of the coded stream. */
  totalBits: number;
}

/**
 * Code lengths from symbol counts (zero counts get length 0). A single distinct symbol still
 * needs 1 bit per occurrence. Two-queue construction on sorted counts: O(m log m) for m symbols.
 */
export function huffmanCodeLengths(counts: ArrayLike<number>): HuffmanCode {
  const symbols: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) symbols.push(i);
  const lengths = new Array<number>(counts.length).fill(0);
  if (symbols.length === 0) return { lengths, totalBits: 0 };
  if (symbols.length === 1) {
    lengths[symbols[0]] = 1;
    return { lengths, totalBits: counts[symbols[0]] };
  }
  symbols.sort((a, b) => counts[a] - counts[b] || a - b);
  // Nodes 0..m-1 are leaves (in sorted order), m.. are internal; parent[] records the tree.
  const m = symbols.length;
  const weight: number[] = symbols.map((s) => counts[s]);
  const parent = new Int32Array(2 * m - 1);
  let leaf = 0;
  let internal = m;
  const takeSmallest = (): number => {
    if (leaf < m && (internal >= weight.length || weight[leaf] <= weight[internal])) return leaf++;
    return internal++;
  };
  while (weight.length < 2 * m - 1) {
    const a = takeSmallest();
    const b = takeSmallest();
    parent[a] = parent[b] = weight.length;
    weight.push(weight[a] + weight[b]);
  }
  const depth = new Int32Array(2 * m - 1);
  for (let node = 2 * m - 3; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  let totalBits = 0;
  for (let i = 0; i < m; i++) {
    lengths[symbols[i]] = depth[i];
    totalBits += counts[symbols[i]] * depth[i];
  }
  return { lengths, totalBits };
}
