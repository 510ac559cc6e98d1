import { describe, expect, it, vi } from 'vitest';
import type { LayerSpec, ModelGraph } from '../../model';
import type { NamedWeight } from '../weights-manifest';
import { MAX_DATASET_VALUES, MAX_KERAS_WEIGHT_VALUES, nameLayerArrays, readBudget, type StoredArray } from './layer-arrays';

const graph: ModelGraph = {
  name: 'm',
  layers: [
    { type: 'InputLayer', name: 'in', shape: [4] },
    { type: 'Dense', name: 'fc', units: 2, useBias: true, activation: 'linear' },
    { type: 'PReLU', name: 'act', sharedAxes: null },
  ],
};
const spec = (name: string) => graph.layers.find((l) => l.name === name) as LayerSpec;

/** A stored array that declares `shape` and counts its reads (values 0, 1, 2, …). */
function stored(path: string, shape: number[]) {
  const read = vi.fn((maxElements: number) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size > maxElements) throw new Error('read past its bound');
    return { ok: true as const, shape, data: Float32Array.from({ length: size }, (_, i) => i) };
  });
  const array: StoredArray = { path, describe: () => ({ ok: true, shape }), read };
  return { array, read };
}

function budget() {
  const b = readBudget(graph);
  if (!b.ok) throw new Error(b.error.message);
  return b.value;
}

describe('nameLayerArrays: the declared shape is checked before any value is read', () => {
  it('reads arrays of the expected shapes (Dense [4, 2] + [2]: 10 values) and charges them to the budget', () => {
    const b = budget();
    const out: NamedWeight[] = [];
    const arrays = [stored('k', [4, 2]), stored('b', [2])];
    expect(nameLayerArrays(spec('fc'), arrays.map((a) => a.array), out, [], b)).toEqual({ ok: true, value: undefined });
    expect(out.map((w) => [w.name, w.shape])).toEqual([['fc/kernel', [4, 2]], ['fc/bias', [2]]]);
    expect(arrays.map((a) => a.read.mock.calls)).toEqual([[[8]], [[2]]]);
    expect(b.valuesLeft).toBe(MAX_KERAS_WEIGHT_VALUES - 10);
  });

  it('refuses a kernel declared 16000×16000 without reading it, naming the layer, weight and both shapes', () => {
    const kernel = stored('model_weights/fc/fc/kernel:0', [16000, 16000]);
    const r = nameLayerArrays(spec('fc'), [kernel.array, stored('b', [2]).array], [], [], budget());
    expect(r.ok ? '' : r.error.message).toBe("Layer 'fc' (Dense): Expected weight 'kernel' to have shape [4, 2], but the file has [16000, 16000].");
    expect(r.ok ? null : r.error).toMatchObject({ layer: 'fc', field: 'kernel' });
    expect(kernel.read).not.toHaveBeenCalled();
  });

  it('bounds a weight the graph lists no shape for (PReLU alpha) by what the layer counts (2 values after fc)', () => {
    const fits = stored('a', [2]);
    expect(nameLayerArrays(spec('act'), [fits.array], [], [], budget()).ok).toBe(true);
    const huge = stored('model_weights/act/act/alpha:0', [5000, 5000]);
    const r = nameLayerArrays(spec('act'), [huge.array], [], [], budget());
    expect(r.ok ? '' : r.error.message).toBe("Layer 'act' (PReLU): weight 'alpha' (model_weights/act/act/alpha:0): Expected at most 2 values (what the layer counts), but its shape [5000, 5000] holds 25000000 (not read).");
    expect(huge.read).not.toHaveBeenCalled();
  });

  it('never reads past the values left in the file', () => {
    const b = { ...budget(), valuesLeft: 9 };
    const kernel = stored('k', [4, 2]);
    const bias = stored('model_weights/fc/fc/bias:0', [2]);
    const r = nameLayerArrays(spec('fc'), [kernel.array, bias.array], [], [], b);
    expect(r.ok ? '' : r.error.message).toBe("Layer 'fc' (Dense): weight 'bias' (model_weights/fc/fc/bias:0): Expected at most 1 more values in this file, but its shape [2] holds 2 (not read).");
    expect(bias.read).not.toHaveBeenCalled();
  });

  it('refuses a non-float array from its header', () => {
    const array: StoredArray = { path: 'p', describe: () => ({ ok: false, message: 'Expected float16, float32 or float64 values, but got the HDF5 type "<i8"' }), read: () => { throw new Error('read'); } };
    const r = nameLayerArrays(spec('act'), [array], [], [], budget());
    expect(r.ok ? '' : r.error.message).toBe("Layer 'act' (PReLU): weight 'alpha' (p): Expected float16, float32 or float64 values, but got the HDF5 type \"<i8\".");
  });
});

describe('readBudget', () => {
  it('refuses a graph whose weights alone exceed the cap, before any array is looked at', () => {
    const big: ModelGraph = { name: 'big', layers: [
      { type: 'InputLayer', name: 'in', shape: [20000] },
      { type: 'Dense', name: 'huge', units: 20000, useBias: false, activation: 'linear' },
    ] };
    const r = readBudget(big);
    expect(r.ok ? '' : r.error.message).toBe(`Expected the model's weights to hold at most ${MAX_KERAS_WEIGHT_VALUES} values, but its layers need 400000000: they are not read.`);
  });

  it('one array is at most MAX_DATASET_VALUES even when the graph wants more', () => {
    const wide: ModelGraph = { name: 'w', layers: [
      { type: 'InputLayer', name: 'in', shape: [8192] },
      { type: 'Dense', name: 'fc', units: 8192, useBias: false, activation: 'linear' },
    ] };
    const b = readBudget(wide);
    if (!b.ok) throw new Error(b.error.message);
    const kernel = stored('k', [8192, 8192]);
    const r = nameLayerArrays(wide.layers[1], [kernel.array], [], [], b.value);
    expect(r.ok ? '' : r.error.message).toBe(`Layer 'fc' (Dense): weight 'kernel' (k): Expected at most ${MAX_DATASET_VALUES} values in one array, but its shape [8192, 8192] holds 67108864 (not read).`);
    expect(kernel.read).not.toHaveBeenCalled();
  });
});
