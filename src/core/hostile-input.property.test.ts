/**
 * Hostile input never throws, hangs or yields NaN/Infinity: analyzeModel, parseFlopLabConfig and
 * estimateLatency on NaN, ±Infinity, 1e308, strings, negative and missing fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { parseFlopLabConfig, toFlopLabConfig } from './config-schema';
import type { CostReport } from './cost-types';
import { createLayer, LAYER_TYPES_IN_PALETTE } from './layer-defaults';
import { estimateLatency } from './latency';
import type { ModelGraph } from './model';
import { MAX_DIM } from './shapes/checks';
import { validateLayer } from './shapes/validate-layer';
import { layer, reportOf, stack } from './test-helpers';

const HOSTILE_VALUES: unknown[] = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 5e-324, -1, 0, 2.5,
  '3', '', null, undefined, [], [1e308, 1e308], [[-1, 2], [3, 4]], {}, true, '__proto__',
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.jsonValue({ maxDepth: 2 }), fc.double());

/** Every figure of a report is a finite, non-negative number. */
function expectFinite(report: CostReport): void {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(report.totals)) if (!(Number.isFinite(v) && v >= 0)) bad.push(`total ${k} = ${v}`);
  for (const l of report.layers) {
    for (const k of ['params', 'macs', 'flops', 'weightBytes', 'activationBytes'] as const) {
      if (!Number.isSafeInteger(l[k]) && !(k === 'weightBytes' && Number.isFinite(l[k]))) bad.push(`${l.name}.${k} = ${l[k]}`);
    }
  }
  expect(bad).toEqual([]);
}

/** One of every palette type, wired so that the config is valid JSON and schema-wise. */
const everyType = (): ModelGraph => ({ name: 'all', layers: LAYER_TYPES_IN_PALETTE.map((t, i) => createLayer(t, `l${i}`)) });

describe('hostile input', () => {
  it('parseFlopLabConfig never throws on arbitrary values, and what it accepts analyses to finite figures or errors', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (json) => {
      const r = parseFlopLabConfig(json);
      if (r.ok) {
        const a = analyzeModel(r.value);
        if (a.ok) expectFinite(a.report);
      } else {
        expect(r.error.code).toBe('parse-error');
        expect(r.error.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 300 });
  });

  it('parseFlopLabConfig is at least as strict as layer validation, and names the layer of a bad field', () => {
    const base = toFlopLabConfig(everyType());
    fc.assert(fc.property(fc.nat(), fc.nat(), hostile, (at, fieldAt, bad) => {
      const i = at % base.layers.length;
      const fields = Object.keys(base.layers[i]).filter((k) => k !== 'type');
      const field = fields[fieldAt % fields.length];
      const config = { ...base, layers: base.layers.map((l, j) => (j === i ? { ...l, [field]: bad } : l)) };
      // Through JSON, as a file or URL would bring it (NaN and Infinity become null).
      const r = parseFlopLabConfig(JSON.parse(JSON.stringify(config)) as unknown);
      if (r.ok) expect(validateLayer(r.value.layers[i])).toBeNull(); // e.g. 2.5 is a valid LeakyReLU alpha
      else expect(r.error.message).toMatch(field === 'name' ? /^layers\[\d+\]\.name: / : /^Layer '[^']+' \(layers\[\d+\]/);
    }), { numRuns: 400 });
  });

  it('analyzeModel never throws on hostile options and refuses the bad ones as values', () => {
    fc.assert(fc.property(hostile, hostile, (bytesPerWeight, convention) => {
      const options = { bytesPerWeight, convention } as unknown as Parameters<typeof analyzeModel>[1];
      const r = analyzeModel(stack([6, 6, 2], layer('Conv2D', 'c', { filters: 3 })), options);
      if (r.ok) expectFinite(r.report);
      else expect(r.errors[0].code).toBe('invalid-value');
    }), { numRuns: 200 });
  });

  it('analyzeModel keeps every figure exact or refuses, for sizes up to the limits', () => {
    const big = fc.integer({ min: 1, max: MAX_DIM });
    fc.assert(fc.property(big, big, fc.integer({ min: 1, max: 4096 }), big, fc.integer({ min: 1, max: 64 }), (h, w, c, units, k) => {
      const g = stack([h, w, c],
        layer('Conv2D', 'conv', { filters: units, kernelSize: [k, k], padding: 'same', activation: 'relu' }),
        layer('Concatenate', 'cat', { axis: -1, inputs: ['conv', 'conv', 'conv'] }),
        layer('GlobalAveragePooling2D', 'gap'),
        layer('Dense', 'fc', { units }));
      for (const convention of ['default', 'detailed'] as const) {
        const r = analyzeModel(g, { convention });
        if (r.ok) expectFinite(r.report);
        else expect(r.errors.every((e) => e.code === 'invalid-value' && e.message.startsWith(`Layer '${e.layer}'`))).toBe(true);
      }
    }), { numRuns: 200 });
  });

  it('estimateLatency gives finite, non-negative times or an error for any device figures', () => {
    const report = reportOf(stack([56, 56, 64], layer('Conv2D', 'c', { filters: 128, padding: 'same' }), layer('ReLU', 'r')));
    const rate = fc.oneof(fc.double(), fc.constantFrom(...HOSTILE_VALUES));
    fc.assert(fc.property(rate, rate, (peakGflops, bandwidthGBs) => {
      const l = estimateLatency(report, { peakGflops, bandwidthGBs } as { peakGflops: number; bandwidthGBs: number });
      const times = [l.naiveMs, l.rooflineMs, ...l.layers.flatMap((x) => [x.naiveMs, x.computeMs, x.memoryMs, x.rooflineMs])];
      expect(times.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
      if (l.error) expect(times.every((t) => t === 0)).toBe(true);
      else expect(l.rooflineMs).toBeGreaterThanOrEqual(l.naiveMs * (1 - 1e-12));
    }), { numRuns: 500 });
  });
});
