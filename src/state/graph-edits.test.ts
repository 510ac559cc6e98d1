import { describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import type { ModelGraph } from '../core/model';
import {
  duplicateLayerIn, effectiveInputs, insertLayerIn, moveLayerIn, removeLayerIn, replaceLayerIn, updateLayerIn,
} from './graph-edits';

/** in → a → b, with a residual: add(a, b) → out */
function residual(): ModelGraph {
  return {
    name: 'res',
    layers: [
      layer('InputLayer', 'in', { shape: [8, 8, 4] }),
      layer('Conv2D', 'a', { filters: 4, padding: 'same' }),
      layer('Conv2D', 'b', { filters: 4, padding: 'same' }),
      layer('Add', 'add', { inputs: ['a', 'b'] }),
      layer('Dense', 'out', { inputs: ['add'] }),
    ],
  };
}

const names = (g: ModelGraph) => g.layers.map((l) => l.name);
const inputsOf = (g: ModelGraph, name: string) => g.layers.find((l) => l.name === name)?.inputs;

describe('updateLayerIn', () => {
  it('patches fields without touching the type or other layers', () => {
    const g = residual();
    const next = updateLayerIn(g, 'a', { filters: 8, type: 'Dense' } as never);
    expect(next.layers[1]).toMatchObject({ type: 'Conv2D', filters: 8 });
    expect(next.layers[2]).toBe(g.layers[2]);
    expect(g.layers[1]).toMatchObject({ filters: 4 }); // the old graph is not mutated
  });

  it('rewrites the inputs of layers that named the renamed layer', () => {
    const next = updateLayerIn(residual(), 'add', { name: 'merge' });
    expect(names(next)).toEqual(['in', 'a', 'b', 'merge', 'out']);
    expect(inputsOf(next, 'out')).toEqual(['merge']);
    const again = updateLayerIn(next, 'a', { name: 'first' });
    expect(inputsOf(again, 'merge')).toEqual(['first', 'b']);
  });

  it('a layer sharing the renamed layer\'s weights follows the new name', () => {
    const g = residual();
    const shared = { ...g, layers: g.layers.map((l) => (l.name === 'b' ? { ...l, sharesWeightsOf: 'a' } : l)) };
    const next = updateLayerIn(shared, 'a', { name: 'first' });
    expect(next.layers.find((l) => l.name === 'b')?.sharesWeightsOf).toBe('first');
  });

  it('does not steal consumers when renaming into or out of a name another layer holds', () => {
    const collided = updateLayerIn(residual(), 'b', { name: 'a' });
    expect(inputsOf(collided, 'add')).toEqual(['a', 'b']); // left for the engine to flag
    const away = updateLayerIn(collided, 'a', { name: 'c' }); // renames the first 'a' (layer 1)
    expect(inputsOf(away, 'add')).toEqual(['a', 'b']);
  });

  it('returns the same graph for an unknown layer', () => {
    const g = residual();
    expect(updateLayerIn(g, 'nope', { name: 'x' })).toBe(g);
  });
});

describe('replaceLayerIn', () => {
  it('swaps a layer for another type and rewires on a new name', () => {
    const sep = layer('SeparableConv2D', 'a_sep', { filters: 4, padding: 'same' });
    const next = replaceLayerIn(residual(), 'a', sep);
    expect(next.layers[1]).toBe(sep);
    expect(inputsOf(next, 'add')).toEqual(['a_sep', 'b']);
  });
});

describe('removeLayerIn', () => {
  it('in a plain stack, the next layer reads what the removed one read', () => {
    const g = stack([4], layer('Dense', 'd1'), layer('Dense', 'd2'), layer('Dense', 'd3'));
    const next = removeLayerIn(g, 'd2');
    expect(names(next)).toEqual(['input', 'd1', 'd3']);
    expect(effectiveInputs(next, 2)).toEqual(['d1']);
    expect(next.layers[2].inputs).toBeUndefined();
  });

  it('layers that named the removed layer take its inputs instead', () => {
    const next = removeLayerIn(residual(), 'b');
    expect(inputsOf(next, 'add')).toEqual(['a']); // ['a', 'a'] deduplicated
    const next2 = removeLayerIn(residual(), 'add');
    expect(inputsOf(next2, 'out')).toEqual(['a', 'b']);
  });

  it('an implicit next layer keeps the removed layer’s explicit inputs', () => {
    const g: ModelGraph = {
      name: 'branch',
      layers: [
        layer('InputLayer', 'in', { shape: [4] }),
        layer('Dense', 'left'),
        layer('Dense', 'right', { inputs: ['in'] }),
        layer('Dense', 'after'),
      ],
    };
    const next = removeLayerIn(g, 'right');
    expect(inputsOf(next, 'after')).toEqual(['in']);
  });

  it('removing the first layer leaves the next without inputs', () => {
    const next = removeLayerIn(stack([4], layer('Dense', 'd1')), 'input');
    expect(names(next)).toEqual(['d1']);
    expect(effectiveInputs(next, 0)).toEqual([]);
  });
});

describe('moveLayerIn / insertLayerIn / duplicateLayerIn', () => {
  it('moves by index and clamps the target', () => {
    const g = stack([4], layer('Dense', 'd1'), layer('Dense', 'd2'));
    expect(names(moveLayerIn(g, 2, 1))).toEqual(['input', 'd2', 'd1']);
    expect(names(moveLayerIn(g, 0, 99))).toEqual(['d1', 'd2', 'input']);
    expect(moveLayerIn(g, 5, 0)).toBe(g);
    expect(moveLayerIn(g, 1, 1)).toBe(g);
  });

  it('inserts at an index or at the end', () => {
    const g = stack([4], layer('Dense', 'd1'));
    expect(names(insertLayerIn(g, layer('Flatten', 'f'), 1))).toEqual(['input', 'f', 'd1']);
    expect(names(insertLayerIn(g, layer('Flatten', 'f')))).toEqual(['input', 'd1', 'f']);
  });

  it('duplicates right after the original, reading the original', () => {
    const next = duplicateLayerIn(residual(), 'out', 'out_1');
    expect(names(next)).toEqual(['in', 'a', 'b', 'add', 'out', 'out_1']);
    expect(next.layers[5]).toMatchObject({ type: 'Dense', name: 'out_1' });
    expect(next.layers[5].inputs).toBeUndefined();
    expect(effectiveInputs(next, 5)).toEqual(['out']);
  });
});
