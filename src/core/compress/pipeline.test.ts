import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { runPipeline } from './pipeline';
import { effectiveFlops } from './effective-flops';
import { syntheticWeights } from './synthetic-weights';
import { smallConvNet } from './test-models';
import { seededNormal } from './rng';
import type { CompressionPlan, CompressionResult } from './types';

const graph = smallConvNet();
const weights = (() => {
  const w = syntheticWeights(graph, 5);
  if (!w.ok) throw new Error(w.error.message);
  return w.value;
})();

async function run(plan: CompressionPlan, withGraph = false): Promise<CompressionResult> {
  const r = await runPipeline(weights, plan, {}, withGraph ? { graph } : {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const deepCompression: CompressionPlan = {
  stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'share', k: 16 }, { kind: 'quantize', bits: 8 }, { kind: 'huffman' }],
};

describe('runPipeline', () => {
  it("runs Deep Compression's order: each kernel ≥ 50% zeros, ≤ 16 shared values (17 with zero), sizes shrinking", async () => {
    const r = await run(deepCompression);
    expect(r.stages.map((s) => s.name)).toEqual(['original', 'prune', 'share', 'quantize', 'huffman']);
    // Prune, share and quantize always shrink; Huffman's code table can outweigh its gain on tiny kernels (tested below).
    for (let i = 1; i < 4; i++) expect(r.stages[i].bytes).toBeLessThan(r.stages[i - 1].bytes);
    for (const w of r.weights) {
      if (!w.name.endsWith('kernel')) continue;
      const zeros = w.data.filter((v) => v === 0).length;
      expect(zeros / w.data.length).toBeGreaterThanOrEqual(0.5);
      expect(new Set(w.data).size).toBeLessThanOrEqual(17);
    }
    const conv1 = r.perLayer.find((l) => l.name === 'conv1');
    expect(conv1?.clusters).toBeLessThanOrEqual(16);
    expect(conv1?.bits).toBe(8);
    expect(conv1?.encoding.kind).toBe('affine');
    expect(r.totals.ratio).toBeCloseTo(r.totals.bytesBefore / r.totals.bytesAfter, 12);
    expect(r.totals.bytesBefore).toBe(weights.reduce((s, w) => s + 4 * w.data.length, 0));
  });

  it('Huffman coding shrinks a large shared kernel below log2 k bits per weight (bell-shaped weights, uneven clusters)', async () => {
    const normal = seededNormal(9);
    const big = { name: 'd/kernel', shape: [128, 128], data: Float32Array.from({ length: 128 * 128 }, () => normal()) };
    const r = await runPipeline([big], { stages: [{ kind: 'share', k: 16 }, { kind: 'huffman' }] });
    if (!r.ok) throw new Error(r.error.message);
    const [, shared, coded] = r.value.stages;
    expect(shared.bytes).toBe((128 * 128 * 4 + 16 * 32) / 8);
    expect(coded.bytes).toBeLessThan(shared.bytes);
  });

  it('leaves biases and BatchNorm untouched', async () => {
    const r = await run(deepCompression);
    for (const [i, w] of r.weights.entries()) if (!w.name.endsWith('kernel')) expect(w.data).toBe(weights[i].data);
  });

  it('reports each layer’s MSE and SQNR against the original weights', async () => {
    const r = await run({ stages: [{ kind: 'quantize', bits: 8 }] });
    for (const l of r.perLayer) {
      expect(l.mse).toBeGreaterThan(0);
      expect(l.sqnrDb).toBeGreaterThan(30); // ~6 dB per bit
      expect(l.format).toBe('dense');
      expect(l.bytesAfter).toBe(Math.ceil((l.params * 8 + 64) / 8));
    }
  });

  it('computes the quantized stage size by hand: n·b bits + 2 floats per tensor', async () => {
    const r = await run({ stages: [{ kind: 'quantize', bits: 4, perChannel: true, symmetric: true }] });
    const fc1 = r.perLayer.find((l) => l.name === 'fc1');
    // fc1 kernel [96, 10]: 960 · 4 bits + 10 scales · 32 bits.
    expect(fc1?.bytesAfter).toBe((960 * 4 + 10 * 32) / 8);
    expect(fc1?.encoding.kind).toBe('per-channel');
  });

  it('honours per-layer overrides and skips', async () => {
    const r = await run({ stages: [{ kind: 'prune', sparsity: 0.5 }], layers: { conv1: { skip: true }, fc1: { prune: { sparsity: 0.9 } } } });
    const by = Object.fromEntries(r.perLayer.map((l) => [l.name, l]));
    expect(by.conv1.sparsity).toBe(0);
    expect(by.fc1.sparsity).toBeGreaterThanOrEqual(0.9);
    expect(by.conv2.sparsity).toBeGreaterThanOrEqual(0.5);
  });

  it('global pruning reaches the target over all kernels together', async () => {
    const r = await run({ stages: [{ kind: 'prune', sparsity: 0.6, global: true }] });
    const zeros = r.perLayer.reduce((s, l) => s + l.sparsity * l.params, 0);
    const all = r.perLayer.reduce((s, l) => s + l.params, 0);
    expect(Math.round(zeros)).toBe(Math.ceil(0.6 * all));
  });

  it('structured pruning returns a smaller graph whose dense FLOPs drop', async () => {
    const r = await run({ stages: [{ kind: 'prune', sparsity: 0.5, structured: true }] }, true);
    expect(r.structured?.removed.conv1).toBe(4);
    const a = analyzeModel(graph);
    const b = analyzeModel(r.structured?.graph ?? graph);
    if (!a.ok || !b.ok) throw new Error('analysis failed');
    expect(b.report.totals.flops).toBeLessThan(a.report.totals.flops);
    expect(r.stages[1].bytes).toBeLessThan(r.stages[0].bytes);
  });

  it('rejects impossible plans with a message naming the stage and field', async () => {
    const bad = await runPipeline(weights, { stages: [{ kind: 'prune', sparsity: 1 }] });
    expect(bad.ok || bad.error.message).toMatch(/Stage 1 \(prune\).*sparsity/);
    const k = await runPipeline(weights, { stages: [{ kind: 'share', k: 1 }] });
    expect(k.ok || k.error.field).toBe('k');
    const s = await runPipeline(weights, { stages: [{ kind: 'prune', sparsity: 0.5, structured: true }] });
    expect(s.ok || s.error.code).toBe('invalid-value');
  });

  it('stops when the signal is aborted and resolves to a cancelled value, with progress reported', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const r = await runPipeline(weights, deepCompression, {
      signal: controller.signal,
      onProgress: (f) => { seen.push(f); if (seen.length === 3) controller.abort(); },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cancelled');
    expect(seen.length).toBe(3);
    const full: number[] = [];
    await runPipeline(weights, deepCompression, { onProgress: (f) => full.push(f) });
    expect(full[full.length - 1]).toBe(1);
    expect(full.every((f, i) => i === 0 || f >= full[i - 1])).toBe(true);
  });
});

describe('runPipeline stage sizes, worked by hand', () => {
  // One 4×4 kernel: 8 small weights (pruned at 50 %) then 8 large ones in 4 clear pairs (k-means
  // with k = 4 puts one pair in each cluster), and a bias of 4 floats that no stage touches.
  const kernel = Float32Array.from([
    0.01, -0.02, 0.03, -0.04, 0.05, -0.06, 0.07, -0.08,
    -1, -0.98, -0.5, -0.52, 0.5, 0.52, 1, 0.98,
  ]);
  const tiny = [
    { name: 'd/kernel', shape: [4, 4], data: kernel },
    { name: 'd/bias', shape: [4], data: new Float32Array(4) },
  ];

  it('original 80 B → prune 50 B → share 36 B → quantize 32 B → huffman 35 B', async () => {
    const r = await runPipeline(tiny, {
      stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'share', k: 4 }, { kind: 'quantize', bits: 8 }, { kind: 'huffman' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    // The bias stays dense float32 throughout: 4 · 4 B = 16 B.
    // original  kernel 16 · 4 B = 64 B; + 16 = 80 B.
    // prune     8 nonzeros (positions 8..15) of 32 bits. Bitmask: 16 presence bits + 8 · 32 = 272 bits;
    //           relative index (4-bit gaps 9, 1, 1, …, 1; no fillers): 8 · (4 + 32) = 288 bits; dense 512.
    //           Bitmask wins: 272 bits = 34 B; + 16 = 50 B.
    // share     k = 4: 2-bit indices. Dense 16 · 2 = 32 bits ≤ bitmask 16 + 8 · 2 = 32 (relative 8 · 6 = 48),
    //           so dense; codebook 4 · 32 = 128 bits: 160 bits = 20 B; + 16 = 36 B.
    // quantize  the codebook to 8 bits (affine, per tensor: a 32-bit scale and min):
    //           32 + 4 · 8 + 2 · 32 = 128 bits = 16 B; + 16 = 32 B.
    // huffman   4 symbols seen twice each: 2-bit codes, 8 · 2 = 16 bits, code table min(4 · 5, 4 · (2 + 5)) = 20.
    //           Bitmask: 16 + 16 + 20 = 52 bits. Relative index: values 16 + min(5 · 5, 4 · 7) = 41, gaps
    //           {9: 1, 1: 7} 1-bit codes 8 + min(16 · 5, 2 · (4 + 5)) = 26, so 67 bits: the bitmask wins.
    //           52 + 96 (codebook and scales, as above) = 148 bits → 19 B; + 16 = 35 B (the table outweighs the gain).
    expect(r.value.stages.map((st) => [st.name, st.bytes])).toEqual([
      ['original', 80], ['prune', 50], ['share', 36], ['quantize', 32], ['huffman', 35],
    ]);
    expect(r.value.perLayer[0].format).toBe('bitmask');
  });

  it('Huffman with relative indices takes the cheapest index width of 4..8 bits: 2 weights 32 apart in 64 → 6 bits, 7 B', async () => {
    // 64 weights; the two largest (1.0 at positions 31 and 63) survive pruning to 62/64.
    const data = Float32Array.from({ length: 64 }, (_, i) => (i === 31 || i === 63 ? 1 : 0.001 * (i + 1)));
    const r = await runPipeline([{ name: 'd/kernel', shape: [64, 1], data }], { stages: [{ kind: 'prune', sparsity: 62 / 64 }, { kind: 'huffman' }] });
    if (!r.ok) throw new Error(r.error.message);
    // Values: one float32 symbol (1.0) twice; alphabet 2^16 (+1 with fillers), code table
    // min(alphabet · 5, used · (32 + 5)). Both gaps are 32 (from −1 to 31, from 31 to 63).
    //   4 bits (max gap 15): 2 fillers per gap → values {1.0: 2, 0: 4}: 1-bit codes 6 + 74 = 80;
    //                        gaps {15: 4, 2: 2}: 6 + min(16 · 5, 2 · 9) = 24 → 104 bits.
    //   5 bits (max 31):     1 filler per gap → values {2, 2}: 4 + 74 = 78; gaps {31: 2, 1: 2}: 4 + 20 = 24 → 102.
    //   6 bits (max 63):     no fillers → values {2}: 2 + 37 = 39; gaps {32: 2}: 2 + min(64 · 5, 1 · 11) = 13 → 52.
    //   7 and 8 bits:        39 + 2 + 12 = 53, 39 + 2 + 13 = 54.
    //   Bitmask: 64 + 2 + 37 = 103. Relative index at 6 bits wins: 52 bits → 7 B (4 bits alone: 103 → 13 B).
    expect(r.value.stages.map((st) => st.bytes)).toEqual([256, 2 * 4 + 64 / 8, 7]);
    expect(r.value.perLayer[0].format).toBe('relative-index');
  });

  it('quantize alone: 16 · 8 bits + 2 · 32 = 192 bits = 24 B; float16: 16 · 16 bits = 32 B', async () => {
    const eight = await runPipeline(tiny, { stages: [{ kind: 'quantize', bits: 8 }] });
    const half = await runPipeline(tiny, { stages: [{ kind: 'quantize', bits: 'float16' }] });
    if (!eight.ok || !half.ok) throw new Error('pipeline failed');
    expect(eight.value.stages.map((st) => st.bytes)).toEqual([80, 24 + 16]);
    expect(half.value.stages.map((st) => st.bytes)).toEqual([80, 32 + 16]);
  });
});

describe('effectiveFlops', () => {
  it('skips the MACs of zero weights: FLOPs − 2·MACs·(1 − density), dense FLOPs unchanged', async () => {
    const a = analyzeModel(graph);
    if (!a.ok) throw new Error('analysis failed');
    const r = await run({ stages: [{ kind: 'prune', sparsity: 0.75 }] });
    const e = effectiveFlops(a.report, r.totals.densityByLayer);
    expect(e.denseFlops).toBe(a.report.totals.flops);
    const conv1 = a.report.layers.find((l) => l.name === 'conv1');
    const conv1e = e.layers.find((l) => l.name === 'conv1');
    // conv1: 3·3·3·8 = 216 weights, 162 pruned → density 54/216 = 0.25.
    expect(conv1e?.density).toBe(0.25);
    expect(conv1e?.effectiveFlops).toBe((conv1?.flops ?? 0) - 2 * (conv1?.macs ?? 0) * 0.75);
    const pool = e.layers.find((l) => l.name === 'pool1');
    expect(pool?.effectiveFlops).toBe(pool?.denseFlops);
  });
});

describe('runPipeline properties', () => {
  it('any prune/share/quantize combination keeps its promises on every kernel', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(fc.asyncProperty(
      fc.double({ min: 0, max: 0.95, noNaN: true }), fc.integer({ min: 2, max: 64 }), fc.integer({ min: 2, max: 12 }), fc.boolean(),
      async (sparsity, k, bits, symmetric) => {
        const r = await run({ stages: [{ kind: 'prune', sparsity }, { kind: 'share', k }, { kind: 'quantize', bits, symmetric }, { kind: 'huffman' }] });
        for (const l of r.perLayer) {
          const w = r.weights.find((x) => x.name === l.tensor) as (typeof r.weights)[number];
          const zeros = w.data.filter((v) => v === 0).length;
          expect(zeros).toBeGreaterThanOrEqual(Math.ceil(sparsity * w.data.length - 1e-9));
          expect(new Set(w.data).size).toBeLessThanOrEqual(k + 1);
          expect(l.bytesAfter).toBeLessThanOrEqual(l.bytesBefore);
        }
      }), { numRuns: 15 });
  });
});
