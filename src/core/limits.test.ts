import { describe, expect, it } from 'vitest';
import { parseFlopLabConfig } from './config-schema';
import { layerCountProblem, MAX_LAYERS } from './limits';
import { validateLayer } from './shapes/validate-layer';
import type { LayerSpec } from './model';

describe('one set of limits', () => {
  it('states the layer limit, counted before anything else', () => {
    expect(layerCountProblem(1000)).toBeNull();
    expect(layerCountProblem(12_000)).toBe('It has 12,000 layers; FlopLab opens models of up to 1,000 layers.');
    // 1,001 entries that are not layers at all: refused by count, not by their content
    const config = { name: 'x', layers: Array.from({ length: MAX_LAYERS + 1 }, () => 42) };
    expect(parseFlopLabConfig(config)).toMatchObject({ ok: false, error: { message: 'It has 1,001 layers; FlopLab opens models of up to 1,000 layers.' } });
  });

  // The examples: each used to analyse fine while its saved copy was refused on reload.
  const cases: [string, LayerSpec, boolean][] = [
    ['BatchNorm epsilon 1', { type: 'BatchNormalization', name: 'bn', epsilon: 1, center: true, scale: true }, true],
    ['BatchNorm epsilon 2', { type: 'BatchNormalization', name: 'bn', epsilon: 2, center: true, scale: true }, false],
    ['LeakyReLU alpha 1000', { type: 'LeakyReLU', name: 'a', alpha: 1000 }, true],
    ['LeakyReLU alpha 1001', { type: 'LeakyReLU', name: 'a', alpha: 1001 }, false],
    ['ReLU max 1e9', { type: 'ReLU', name: 'r', maxValue: 1e9 }, true],
    ['ReLU max 2e9', { type: 'ReLU', name: 'r', maxValue: 2e9 }, false],
    ['Concatenate axis 8', { type: 'Concatenate', name: 'c', axis: 8 }, true],
    ['Concatenate axis 9', { type: 'Concatenate', name: 'c', axis: 9 }, false],
    ['Concatenate axis -10', { type: 'Concatenate', name: 'c', axis: -10 }, false],
    ['Unknown class name of 201 characters', { type: 'Unknown', name: 'u', className: 'C'.repeat(201), outputShape: null }, false],
  ];
  for (const [what, layer, accepted] of cases) {
    it(`${what}: the engine and the saved/shared schema agree (${accepted ? 'accepted' : 'refused'})`, () => {
      expect(validateLayer(layer) === null).toBe(accepted);
      expect(parseFlopLabConfig({ name: 'm', layers: [layer] }).ok).toBe(accepted);
    });
  }

  it('the engine names the limit: "Expected epsilon to be a positive number (at most 1), but got 2"', () => {
    expect(validateLayer(cases[1][1])?.message).toBe("Layer 'bn': Expected epsilon to be a positive number (at most 1), but got 2.");
  });
});
