import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { resolveGraph, resolveInputs } from './graph';
import type { ModelGraph } from './model';
import { layer, stack } from './test-helpers';

const names = (g: ModelGraph) => {
  const r = resolveInputs(g);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.order.map((l) => l.name);
};

describe('resolveInputs', () => {
  it('wires a layer without inputs to the layer listed before it', () => {
    const r = resolveInputs(stack([4], layer('Dense', 'a'), layer('Dense', 'b')));
    expect(r.ok && [...r.value.inputsOf.entries()]).toEqual([['input', []], ['a', ['input']], ['b', ['a']]]);
  });

  it('keeps list order when the wiring allows it, and reorders a layer listed before its input', () => {
    const g: ModelGraph = { name: 'g', layers: [
      { type: 'InputLayer', name: 'in', shape: [4] },
      layer('Dense', 'late', { inputs: ['early'] }),
      layer('Dense', 'early', { inputs: ['in'] }),
      layer('Dense', 'side', { inputs: ['in'] }),
    ] };
    expect(names(g)).toEqual(['in', 'early', 'late', 'side']);
  });

  it('reports a duplicate name', () => {
    const r = resolveInputs(stack([4], layer('Dense', 'a'), layer('Dense', 'a')));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'duplicate-name', layer: 'a', field: 'name' });
  });

  it('reports a missing input naming the layer and the missing name', () => {
    const r = resolveInputs(stack([4], layer('Dense', 'a', { inputs: ['ghost'] })));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'missing-input', layer: 'a', field: 'inputs' });
    expect(r.ok ? '' : r.error.message).toMatch(/Layer 'a':.*'ghost'/);
  });

  it('reports a cycle with its path', () => {
    const g = stack([4], layer('Dense', 'a', { inputs: ['b'] }), layer('Dense', 'b', { inputs: ['a'] }));
    const r = resolveInputs(g);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'cycle', field: 'inputs' });
    expect(r.ok ? '' : r.error.message).toMatch(/'a' → 'b' → 'a'|'b' → 'a' → 'b'/);
  });

  it('reports a layer fed by itself as a cycle', () => {
    const r = resolveInputs(stack([4], layer('Dense', 'a', { inputs: ['a'] })));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'cycle', layer: 'a' });
  });

  it('reports a model without an InputLayer, and a first layer with nothing before it', () => {
    const r = resolveGraph({ name: 'g', layers: [layer('Dense', 'a')] });
    expect(r.errors.map((e) => e.code).sort()).toEqual(['missing-input', 'no-input-layer']);
    expect(resolveGraph({ name: 'g', layers: [] }).errors[0].code).toBe('no-input-layer');
  });

  it('treats hostile input as errors, never throwing', () => {
    const hostile: unknown[] = [null, 3, 'x', {}, { layers: 'no' }, { layers: [null, 1, { name: '' }] },
      { layers: [{ type: 'InputLayer', name: 'in', shape: [2], inputs: ['x'] }] },
      { layers: [{ type: 'InputLayer', name: 'in', shape: [2] }, { type: 'Dense', name: 'd', inputs: [1] }] },
      { layers: [{ type: 'InputLayer', name: 'in', shape: [2] }, { type: 'Dense', name: 'd', inputs: [] }] }];
    for (const g of hostile) {
      const r = analyzeModel(g as ModelGraph);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }
  });

  it('collects one error per broken layer and skips the layers fed by a broken one', () => {
    const g = stack([8, 8, 3],
      layer('Conv2D', 'bad1', { filters: 0 }),
      layer('Conv2D', 'after1'),                        // fed by bad1: skipped, no second error
      layer('Flatten', 'flat', { inputs: ['input'] }),
      layer('Conv2D', 'bad2', { inputs: ['flat'] }),     // Conv2D on a flat input
      layer('Dense', 'bad3', { inputs: ['nowhere'] }));
    const r = analyzeModel(g);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.layer, e.code]).sort()).toEqual([
      ['bad1', 'invalid-value'], ['bad2', 'wrong-rank'], ['bad3', 'missing-input'],
    ]);
  });

  it('orders any shuffled DAG topologically, and keeps an already topological list as it is', () => {
    // Layer i (i ≥ 1) takes inputs from random earlier layers; the list is then shuffled.
    const dag = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { maxLength: 40 }).chain((picks) => {
      const layers = [{ type: 'InputLayer' as const, name: 'l0', shape: [4] }, ...picks.map((p, k) => {
        const i = k + 1;
        return { type: 'Add' as const, name: `l${i}`, inputs: [...new Set(p.map((x) => `l${x % i}`))] };
      })];
      return fc.tuple(fc.constant(layers), fc.shuffledSubarray(layers, { minLength: layers.length, maxLength: layers.length }));
    });
    fc.assert(fc.property(dag, ([sorted, shuffled]) => {
      const check = (g: ModelGraph) => {
        const r = resolveInputs(g);
        if (!r.ok) throw new Error(r.error.message);
        const at = new Map(r.value.order.map((l, i) => [l.name, i]));
        for (const l of r.value.order) for (const n of r.value.inputsOf.get(l.name) ?? []) expect(at.get(n)).toBeLessThan(at.get(l.name) as number);
        return r.value.order.map((l) => l.name);
      };
      expect(check({ name: 'sorted', layers: sorted })).toEqual(sorted.map((l) => l.name));
      expect(check({ name: 'shuffled', layers: shuffled })).toHaveLength(sorted.length);
    }), { numRuns: 200 });
  });
});
