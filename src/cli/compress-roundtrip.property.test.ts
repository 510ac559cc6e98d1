/**
 * Property (issue 7): whatever is done to a valid model's manifest, weights or topology, compress
 * either refuses it (exit 2, one line) or writes a model that tf.loadLayersModel really loads and
 * that predicts finite numbers. Never exit 1, never a throw.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompress } from './compress';

const TINY = join(__dirname, 'fixtures', 'tiny-cnn');
const FILE = 'group1-shard1of1.bin';
const root = mkdtempSync(join(tmpdir(), 'floplab-property-'));
beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Entry = { name: string; shape: number[]; dtype: string; quantization?: { dtype: string; scale?: number; min?: number } };
type ModelJson = {
  modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
  weightsManifest: { paths: string[]; weights: Entry[] }[];
};

type Mutation =
  | { kind: 'transpose'; weight: number }
  | { kind: 'swapShapes'; a: number; b: number }
  | { kind: 'value'; weight: number; at: number; value: number }
  | { kind: 'dtype'; weight: number; dtype: 'int32' | 'bool' | 'string' | 'uint8' | 'uint16' | 'float16' }
  | { kind: 'dim'; weight: number; axis: number; delta: number }
  | { kind: 'fileSize'; delta: number }
  | { kind: 'layerArg'; layer: number; field: 'units' | 'filters' | 'kernel_size' | 'depth_multiplier'; value: unknown };

const WEIGHTS = 11; // tiny-cnn's manifest entries
const LAYERS = 7;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('transpose' as const), weight: fc.nat(WEIGHTS - 1) }),
  fc.record({ kind: fc.constant('swapShapes' as const), a: fc.nat(WEIGHTS - 1), b: fc.nat(WEIGHTS - 1) }),
  fc.record({
    kind: fc.constant('value' as const), weight: fc.nat(WEIGHTS - 1), at: fc.nat(200),
    value: fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e3, -1e3, 1e-30),
  }),
  fc.record({ kind: fc.constant('dtype' as const), weight: fc.nat(WEIGHTS - 1), dtype: fc.constantFrom('int32' as const, 'bool' as const, 'string' as const, 'uint8' as const, 'uint16' as const, 'float16' as const) }),
  fc.record({ kind: fc.constant('dim' as const), weight: fc.nat(WEIGHTS - 1), axis: fc.nat(3), delta: fc.constantFrom(-1, 1, 2) }),
  fc.record({ kind: fc.constant('fileSize' as const), delta: fc.integer({ min: -9, max: 9 }) }),
  fc.record({
    kind: fc.constant('layerArg' as const), layer: fc.nat(LAYERS), field: fc.constantFrom('units' as const, 'filters' as const, 'kernel_size' as const, 'depth_multiplier' as const),
    value: fc.constantFrom(1e308, 0, -1, 1.5, 9, 11, 16, [1, 1], [5, 5], 'x', null),
  }),
);

const plans = fc.constantFrom(['--kmeans', '4'], ['--bits', '8'], ['--prune', '0.5'], ['--prune', '0.5', '--structured'], ['--bits', 'float16'], ['--kmeans', '16', '--bits', '4']);

/** Applies `m` to the model (json + weights bytes); returns the new bytes. */
function apply(m: Mutation, json: ModelJson, bytes: Uint8Array): Uint8Array {
  const entries = json.weightsManifest[0].weights;
  const offsetOf = (i: number) => entries.slice(0, i).reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1) * 4, 0);
  switch (m.kind) {
    case 'transpose': entries[m.weight].shape.reverse(); return bytes;
    case 'swapShapes': [entries[m.a].shape, entries[m.b].shape] = [entries[m.b].shape, entries[m.a].shape]; return bytes;
    case 'value': {
      const count = entries[m.weight].shape.reduce((a, b) => a * b, 1);
      const at = offsetOf(m.weight) + 4 * (m.at % Math.max(1, count));
      if (at + 4 <= bytes.byteLength) new DataView(bytes.buffer, bytes.byteOffset).setFloat32(at, m.value, true);
      return bytes;
    }
    case 'dtype':
      if (m.dtype === 'int32' || m.dtype === 'bool' || m.dtype === 'string') entries[m.weight].dtype = m.dtype;
      else entries[m.weight].quantization = { dtype: m.dtype, ...(m.dtype === 'float16' ? {} : { scale: 0.01, min: -1 }) };
      return bytes;
    case 'dim': {
      const shape = entries[m.weight].shape;
      const axis = m.axis % shape.length;
      shape[axis] = Math.max(0, shape[axis] + m.delta);
      return bytes;
    }
    case 'fileSize': {
      if (m.delta >= 0) return Uint8Array.from([...bytes, ...new Uint8Array(m.delta)]);
      return bytes.slice(0, bytes.byteLength + m.delta);
    }
    case 'layerArg': json.modelTopology.config.layers[m.layer % LAYERS].config[m.field] = m.value; return bytes;
  }
}

/** Loads a written model as tf.loadLayersModel does over HTTP (model.json + the files it names). */
async function loadWritten(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel({
    load: async () => {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      const data = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
      return {
        modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
        weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      };
    },
  });
}

let runs = 0;
describe('compress on mutated models', () => {
  it('exits 2 with one line, or writes a model tfjs loads and that predicts finite numbers', async () => {
    const outcomes = { refused: 0, written: 0 };
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), plans, async (mutations, plan) => {
      const dir = join(root, `m${runs++}`);
      mkdirSync(dir);
      const json = JSON.parse(readFileSync(join(TINY, 'model.json'), 'utf8')) as ModelJson;
      let bytes: Uint8Array = new Uint8Array(readFileSync(join(TINY, FILE)));
      for (const m of mutations) bytes = apply(m, json, bytes);
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      writeFileSync(join(dir, FILE), bytes);
      let err = '';
      const out = join(dir, 'out');
      const code = await runCompress([dir, ...plan, '--out', out, '--json'], { out: () => {}, err: (t) => { err += t; } });
      if (code === 2) {
        outcomes.refused++;
        expect(err.trimEnd().split('\n')).toHaveLength(1);
        return;
      }
      expect(code).toBe(0);
      outcomes.written++;
      const model = await loadWritten(out);
      const input = tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 7);
      const prediction = model.predict(input) as tf.Tensor;
      const values = await prediction.data();
      expect(Array.from(values).every(Number.isFinite)).toBe(true);
      expect(prediction.shape[0]).toBe(2);
      tf.dispose([input, prediction]);
      model.dispose();
    }), { numRuns: 100, seed: 7 });
    // The property is only worth something if both sides happen.
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.written).toBeGreaterThan(0);
  }, 120_000);
});
