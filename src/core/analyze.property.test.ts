import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { estimateLatency } from './latency';
import type { LayerSpec, ModelGraph } from './model';
import { ACTIVATIONS } from './model';
import { createLayer } from './layer-defaults';

const small = fc.integer({ min: 1, max: 5 });
const pair = fc.tuple(small, small);
const activation = fc.constantFrom(...ACTIVATIONS);

/** Spatial layers that are valid on any H×W×C input ('same' padding, no dilation with strides). */
const spatialLayer: fc.Arbitrary<Partial<LayerSpec>> = fc.oneof(
  fc.record({ type: fc.constant('Conv2D' as const), filters: fc.integer({ min: 1, max: 64 }), kernelSize: pair, strides: pair, padding: fc.constant('same' as const), useBias: fc.boolean(), activation }),
  fc.record({ type: fc.constant('DepthwiseConv2D' as const), kernelSize: pair, depthMultiplier: fc.integer({ min: 1, max: 3 }), padding: fc.constant('same' as const), useBias: fc.boolean() }),
  fc.record({ type: fc.constant('SeparableConv2D' as const), filters: fc.integer({ min: 1, max: 64 }), kernelSize: pair, dilationRate: pair, padding: fc.constant('same' as const), activation }),
  fc.record({ type: fc.constant('Conv2DTranspose' as const), filters: fc.integer({ min: 1, max: 16 }), kernelSize: pair, strides: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })), padding: fc.constantFrom('same' as const, 'valid' as const) }),
  fc.record({ type: fc.constantFrom('MaxPooling2D' as const, 'AveragePooling2D' as const), poolSize: pair, strides: pair, padding: fc.constant('same' as const) }),
  fc.record({ type: fc.constant('BatchNormalization' as const), center: fc.boolean(), scale: fc.boolean() }),
  fc.record({ type: fc.constantFrom('ReLU' as const, 'LeakyReLU' as const, 'Dropout' as const, 'Softmax' as const) }),
  fc.record({ type: fc.constant('Activation' as const), activation }),
  fc.record({ type: fc.constant('ZeroPadding2D' as const), padding: fc.tuple(fc.tuple(fc.nat(3), fc.nat(3)), fc.tuple(fc.nat(3), fc.nat(3))) }),
);

const head = fc.oneof(
  fc.constant<Partial<LayerSpec>[]>([{ type: 'GlobalAveragePooling2D' }]),
  fc.integer({ min: 1, max: 100 }).map((units): Partial<LayerSpec>[] => [{ type: 'Flatten' }, { type: 'Dense', units } as Partial<LayerSpec>]),
);

/** Random valid Sequential stacks, with an optional residual Add around the first layer. */
const validStack: fc.Arbitrary<ModelGraph> = fc.record({
  input: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 16 })),
  body: fc.array(spatialLayer, { maxLength: 10 }),
  head,
  residual: fc.boolean(),
}).map(({ input, body, head: headLayers, residual }) => {
  const layers: LayerSpec[] = [{ type: 'InputLayer', name: 'input', shape: input }];
  [...body, ...headLayers].forEach((patch, i) => {
    const type = patch.type as LayerSpec['type'];
    layers.push({ ...createLayer(type, `l${i}`), ...patch } as LayerSpec);
  });
  if (residual) {
    layers.splice(1, 0, { type: 'ReLU', name: 'branch', maxValue: null },
      { type: 'Add', name: 'res', inputs: ['input', 'branch'] });
  }
  return { name: 'random', layers };
});

const HOSTILE: unknown[] = [Number.NaN, '3', -1.5, [], {}, Number.POSITIVE_INFINITY, undefined, 0.5, -7];

describe('properties of analyzeModel', () => {
  it('random valid stacks analyse without NaN or negative counts, and totals are sums of layers', () => {
    fc.assert(fc.property(validStack, fc.constantFrom('default' as const, 'detailed' as const), (graph, convention) => {
      const r = analyzeModel(graph, { convention });
      if (!r.ok) throw new Error(r.errors[0].message);
      const keys = ['params', 'trainableParams', 'nonTrainableParams', 'macs', 'flops', 'weightBytes', 'activationBytes'] as const;
      const problems: string[] = [];
      for (const k of keys) {
        let sum = 0;
        for (const l of r.report.layers) {
          if (!(Number.isFinite(l[k]) && l[k] >= 0)) problems.push(`${l.name}.${k} = ${l[k]}`);
          sum += l[k];
        }
        if (r.report.totals[k] !== sum) problems.push(`total ${k} ${r.report.totals[k]} ≠ ${sum}`);
      }
      for (const l of r.report.layers) {
        if (l.trainableParams + l.nonTrainableParams !== l.params) problems.push(`${l.name} param split`);
        if (l.formulas.macs.value !== l.macs || l.formulas.flops.value !== l.flops) problems.push(`${l.name} formula value`);
        if (!l.outputShape.every((d) => Number.isInteger(d) && d >= 1)) problems.push(`${l.name} shape ${l.outputShape}`);
      }
      expect(problems).toEqual([]);
      const peak = r.report.totals.peakActivationBytes;
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(r.report.totals.activationBytes);
      const lat = estimateLatency(r.report, { peakGflops: 100, bandwidthGBs: 10 });
      expect(Number.isFinite(lat.rooflineMs) && lat.rooflineMs >= lat.naiveMs).toBe(true);
    }), { numRuns: 300 });
  });

  it('corrupting any hyperparameter of a valid stack gives error values, never a throw', () => {
    fc.assert(fc.property(validStack, fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE), (graph, at, fieldAt, bad) => {
      const candidates = graph.layers.flatMap((l, i) =>
        Object.keys(l).filter((k) => k !== 'name' && !(l.type === 'Softmax' && k === 'type')).map((k) => [i, k] as const));
      fc.pre(candidates.length > 0);
      const [i, field] = candidates[(at + fieldAt) % candidates.length];
      const corrupted = { ...graph.layers[i], [field]: bad } as LayerSpec;
      // A few values are valid for some fields (0.5 is a valid Dropout rate or LeakyReLU alpha).
      fc.pre(!(bad === 0.5 && (field === 'rate' || field === 'alpha' || field === 'epsilon' || field === 'maxValue')));
      fc.pre(!(bad === undefined && field === 'inputs'));
      const layers = graph.layers.map((l, j) => (j === i ? corrupted : l));
      const r = analyzeModel({ name: 'bad', layers });
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('broken wiring (missing input, cycle, duplicate) is always an error value', () => {
    fc.assert(fc.property(validStack, fc.nat(), fc.constantFrom('missing', 'cycle', 'duplicate'), (graph, at, kind) => {
      const i = 1 + (at % (graph.layers.length - 1));
      const layers = [...graph.layers];
      if (kind === 'missing') layers[i] = { ...layers[i], inputs: ['does-not-exist'] };
      if (kind === 'cycle') layers[i] = { ...layers[i], inputs: [layers[layers.length - 1].name] };
      if (kind === 'duplicate') layers[i] = { ...layers[i], name: 'input' };
      const r = analyzeModel({ name: 'bad', layers });
      expect(r.ok).toBe(false);
    }), { numRuns: 200 });
  });

  it('never throws on arbitrary JSON, as a graph or as layers of known types with random fields', () => {
    const types = ['InputLayer', 'Conv2D', 'Dense', 'Add', 'Concatenate', 'Reshape', 'ZeroPadding2D', 'Unknown', 'ReLU'];
    const randomLayer = fc.record({ type: fc.constantFrom(...types), name: fc.string({ maxLength: 3 }) })
      .chain((base) => fc.dictionary(fc.constantFrom('inputs', 'shape', 'filters', 'kernelSize', 'strides', 'padding',
        'units', 'axis', 'targetShape', 'outputShape', 'className', 'maxValue', 'activation'), fc.jsonValue({ maxDepth: 2 }))
        .map((fields) => ({ ...fields, ...base })));
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.record({ name: fc.string(), layers: fc.array(randomLayer, { maxLength: 6 }) })), (g) => {
      const r = analyzeModel(g as ModelGraph, { convention: 'detailed' });
      if (r.ok) {
        for (const l of r.report.layers) expect(Number.isFinite(l.flops) && Number.isFinite(l.params)).toBe(true);
      } else {
        expect(r.errors.length).toBeGreaterThan(0);
      }
    }), { numRuns: 500 });
  });
});
