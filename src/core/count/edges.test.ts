/**
 * Numbers at the edges (issue 7), each against a hand-worked figure. The same models are built
 * with tfjs in src/tf/build-model-edges.test.ts, where tfjs's countParams is the oracle.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel, peakActivationBytes } from '../analyze';
import type { LayerCost } from '../cost-types';
import type { LayerSpec, ModelGraph } from '../model';
import { PRESETS } from '../presets';
import { layer, reportOf, stack } from '../test-helpers';

/** 8×8×3 → Conv2D 3×3 ×4 (valid) → BatchNorm → Flatten → Dense 5, with the first two frozen or not. */
export function frozenConvBn(frozen: boolean): ModelGraph {
  const flag = frozen ? { trainable: false } : {};
  return stack([8, 8, 3],
    layer('Conv2D', 'conv', { filters: 4, ...flag }),
    layer('BatchNormalization', 'bn', flag),
    layer('Flatten', 'flat'),
    layer('Dense', 'dense', { units: 5 }));
}

describe('trainable: false', () => {
  // conv: 3·3·3·4 + 4 = 112; bn: 4·4 = 16 (8 moving statistics); dense: 6·6·4 = 144 → 144·5 + 5 = 725.
  it('counts a frozen Conv2D + BatchNorm as non-trainable: 725 / 128 (Keras), not 845 / 8', () => {
    const open = reportOf(frozenConvBn(false)).totals;
    expect([open.params, open.trainableParams, open.nonTrainableParams]).toEqual([853, 845, 8]);
    const frozen = reportOf(frozenConvBn(true));
    expect([frozen.totals.params, frozen.totals.trainableParams, frozen.totals.nonTrainableParams]).toEqual([853, 725, 128]);
    expect(frozen.layers.find((l) => l.name === 'conv')).toMatchObject({ params: 112, trainableParams: 0, nonTrainableParams: 112 });
    expect(frozen.layers.find((l) => l.name === 'bn')).toMatchObject({ params: 16, trainableParams: 0, nonTrainableParams: 16 });
  });

  it('changes no MACs, FLOPs or weight bytes', () => {
    const [a, b] = [reportOf(frozenConvBn(false)).totals, reportOf(frozenConvBn(true)).totals];
    expect([b.macs, b.flops, b.weightBytes]).toEqual([a.macs, a.flops, a.weightBytes]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s frozen whole: nothing trainable, the same params', (_id, preset) => {
    const graph = preset.build();
    const open = reportOf(graph).totals;
    const frozen = reportOf({ ...graph, layers: graph.layers.map((l) => ({ ...l, trainable: false })) }).totals;
    expect([frozen.params, frozen.trainableParams, frozen.nonTrainableParams]).toEqual([open.params, 0, open.params]);
  });

  it('is refused when not a boolean', () => {
    const r = analyzeModel(stack([4], layer('Dense', 'd', { trainable: 'no' })));
    expect(r.ok ? null : r.errors[0]).toMatchObject({ layer: 'd', field: 'trainable' });
  });
});

describe('Dense on an input of rank ≥ 2 (Keras: the last axis)', () => {
  it('10×32 → Dense 16 → 10×16: 528 params, 5,120 MACs', () => {
    const r = reportOf(stack([10, 32], layer('Dense', 'd', { units: 16 })));
    const d = r.layers[1];
    // params 32·16 + 16 = 528; MACs 10 × 32 × 16 = 5,120; FLOPs 2 × 5,120; bytes 10·16·4 = 640.
    expect(d).toMatchObject({ outputShape: [10, 16], params: 528, macs: 5120, flops: 10_240, activationBytes: 640 });
    expect(d.formulas.macs.substituted).toBe('10 × 32 × 16');
    // Detailed: 10,240 + a bias add per output element (10·16 = 160) = 10,400.
    expect(reportOf(stack([10, 32], layer('Dense', 'd', { units: 16 })), { convention: 'detailed' }).layers[1].flops).toBe(10_400);
  });

  it('detailed FLOPs: 2 × MACs, a bias add and the activation per output element', () => {
    // 4×5×8 → Dense 3 relu: MACs 4·5 × 8 × 3 = 480; 960 + 60 bias + 60 relu = 1,080.
    const r = reportOf(stack([4, 5, 8], layer('Dense', 'd', { units: 3, activation: 'relu' })), { convention: 'detailed' });
    expect(r.layers[1]).toMatchObject({ outputShape: [4, 5, 3], params: 27, macs: 480, flops: 1080 });
  });

  it('after GlobalAveragePooling2D(keepdims=True): 1×1×C → 1×1×units', () => {
    // The import writes keepdims as GlobalAveragePooling2D + Reshape [1, 1, -1].
    const r = reportOf(stack([7, 7, 64], layer('GlobalAveragePooling2D', 'gap'),
      layer('Reshape', 'gap_keepdims', { targetShape: [1, 1, -1] }), layer('Dense', 'd', { units: 10 })));
    // params 64·10 + 10 = 650; MACs 1 × 64 × 10 = 640.
    expect(r.layers[3]).toMatchObject({ outputShape: [1, 1, 10], params: 650, macs: 640 });
  });
});

describe('peak activation memory: a model output that feeds another layer stays alive', () => {
  // Every tensor is 64·64·1 floats = 16,384 B. in → a → b → d, outputs [a, d].
  const chain = (aIsOutput: boolean): LayerSpec[] => [
    layer('ReLU', 'a', aIsOutput ? { modelOutput: true } : {}), layer('ReLU', 'b'), layer('ReLU', 'd'),
  ];

  it('outputs [a, d] where a feeds b: 49,152 B (a, b and d alive while d runs), not 32,768 B', () => {
    expect(reportOf(stack([64, 64, 1], ...chain(true))).totals.peakActivationBytes).toBe(49_152);
    expect(reportOf(stack([64, 64, 1], ...chain(false))).totals.peakActivationBytes).toBe(32_768);
  });

  it('peakActivationBytes keeps listed outputs to the end', () => {
    const cost = (name: string, bytes: number) => ({ name, activationBytes: bytes }) as LayerCost;
    const layers = [cost('in', 10), cost('a', 20), cost('b', 40), cost('d', 80)];
    const inputsOf = new Map([['in', []], ['a', ['in']], ['b', ['a']], ['d', ['b']]]);
    // Steps: 10; 10+20; 20+40; 40+80 = 120 freely; with a kept: 20+40+80 = 140.
    expect(peakActivationBytes(layers, inputsOf)).toBe(120);
    expect(peakActivationBytes(layers, inputsOf, new Set(['a']))).toBe(140);
  });
});

describe('PReLU, LayerNormalization and Normalization have known weights', () => {
  const only = (graph: ModelGraph, detailed = false) => reportOf(graph, { convention: detailed ? 'detailed' : 'default' }).layers[1];

  it('PReLU: one alpha per element of the non-shared axes (Keras PReLU.build: param_shape = input_shape[1:])', () => {
    expect(only(stack([8, 8, 3], layer('PReLU', 'p')))).toMatchObject({ params: 192, trainableParams: 192, outputShape: [8, 8, 3] });
    expect(only(stack([8, 8, 3], layer('PReLU', 'p', { sharedAxes: [1, 2] })))).toMatchObject({ params: 3 });
    expect(only(stack([8, 8, 3], layer('PReLU', 'p', { sharedAxes: [1, 2, 3] })))).toMatchObject({ params: 1 });
    expect(only(stack([8, 8, 3], layer('PReLU', 'p')), true)).toMatchObject({ flops: 192 });
  });

  it('LayerNormalization: gamma and beta over the normalised axis; 7 FLOPs per element (detailed)', () => {
    expect(only(stack([10, 32], layer('LayerNormalization', 'ln')))).toMatchObject({ params: 64, trainableParams: 64, flops: 0 });
    expect(only(stack([10, 32], layer('LayerNormalization', 'ln', { center: false })))).toMatchObject({ params: 32 });
    expect(only(stack([10, 32], layer('LayerNormalization', 'ln', { axis: 1 })))).toMatchObject({ params: 20 });
    // 5 (statistics and normalisation) + 1 scale + 1 shift = 7 per element × 320 elements.
    expect(only(stack([10, 32], layer('LayerNormalization', 'ln')), true)).toMatchObject({ flops: 2240 });
    expect(only(stack([10, 32], layer('LayerNormalization', 'ln', { center: false })), true)).toMatchObject({ flops: 1920 });
  });

  it('Normalization: mean + variance + count, 2·C + 1, all non-trainable (none with constant statistics)', () => {
    expect(only(stack([8, 8, 3], layer('Normalization', 'n')))).toMatchObject({ params: 7, trainableParams: 0, nonTrainableParams: 7 });
    expect(only(stack([8, 8, 3], layer('Normalization', 'n', { axis: 1 })))).toMatchObject({ params: 17 });
    expect(only(stack([8, 8, 3], layer('Normalization', 'n', { constantStats: true })))).toMatchObject({ params: 0 });
    expect(only(stack([8, 8, 3], layer('Normalization', 'n')), true)).toMatchObject({ flops: 384 });
  });

  it('refuses an axis the input does not have, naming the field', () => {
    const error = (spec: LayerSpec) => {
      const r = analyzeModel(stack([8, 8, 3], spec));
      return r.ok ? null : r.errors[0];
    };
    expect(error(layer('PReLU', 'p', { sharedAxes: [4] }))).toMatchObject({ layer: 'p', field: 'sharedAxes' });
    expect(error(layer('LayerNormalization', 'ln', { axis: 4 }))).toMatchObject({ layer: 'ln', field: 'axis' });
    expect(error(layer('Normalization', 'n', { axis: -4 }))).toMatchObject({ layer: 'n', field: 'axis' });
  });
});

describe('totals past 2^53', () => {
  // Three 3×3 'same' Conv2D branches 999 → 1,000,000 channels on 667×667, and a Dense 1 on the input.
  const branches = (n: number): ModelGraph => stack([667, 667, 999],
    ...Array.from({ length: n }, (_, i) => layer('Conv2D', `c${i}`, { filters: 1_000_000, padding: 'same', inputs: ['input'] })),
    layer('Dense', 'd', { units: 1, inputs: ['input'] }));
  const convMacs = 3n * 3n * 999n * 667n * 667n * 1_000_000n; // 3,999,996,999,000,000 each; its FLOPs (2×) stay below 2^53
  const denseMacs = 667n * 667n * 999n; // 444,444,111 (odd)

  it('are marked approximate when the float64 total is not the exact sum', () => {
    const t = reportOf(branches(3)).totals;
    const exact = 3n * convMacs + denseMacs; // odd and past 2^53: no float64 holds it
    expect(exact > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(t.approximate).toBe(true);
    expect(t.macs).toBe(Number(exact)); // the nearest float64, rounded once
    expect(BigInt(t.macs)).not.toBe(exact);
  });

  it('stay exact, unmarked, when the float64 holds the exact sum; and small models are never marked', () => {
    const r = analyzeModel({ ...branches(3), layers: branches(3).layers.filter((l) => l.name !== 'd') });
    if (!r.ok) throw new Error(r.errors[0].message);
    // Even and below 2^54, where float64 steps by 2: representable exactly.
    expect(BigInt(r.report.totals.macs)).toBe(3n * convMacs);
    expect(r.report.totals.macs).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(r.report.totals.approximate).toBeUndefined();
    expect(reportOf(frozenConvBn(false)).totals.approximate).toBeUndefined();
  });
});
