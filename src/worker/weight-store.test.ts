import { describe, expect, it } from 'vitest';
import { heldWeights, heldWeightsPending, importedWeightsFor, matchWeights, rememberImportedWeights } from './weight-store';

const w = (name: string, shape: number[]) => ({ name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });

describe('matchWeights', () => {
  const available = [w('conv1/kernel', [3, 3, 1, 6]), w('conv1/bias', [6]), w('fc/kernel', [10, 2])];

  it('returns the imported tensors in the order the model wants them', () => {
    const got = matchWeights(available, [{ name: 'fc/kernel', shape: [10, 2] }, { name: 'conv1/kernel', shape: [3, 3, 1, 6] }]);
    expect(got?.map((t) => t.name)).toEqual(['fc/kernel', 'conv1/kernel']);
  });
  it('refuses when a shape differs (the layer was edited after import)', () => {
    expect(matchWeights(available, [{ name: 'conv1/kernel', shape: [3, 3, 1, 8] }])).toBeNull();
  });
  it('refuses when a tensor is missing or nothing was imported', () => {
    expect(matchWeights(available, [{ name: 'conv2/kernel', shape: [1] }])).toBeNull();
    expect(matchWeights(null, [{ name: 'conv1/bias', shape: [6] }])).toBeNull();
  });
});

describe('held weights given as a function (an ONNX import)', () => {
  it('are computed on first use only, then kept', () => {
    let calls = 0;
    rememberImportedWeights(() => {
      calls++;
      return [w('conv1/kernel', [3, 3, 1, 6])];
    });
    expect(calls).toBe(0);
    expect(heldWeightsPending()).toBe(true);
    expect(importedWeightsFor([{ name: 'conv1/kernel', shape: [3, 3, 1, 6] }])?.length).toBe(1);
    expect(importedWeightsFor([{ name: 'conv1/kernel', shape: [3, 3, 1, 6] }])?.length).toBe(1);
    expect(calls).toBe(1);
    expect(heldWeightsPending()).toBe(false);
    rememberImportedWeights(null);
    expect(heldWeights()).toBeNull();
  });
});
