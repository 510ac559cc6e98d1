/** `sharesWeightsOf`: a second call of an earlier layer counts no params, its MACs as usual. */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { expectedWeights } from '../compress/weight-shapes';
import type { LayerSpec, ModelGraph } from '../model';
import { layer, reportOf, stack } from '../test-helpers';

/** Input [10] → Dense a (10) → Dense b sharing a's weights. */
const sharedPair = (b: Record<string, unknown> = {}): ModelGraph =>
  stack([10], layer('Dense', 'a', { units: 10 }), layer('Dense', 'b', { units: 10, sharesWeightsOf: 'a', ...b }));

function errorOf(graph: ModelGraph) {
  const r = analyzeModel(graph);
  if (r.ok) throw new Error('expected an error');
  return r.errors;
}

describe('sharesWeightsOf', () => {
  it('counts the shared layer 0 params but its MACs and FLOPs in full', () => {
    const r = reportOf(sharedPair());
    const [, a, b] = r.layers;
    expect(a.params).toBe(110); // 10·10 + 10
    expect(b.params).toBe(0);
    expect(b.trainableParams + b.nonTrainableParams).toBe(0);
    expect(b.formulas.params.symbolic).toBe("0 (shares the weights of 'a')");
    expect(b.macs).toBe(100); // 10 × 10
    expect(b.flops).toBe(200);
    expect(r.totals.params).toBe(110);
    expect(r.totals.macs).toBe(200);
    expect(r.totals.weightBytes).toBe(440);
  });

  it('a convolution applied twice (one PyTorch module called twice) counts its kernel once', () => {
    const conv = (name: string, patch = {}) => layer('Conv2D', name, { filters: 8, padding: 'same', ...patch });
    const r = reportOf(stack([6, 6, 8], conv('c1'), conv('c2', { sharesWeightsOf: 'c1' })));
    expect(r.totals.params).toBe(3 * 3 * 8 * 8 + 8); // 584
    expect(r.totals.macs).toBe(2 * 72 * 288); // 2 × (3·3·8 × 6·6·8) = 41,472
  });

  it('lists no weights for the sharing layer', () => {
    const w = expectedWeights(sharedPair());
    expect(w.ok && w.value.map((x) => x.name)).toEqual(['a/kernel', 'a/bias']);
  });

  it('refuses a name no layer has', () => {
    const [e] = errorOf(sharedPair({ sharesWeightsOf: 'nope' }));
    expect(e).toMatchObject({ layer: 'b', field: 'sharesWeightsOf', code: 'invalid-value' });
    expect(e.message).toBe("Layer 'b': Expected sharesWeightsOf to be the name of an earlier layer, but got 'nope', which names no layer.");
  });

  it('refuses a layer that comes later, and the layer itself', () => {
    const g = stack([10], layer('Dense', 'a', { units: 10, sharesWeightsOf: 'b' }), layer('Dense', 'b', { units: 10 }));
    expect(errorOf(g)[0].message).toBe("Layer 'a': Expected sharesWeightsOf to be the name of an earlier layer, but got 'b', which comes after it.");
    expect(errorOf(sharedPair({ sharesWeightsOf: 'b' }))[0]).toMatchObject({ layer: 'b', field: 'sharesWeightsOf' });
  });

  it('refuses another type', () => {
    const g: ModelGraph = stack([4, 4, 10], layer('Conv2D', 'a', { filters: 10, kernelSize: [1, 1] }),
      layer('Flatten', 'f'), layer('Dense', 'd', { units: 10, sharesWeightsOf: 'a' }));
    expect(errorOf(g)[0].message).toBe("Layer 'd': Expected sharesWeightsOf to be a Dense layer (the same type), but got 'a', a Conv2D.");
  });

  it('refuses other weight shapes, showing both', () => {
    const [e] = errorOf(sharedPair({ units: 5 }));
    expect(e.message).toBe("Layer 'b': Expected sharesWeightsOf to be a layer with the same weight shapes (kernel 10×5, bias 5), but got 'a' with kernel 10×10, bias 10.");
  });

  it('refuses it on a layer without weights', () => {
    const g = stack([10], layer('ReLU', 'r1'), layer('ReLU', 'r2', { sharesWeightsOf: 'r1' }));
    expect(errorOf(g)[0]).toMatchObject({ layer: 'r2', field: 'sharesWeightsOf' });
  });

  it('reports only the owner when the owner itself is broken', () => {
    const g: LayerSpec[] = sharedPair().layers.map((l) => (l.name === 'a' ? { ...l, units: 0 } as LayerSpec : l));
    const errors = errorOf({ name: 't', layers: g });
    expect(errors.map((e) => e.layer)).toEqual(['a']);
  });
});
