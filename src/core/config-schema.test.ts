import { describe, expect, it } from 'vitest';
import { parseFlopLabConfig, toFlopLabConfig } from './config-schema';
import { createLayer, LAYER_TYPES_IN_PALETTE } from './layer-defaults';
import { layer, stack } from './test-helpers';

describe('FlopLab config schema', () => {
  it('round-trips a graph with every palette layer type through JSON', () => {
    const g = { name: 'all', layers: LAYER_TYPES_IN_PALETTE.map((t, i) => createLayer(t, `l${i}`)) };
    const back = parseFlopLabConfig(JSON.parse(JSON.stringify(toFlopLabConfig(g))));
    expect(back).toEqual({ ok: true, value: g });
  });

  it('accepts a bare ModelGraph and an unknown layer with its shape', () => {
    const g = stack([4], { type: 'Unknown', name: 'u', className: 'Foo', outputShape: [3] });
    expect(parseFlopLabConfig(g).ok).toBe(true);
  });

  it('names the path and layer of a bad field', () => {
    const r = parseFlopLabConfig(stack([8, 8, 3], layer('Conv2D', 'conv1', { filters: 0 })));
    expect(r.ok ? null : r.error).toMatchObject({ code: 'parse-error', layer: 'conv1', field: 'filters' });
    expect(r.ok ? '' : r.error.message).toMatch(/^Layer 'conv1' \(layers\[1\]\.filters\): .*but got 0\.$/);
  });

  it('names the real limit for a huge number, not the safe-integer one', () => {
    const r = parseFlopLabConfig({ name: 'x', layers: [{ ...createLayer('Dense', 'd'), units: 1e308 }] });
    expect(r.ok ? '' : r.error.message).toBe("Layer 'd' (layers[0].units): Too big: expected number to be <=1000000, but got 1e+308.");
  });

  it.each([
    ['not an object', 'hello'], ['null', null], ['no layers', { name: 'x' }],
    ['wrong format tag', { format: 'keras', name: 'x', layers: [] }],
    ['unknown type', { name: 'x', layers: [{ type: 'Conv3D', name: 'c' }] }],
    ['extra field', { name: 'x', layers: [{ ...createLayer('Dense', 'd'), evil: true }] }],
    ['NaN', { name: 'x', layers: [{ ...createLayer('Dense', 'd'), units: Number.NaN }] }],
    ['huge', { name: 'x', layers: [{ ...createLayer('Dense', 'd'), units: 1e12 }] }],
    ['string number', { name: 'x', layers: [{ ...createLayer('Dense', 'd'), units: '4' }] }],
    ['two -1 in reshape', { name: 'x', layers: [{ ...createLayer('Reshape', 'r'), targetShape: [-1, -1] }] }],
    ['prototype key', JSON.parse('{"name":"x","layers":[],"__proto__":{"polluted":1}}')],
    ['deep nesting', { name: 'x', layers: [JSON.parse('['.repeat(5000) + ']'.repeat(5000))] }],
  ])('rejects %s without throwing', (_label, json) => {
    const r = parseFlopLabConfig(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('parse-error');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('FlopLab config: the display layout', () => {
  it('keeps layout channels-first through parse and export, and leaves it out when absent', () => {
    const withLayout = { name: 'onnx', layers: [], layout: 'channels-first' };
    const parsed = parseFlopLabConfig(withLayout);
    expect(parsed.ok && parsed.value).toEqual({ name: 'onnx', layers: [], layout: 'channels-first' });
    if (parsed.ok) expect(toFlopLabConfig(parsed.value)).toEqual({ format: 'floplab', version: 1, ...withLayout });
    const plain = parseFlopLabConfig({ name: 'keras', layers: [] });
    expect(plain.ok && plain.value).toEqual({ name: 'keras', layers: [] });
    if (plain.ok) expect(JSON.stringify(toFlopLabConfig(plain.value))).toBe('{"format":"floplab","version":1,"name":"keras","layers":[]}');
  });

  it('refuses a layout it does not know', () => {
    const r = parseFlopLabConfig({ name: 'm', layers: [], layout: 'channels-last' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('layout');
  });
});
