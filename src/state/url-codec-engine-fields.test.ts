/** Share links with the engine's optional fields: groups, keepDims, sharesWeightsOf, layout. */
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { layer, stack } from '../core/test-helpers';
import { decodeShareState, encodeShareState, type ShareState } from './url-codec';

const base: Omit<ShareState, 'graph'> = {
  presetId: null, deviceId: 'raspberry-pi-4', customDevice: null, convention: 'default', metric: 'macs',
  tab: 'analysis', selectedLayer: null,
};
/** A link written by hand in the v1 form: 'v1.' + base64url(deflate(JSON)). */
const packed = (json: unknown) => `v1.${Buffer.from(deflateSync(new TextEncoder().encode(JSON.stringify(json)))).toString('base64url')}`;

function roundTrip(state: ShareState): ShareState {
  const decoded = decodeShareState(encodeShareState(state));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.value;
}

describe('share links: engine fields', () => {
  it('a link made before groups and layout existed opens as before (no groups, no layout)', () => {
    const old = packed({ g: { n: 'm', l: [{ t: 0, n: 'in', h: [8, 8, 16] }, { t: 1, n: 'c', f: 32 }, { t: 8, n: 'gap' }] }, d: 'raspberry-pi-4' });
    const decoded = decodeShareState(old);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const [, conv, gap] = decoded.value.graph.layers;
    expect(conv).not.toHaveProperty('groups');
    expect(gap).toEqual({ type: 'GlobalAveragePooling2D', name: 'gap' });
    expect(decoded.value.graph).not.toHaveProperty('layout');
  });

  it('round-trips a grouped conv, keepDims, a shared layer and the channels-first layout', () => {
    const graph = {
      ...stack([8, 8, 16],
        layer('Conv2D', 'g', { filters: 32, groups: 4 }),
        layer('GlobalAveragePooling2D', 'gap', { keepDims: true }),
        layer('Conv2D', 'se1', { filters: 32, kernelSize: [1, 1] }),
        layer('Conv2D', 'se2', { filters: 32, kernelSize: [1, 1], sharesWeightsOf: 'se1' })),
      layout: 'channels-first' as const,
    };
    const state: ShareState = { ...base, graph };
    expect(roundTrip(state)).toEqual(state);
  });

  it('round-trips an Unknown layer\'s params (the constant inputs of an imported op), counted as params', () => {
    const graph = stack([8, 8, 16], { type: 'Unknown' as const, name: 'scale', className: 'Mul', outputShape: [8, 8, 16], params: 16 });
    const state: ShareState = { ...base, graph };
    expect(roundTrip(state)).toEqual(state);
    const report = analyzeModel(graph);
    expect(report.ok && report.report.totals.params).toBe(16);
    expect(report.ok && report.report.totals.macs).toBe(0);
  });

  it('writes nothing for absent fields, so an ungrouped model encodes as before', () => {
    const graph = stack([8, 8, 16], layer('Conv2D', 'c', { filters: 32 }));
    const plain = encodeShareState({ ...base, graph });
    const hand = packed({ g: { n: 'test', l: [{ t: 0, n: 'input', h: [8, 8, 16] }, { t: 1, n: 'c', f: 32 }] }, d: 'raspberry-pi-4' });
    expect(decodeShareState(plain)).toEqual(decodeShareState(hand));
    expect(plain.length).toBeLessThanOrEqual(hand.length + 4);
  });

  it('refuses groups on a layer type without it, and a layout it does not know', () => {
    const dense = packed({ g: { n: 'm', l: [{ t: 0, n: 'in', h: [4] }, { t: 5, n: 'd', G: 2 }] }, d: 'raspberry-pi-4' });
    const denseResult = decodeShareState(dense);
    expect(denseResult.ok).toBe(false);
    if (!denseResult.ok) expect(denseResult.error.message).toContain("unknown field 'G'");
    const layout = packed({ g: { n: 'm', l: [], y: 'nchw' }, d: 'raspberry-pi-4' });
    expect(decodeShareState(layout).ok).toBe(false);
  });
});
