import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_LAYERS } from '../core/config-schema';
import { createLayer, LAYER_TYPES_IN_PALETTE } from '../core/layer-defaults';
import type { LayerSpec, LayerType } from '../core/model';
import { PRESETS } from '../core/presets/index';
import { layer, stack } from '../core/test-helpers';
import { FIELD_RULES } from './layer-codec';
import { decodeShareState, encodeShareState, shareFragment, shareParam, type ShareState } from './url-codec';

const base: Omit<ShareState, 'graph'> = {
  presetId: null, deviceId: 'raspberry-pi-4', customDevice: null, convention: 'default', metric: 'macs',
  tab: 'analysis', selectedLayer: null,
};

/** A URL as long as a real deployment's: origin + path + '#s=' + the state. */
const PAGE = 'https://floplab.example.org/playground/';

function roundTrip(state: ShareState): ShareState {
  const decoded = decodeShareState(encodeShareState(state));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
const packed = (text: string) => `v1.${toBase64Url(deflateSync(new TextEncoder().encode(text)))}`;

describe('share links: round trips', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s round-trips and fits in 2,000 characters of URL', (_id, preset) => {
    const state: ShareState = { ...base, graph: preset.build(), presetId: preset.id };
    const url = `${PAGE}${shareFragment(state)}`;
    expect(url.length).toBeLessThanOrEqual(2000);
    expect(roundTrip(state)).toEqual(state);
  });

  it('keeps the device, custom figures, view and selection', () => {
    const state: ShareState = {
      graph: stack([28, 28, 1], layer('Flatten', 'f'), layer('Dense', 'out', { units: 10, activation: 'softmax' })),
      presetId: 'lenet-5', deviceId: 'custom', customDevice: { peakGflops: 123.4, bandwidthGBs: 5.6 },
      convention: 'detailed', metric: 'flops', tab: 'compare', selectedLayer: 'out',
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('keeps every field of every layer type, defaults or not', () => {
    const layers: LayerSpec[] = LAYER_TYPES_IN_PALETTE.map((type) => createLayer(type, `default_${type}`));
    const changed: LayerSpec[] = [
      layer('Conv2D', 'c', { filters: 7, kernelSize: [3, 5], strides: [2, 2], padding: 'same', dilationRate: [2, 1], useBias: false, activation: 'relu6', inputs: ['default_InputLayer'] }),
      layer('ZeroPadding2D', 'z', { padding: [[1, 2], [3, 4]] }),
      layer('ReLU', 'r', { maxValue: 6 }),
      layer('Reshape', 'rs', { targetShape: [4, -1] }),
      layer('Unknown', 'u', { className: 'MyLayer', outputShape: [3, 4] }),
      layer('Add', 'add', { inputs: ['c', 'default_Dense', 'later_layer'] }),
      layer('Dense', 'no_inputs', { inputs: [] }),
    ];
    const state: ShareState = { ...base, graph: { name: 'all types ✓ «»', layers: [...layers, ...changed] } };
    expect(roundTrip(state)).toEqual(state);
  });

  it('the layer table covers every field of every layer type', () => {
    const types = [...LAYER_TYPES_IN_PALETTE, 'Unknown' as LayerType];
    for (const type of types) {
      for (const field of Object.keys(createLayer(type, 'x'))) {
        if (field !== 'type' && field !== 'name') expect(FIELD_RULES, `${type}.${field}`).toHaveProperty(field);
      }
    }
    const keys = Object.values(FIELD_RULES).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('t');
    expect(keys).not.toContain('n');
    expect(keys).not.toContain('i');
  });

  it('round-trips random layer stacks with random wiring and overrides (property)', () => {
    const layerArb = fc.record({
      type: fc.constantFrom(...LAYER_TYPES_IN_PALETTE),
      name: fc.string({ minLength: 1, maxLength: 12 }),
      size: fc.integer({ min: 1, max: 9 }),
      wide: fc.integer({ min: 1, max: 9 }),
      flag: fc.boolean(),
      inputs: fc.option(fc.array(fc.nat(12), { maxLength: 3 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(layerArb, { maxLength: 12 }), fc.constantFrom('macs', 'flops') as fc.Arbitrary<'macs' | 'flops'>, (specs, metric) => {
        const layers = specs.map((spec, i): LayerSpec => {
          const l = createLayer(spec.type, `${spec.name}_${i}`) as unknown as Record<string, unknown>;
          for (const field of ['kernelSize', 'strides', 'poolSize', 'dilationRate']) if (field in l) l[field] = [spec.size, spec.wide];
          for (const field of ['filters', 'units', 'depthMultiplier']) if (field in l) l[field] = spec.size * spec.wide;
          if ('useBias' in l) l.useBias = spec.flag;
          if (spec.inputs) l.inputs = spec.inputs.map((j) => (j < i ? `${specs[j].name}_${j}` : `later_${j}`));
          return l as unknown as LayerSpec;
        });
        const state: ShareState = { ...base, metric, graph: { name: 'random', layers } };
        expect(roundTrip(state)).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the state from a whole fragment, an s= parameter or the bare text', () => {
    const state: ShareState = { ...base, graph: PRESETS[0].build() };
    const fragment = shareFragment(state);
    expect(fragment.startsWith('#s=v1.')).toBe(true);
    expect(shareParam(fragment)).toBe(encodeShareState(state));
    expect(shareParam('#other=1&s=abc')).toBe('abc');
    expect(shareParam('#nothing')).toBeNull();
    for (const form of [fragment, fragment.slice(1), encodeShareState(state)]) {
      expect(decodeShareState(form)).toEqual({ ok: true, value: state });
    }
  });
});

describe('share links: damaged and hostile input', () => {
  const valid = encodeShareState({ ...base, graph: PRESETS[0].build() });

  const failure = (fragment: string) => {
    const decoded = decodeShareState(fragment);
    expect(decoded.ok).toBe(false);
    return decoded.ok ? '' : decoded.error.message;
  };

  it('names what is wrong', () => {
    expect(failure('')).toMatch(/not a FlopLab link/);
    expect(failure('v9.abc')).toMatch(/version v9/);
    expect(failure('v1.***')).toMatch(/characters/);
    expect(failure('v1.AAAA')).toMatch(/cannot be unpacked|cut short/);
    expect(failure(valid.slice(0, valid.length - 10))).toMatch(/cannot be unpacked|cut short/);
    expect(failure(packed('not json'))).toMatch(/not JSON/);
    expect(failure(packed('[1,2]'))).toMatch(/not an object/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"raspberry-pi-4","zz":1}'))).toMatch(/unknown field 'zz'/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"pentium-9"}'))).toMatch(/unknown device/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":99,"n":"a"}]},"d":"raspberry-pi-4"}'))).toMatch(/type code/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":5,"n":"a","h":[3]}]},"d":"raspberry-pi-4"}'))).toMatch(/unknown field 'h'/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":5,"n":"a","i":[1]}]},"d":"raspberry-pi-4"}'))).toMatch(/no earlier layer/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":5,"n":"a","u":-3}]},"d":"raspberry-pi-4"}'))).toMatch(/invalid/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":5,"n":"a","u":"64"}]},"d":"raspberry-pi-4"}'))).toMatch(/invalid/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"custom"}'))).toMatch(/custom device/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"custom","c":[0,1]}'))).toMatch(/custom device/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"raspberry-pi-4","l":"ghost"}'))).toMatch(/ghost/);
    expect(failure(packed('{"g":{"n":"x","l":[]},"d":"raspberry-pi-4","v":"eval(1)"}'))).toMatch(/'v' is not one of/);
  });

  it('refuses prototype tricks', () => {
    expect(failure(packed('{"__proto__":{"x":1},"g":{"n":"x","l":[]},"d":"raspberry-pi-4"}'))).toMatch(/unknown field/);
    expect(failure(packed('{"g":{"n":"x","l":[{"t":5,"n":"a","__proto__":{"units":3}}]},"d":"raspberry-pi-4"}'))).toMatch(/unknown field/);
    expect(({} as Record<string, unknown>).units).toBeUndefined();
  });

  it('refuses a zip bomb without inflating it all', () => {
    const bomb = packed(`{"g":{"n":"${'a'.repeat(5_000_000)}","l":[]}}`);
    expect(bomb.length).toBeLessThan(20_000);
    expect(failure(bomb)).toMatch(/more than 1048576 bytes/);
  });

  it('refuses absurdly long input before decoding it', () => {
    expect(failure(`v1.${'A'.repeat(3 * 1024 * 1024)}`)).toMatch(/longer than/);
  });

  it('refuses more than MAX_LAYERS layers, by count, before expanding any of them', () => {
    // 1,001 entries that are not even layers: the count alone refuses them.
    const layers = Array.from({ length: MAX_LAYERS + 1 }, () => 'junk');
    expect(MAX_LAYERS).toBe(1000);
    expect(failure(packed(JSON.stringify({ g: { n: 'x', l: layers }, d: 'raspberry-pi-4' }))))
      .toBe('its model is too large: It has 1,001 layers; FlopLab opens models of up to 1,000 layers.');
    const atLimit = Array.from({ length: MAX_LAYERS }, (_, i) => ({ t: 14, n: `s${i}` }));
    expect(decodeShareState(packed(JSON.stringify({ g: { n: 'x', l: atLimit }, d: 'raspberry-pi-4' }))).ok).toBe(true);
  });

  it('refuses absurd custom device figures as the engine does (5e-324, 1e-300, 1e10)', () => {
    for (const c of [[5e-324, 10], [10, 1e-300], [1e10, 10], [10, -1]]) {
      expect(failure(packed(JSON.stringify({ g: { n: 'x', l: [] }, d: 'custom', c }))))
        .toMatch(/^its custom device is refused: Expected (peakGflops|bandwidthGBs) to be a positive number from 0.000001 to 1e\+9, but got/);
    }
    const fine = decodeShareState(packed(JSON.stringify({ g: { n: 'x', l: [] }, d: 'custom', c: [1e-6, 1e9] })));
    expect(fine.ok && fine.value.customDevice).toEqual({ peakGflops: 1e-6, bandwidthGBs: 1e9 });
  });

  it('quotes at most 40 characters of a name from the link in its message (a 1 KB link can inflate to 1 MB)', () => {
    const name = 'N'.repeat(100_000);
    const message = failure(packed(JSON.stringify({ g: { n: 'x', l: [{ t: 5, n: name, zz: 1 }] }, d: 'raspberry-pi-4' })));
    expect(message).toBe(`its model is malformed: layer 1 ('${'N'.repeat(40)}…') has an unknown field 'zz'`);
  });

  it('never throws on random text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const decoded = decodeShareState(text);
        return decoded.ok === false && typeof decoded.error.message === 'string';
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes behind a valid prefix, nor on mutated links (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const decoded = decodeShareState(`v1.${toBase64Url(bytes)}`);
        return typeof decoded.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.constantFrom(...'AZaz09-_'), (at, ch) => {
        const decoded = decodeShareState(valid.slice(0, at) + ch + valid.slice(at + 1));
        return typeof decoded.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON content (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
        const decoded = decodeShareState(packed(JSON.stringify(json)));
        return typeof decoded.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.constantFrom('t', 'n', 'i', 'f', 'k', 's', 'p', 'h', 'u'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }), (layers) => {
        const decoded = decodeShareState(packed(JSON.stringify({ g: { n: 'x', l: layers }, d: 'raspberry-pi-4' })));
        return typeof decoded.ok === 'boolean';
      }),
      { numRuns: 300 },
    );
  });
});
