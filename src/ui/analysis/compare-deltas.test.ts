import { describe, expect, it } from 'vitest';
import { formatRatio, layerDeltas, separableSwaps, totalsDeltas } from './compare-deltas';
import { comparedNameOfB } from './compared-name';
import { layerCost, normalGraph, normalReport, separableGraph, separableReport } from './test-fixtures';

const A = { graph: normalGraph, report: normalReport };
const B = { graph: separableGraph, report: separableReport };

describe('totalsDeltas', () => {
  it('gives B − A and the relative change for the worked conv → separable example', () => {
    const byKey = Object.fromEntries(totalsDeltas(normalReport.totals, separableReport.totals).map((d) => [d.key, d]));
    expect(byKey.macs).toMatchObject({ a: 231_212_288, b: 27_497_728, delta: -203_714_560 });
    expect(byKey.macs.change).toBeCloseTo(-203_714_560 / 231_212_288, 12);
    expect(byKey.params).toMatchObject({ a: 75_146, b: 10_186, delta: -64_960 });
    expect(byKey.peakActivationBytes).toMatchObject({ delta: 0, change: 0 });
  });

  it('has no percentage when A is zero', () => {
    const zero = { ...normalReport.totals, params: 0 };
    const params = totalsDeltas(zero, normalReport.totals).find((d) => d.key === 'params');
    expect(params).toMatchObject({ delta: 75_146, change: null });
  });
});

describe('layerDeltas', () => {
  it('matches layers by name and marks only the swapped conv as changed', () => {
    const rows = layerDeltas(normalReport, separableReport);
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['input', 'same'], ['conv2', 'changed'], ['gap', 'same'], ['dense', 'same'],
    ]);
    expect(rows[1]).toMatchObject({ typeA: 'Conv2D', typeB: 'SeparableConv2D', macsA: 231_211_008, macsB: 27_496_448 });
  });

  it('places a layer only in B after its predecessor and after what was removed there, like a diff', () => {
    const extra = layerCost({ name: 'relu_new', type: 'ReLU', flops: 0 });
    const b = { ...separableReport, layers: [separableReport.layers[0], separableReport.layers[1], extra, separableReport.layers[3]] };
    const rows = layerDeltas(normalReport, b);
    expect(rows.map((r) => [r.name, r.status])).toEqual([
      ['input', 'same'], ['conv2', 'changed'], ['gap', 'removed'], ['relu_new', 'added'], ['dense', 'same'],
    ]);
    expect(rows[2]).toMatchObject({ typeB: null, macsB: null });
  });
});

describe('separableSwaps', () => {
  it('reports the worked example: 231,211,008 → 27,496,448 MACs, ratio 1/128 + 1/9', () => {
    const [swap, ...rest] = separableSwaps(A, B);
    expect(rest).toEqual([]);
    expect(swap).toMatchObject({
      name: 'conv2', nameB: 'conv2', direction: 'to-separable', kernel: [3, 3], cin: 64, cout: 128, depthMultiplier: 1,
      macsBefore: 231_211_008, macsAfter: 27_496_448, savingMacs: 203_714_560,
      depthwiseMacs: 1_806_336, pointwiseMacs: 25_690_112,
    });
    expect(swap.savingFraction).toBeCloseTo(0.881076, 5);
    expect(swap.measuredRatio).toBeCloseTo(1 / 128 + 1 / 9, 12);
    expect(swap.formulaRatio).toBeCloseTo(1 / 128 + 1 / 9, 12);
    expect(swap.formulaText).toBe('1/Cout + 1/K² = 1/128 + 1/9 = 0.119');
  });

  it('works the other way round (separable → conv) with a negative saving', () => {
    const [swap] = separableSwaps(B, A);
    expect(swap).toMatchObject({ direction: 'to-conv', macsBefore: 27_496_448, macsAfter: 231_211_008, savingMacs: -203_714_560 });
    expect(swap.measuredRatio).toBeCloseTo(27_496_448 / 231_211_008, 12);
  });

  it('pairs a renamed counterpart doing the same job (the lecture preset pair)', () => {
    const renamed = {
      graph: { ...separableGraph, layers: separableGraph.layers.map((l) => (l.name === 'conv2' ? { ...l, name: 'sep' } : l)) },
      report: { ...separableReport, layers: separableReport.layers.map((l) => (l.name === 'conv2' ? { ...l, name: 'sep' } : l)) },
    };
    const [swap, ...rest] = separableSwaps(A, renamed);
    expect(rest).toEqual([]);
    expect(swap).toMatchObject({ name: 'conv2', nameB: 'sep', macsBefore: 231_211_008, macsAfter: 27_496_448 });
  });

  it('does not pair layers doing different jobs', () => {
    const other = {
      graph: { ...separableGraph, layers: separableGraph.layers.map((l) => (l.name === 'conv2' ? { ...l, name: 'sep', filters: 64 } : l)) },
      report: { ...separableReport, layers: separableReport.layers.map((l) => (l.name === 'conv2' ? { ...l, name: 'sep' } : l)) },
    };
    expect(separableSwaps(A, other)).toEqual([]);
  });

  it('finds nothing when no layer changed type', () => {
    expect(separableSwaps(A, A)).toEqual([]);
  });
});

describe('formatRatio', () => {
  it('keeps three significant digits', () => {
    expect(formatRatio(1 / 128 + 1 / 9)).toBe('0.119');
    expect(formatRatio(1 / 1024 + 1 / 49)).toBe('0.0214');
  });
});

describe('comparedNameOfB', () => {
  const swaps = separableSwaps(A, B);
  const named = (graph: typeof separableGraph, name: string) => ({ ...graph, name });

  it("follows the layers: the lecture's normal model made separable is called separable", () => {
    expect(comparedNameOfB(named(separableGraph, 'Normal 7×7 convolution'), swaps)).toBe('Separable 7×7 convolution');
    expect(comparedNameOfB(named(normalGraph, 'Separable 7×7 convolution'), separableSwaps(B, A))).toBe('Normal 7×7 convolution');
  });

  it('names the swapped layer when the model name says nothing about its kind', () => {
    expect(comparedNameOfB(named(separableGraph, 'VGG-16'), swaps)).toBe('VGG-16, conv2 made separable');
  });

  it('keeps the name when nothing was swapped, or when the layers are mixed', () => {
    expect(comparedNameOfB(named(separableGraph, 'Normal 7×7 convolution'), [])).toBe('Normal 7×7 convolution');
    const mixed = { ...separableGraph, name: 'Normal mix', layers: [...separableGraph.layers, { ...normalGraph.layers[1], name: 'conv3' }] };
    expect(comparedNameOfB(mixed, swaps)).toBe('Normal mix, conv2 made separable');
  });
});
