import { describe, expect, it } from 'vitest';
import { pruningOverridesFromSensitivity, safeSparsity } from './overrides';

const layer = (name: string, accuracies: number[]) => ({
  name, points: [0, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99].map((sparsity, i) => ({ sparsity, accuracy: accuracies[i] })),
});

describe('safeSparsity', () => {
  it('takes the highest sparsity within the allowed loss (baseline 0.975, 1 pp: ≥ 0.965)', () => {
    expect(safeSparsity(layer('fc1', [0.975, 0.975, 0.974, 0.972, 0.97, 0.965, 0.95, 0.6]), 0.975, 0.01)).toBe(0.9);
  });

  it('stops at the first point that loses too much, even if a later one recovers', () => {
    expect(safeSparsity(layer('fc1', [0.975, 0.975, 0.96, 0.97, 0.97, 0.97, 0.97, 0.97]), 0.975, 0.01)).toBe(0.25);
  });

  it('gives 0 when every pruned point loses too much, and follows the tolerance', () => {
    const fragile = layer('out', [0.975, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
    expect(safeSparsity(fragile, 0.975, 0.01)).toBe(0);
    expect(safeSparsity(fragile, 0.975, 0.2)).toBe(0.5); // ≥ 0.775: 0.9 and 0.8 pass, 0.7 fails
  });
});

describe('pruningOverridesFromSensitivity', () => {
  it('sets one prune override per layer', () => {
    const report = { baseline: 0.98, layers: [layer('fc1', [0.98, 0.98, 0.98, 0.98, 0.975, 0.972, 0.96, 0.5]), layer('fc3', [0.98, 0.975, 0.95, 0.9, 0.8, 0.7, 0.6, 0.2])] };
    expect(pruningOverridesFromSensitivity(report)).toEqual({ ok: true, value: { fc1: { prune: { sparsity: 0.9 } }, fc3: { prune: { sparsity: 0.25 } } } });
  });

  it('rejects a tolerance outside 0..1 as a value', () => {
    expect(pruningOverridesFromSensitivity({ baseline: 1, layers: [] }, 5)).toMatchObject({ ok: false, error: { field: 'maxLoss', message: 'Sensitivity: Expected the accuracy loss allowed to be a fraction from 0 to 1, but got 5.' } });
  });
});
