import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../analyze';
import type { Result } from '../../result';
import { parseModelJson } from '../model-json';
import keras3ResidualJson from '../fixtures/keras3-functional-residual.json';
import keras2ResidualJson from '../fixtures/keras2-functional-residual.json';
import type { NamedWeight } from '../weights-manifest';
import expected from './fixtures/expected.json';
import { readKerasFile, type KerasFileImport } from './read-keras-file';

/** What scripts/keras-fixtures.py wrote for one weight (computed there from the arrays it saved). */
interface ExpectedWeight { shape: number[]; first: number[]; last: number; sum: number; sumAbs: number }
interface ExpectedFile { totalParams: number; bytes: number; weights: Record<string, ExpectedWeight> }

const FIXTURES = join(__dirname, 'fixtures');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const files = expected as Record<string, ExpectedFile>;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function imported(name: string): Promise<KerasFileImport> {
  return value(await readKerasFile(bytesOf(name), name));
}

async function errorOf(bytes: Uint8Array, name: string): Promise<string> {
  const r = await readKerasFile(bytes, name);
  if (r.ok) throw new Error(`Expected ${name} to be refused`);
  return r.error.message;
}

async function weightsError(bytes: Uint8Array, name: string): Promise<string> {
  const r = value(await readKerasFile(bytes, name));
  if (!r.weights || r.weights.ok) throw new Error(`Expected the weights of ${name} to be refused`);
  return r.weights.error.message;
}

/** A .keras archive rebuilt with some parts replaced (config.json edited, weights swapped). */
function rezip(name: string, edit: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(bytesOf(name));
  edit(parts);
  return zipSync(parts, { level: 0 });
}

function editConfig(name: string, change: (config: { config: { layers: { config: Record<string, unknown> }[] } }) => void): Uint8Array {
  return rezip(name, (parts) => {
    const config = JSON.parse(new TextDecoder().decode(parts['config.json']));
    change(config);
    parts['config.json'] = strToU8(JSON.stringify(config));
  });
}

describe('readKerasFile on the fixtures (written by scripts/keras-fixtures.py)', () => {
  for (const [name, want] of Object.entries(files)) {
    it(`${name}: params are the arrays' sizes, and every weight decodes to the values written`, async () => {
      const model = await imported(name);
      const analysis = analyzeModel(model.graph);
      if (!analysis.ok) throw new Error(analysis.errors[0].message);
      expect(analysis.report.totals.params).toBe(want.totalParams);
      const weights = value(model.weights as Result<NamedWeight[]>);
      expect(weights.map((w) => w.name).sort()).toEqual(Object.keys(want.weights).sort());
      for (const w of weights) {
        const e = want.weights[w.name];
        expect(w.shape, w.name).toEqual(e.shape);
        expect(w.data.length).toBe(e.shape.reduce((a, b) => a * b, 1));
        expect(Array.from(w.data.subarray(0, e.first.length))).toEqual(e.first);
        expect(w.data[w.data.length - 1]).toBe(e.last);
        let sum = 0;
        let sumAbs = 0;
        for (const v of w.data) { sum += v; sumAbs += Math.abs(v); }
        expect(sum).toBeCloseTo(e.sum, 9);
        expect(sumAbs).toBeCloseTo(e.sumAbs, 9);
      }
    });
  }

  it('keeps every committed fixture under 50 KB', () => {
    for (const f of readdirSync(FIXTURES)) expect(statSync(join(FIXTURES, f)).size, f).toBeLessThan(50 * 1024);
  });

  it('gives the same graph as the model.json of the same Keras export (Keras 3 and Keras 2)', async () => {
    const fromJson3 = value(parseModelJson(keras3ResidualJson));
    expect((await imported('residual-keras3.keras')).graph).toEqual(fromJson3.graph);
    const fromJson2 = value(parseModelJson(keras2ResidualJson));
    expect((await imported('residual-keras2.h5')).graph).toEqual(fromJson2.graph);
  });

  it('flattens a nested Sequential and names its weights by the inner layers', async () => {
    for (const name of ['nested-cnn.keras', 'nested-cnn.h5']) {
      const model = await imported(name);
      expect(model.graph.layers.map((l) => l.name)).toContain('block_conv');
      expect(value(model.weights as Result<NamedWeight[]>).map((w) => w.name)).toContain('block_bn/moving_variance');
    }
  });

  it('records the format and the Keras version for writing model.json back', async () => {
    const k3 = await imported('small-cnn.keras');
    expect(k3.format).toBe('keras');
    expect(k3.modelTopology.keras_version).toBe('3.5.0');
    expect(k3.modelTopology.model_config.class_name).toBe('Sequential');
    const k2 = await imported('small-cnn.h5');
    expect(k2.format).toBe('h5');
    expect(k2.modelTopology).toMatchObject({ keras_version: '2.15.0', backend: 'tensorflow' });
  });

  it('skips the weights when asked (analysis needs only the topology)', async () => {
    const r = value(await readKerasFile(bytesOf('small-cnn.h5'), 'small-cnn.h5', { weights: false }));
    expect(r.weights).toBeNull();
  });
});

describe('readKerasFile refuses malformed files with one clear message', () => {
  it('bytes that are neither a zip nor HDF5', async () => {
    expect(await errorOf(strToU8('{"modelTopology": {}}'), 'model.keras')).toBe(
      'model.keras: Expected a Keras model file (a .keras zip archive or an HDF5 .h5 file), but its first bytes are neither.');
  });

  it('a damaged zip', async () => {
    const zip = bytesOf('small-cnn.keras');
    expect(await errorOf(zip.subarray(0, 200), 'cut.keras')).toMatch(/^cut\.keras: damaged zip archive \(/);
  });

  it('a zip without config.json', async () => {
    expect(await errorOf(zipSync({ 'notes.txt': strToU8('hi') }), 'other.keras')).toBe(
      'other.keras: no config.json in the archive: Expected a Keras 3 .keras file (saved by model.save).');
  });

  it('a config.json that is not JSON', async () => {
    const bytes = rezip('small-cnn.keras', (p) => { p['config.json'] = strToU8('{nope'); });
    expect(await errorOf(bytes, 'bad.keras')).toMatch(/^bad\.keras: config\.json is not valid JSON: /);
  });

  it('a subclassed model (its layers are in Python code)', async () => {
    const bytes = rezip('small-cnn.keras', (p) => {
      p['config.json'] = strToU8(JSON.stringify({ module: null, class_name: 'MyNet', config: { name: 'my_net' }, registered_name: 'app>MyNet' }));
    });
    expect(await errorOf(bytes, 'sub.keras')).toBe("sub.keras: Expected a Sequential or Functional model, but got a model of class 'MyNet' (registered as 'app>MyNet'): a subclassed model's layers are in its Python code, not in config.json.");
  });

  it('a config.json with a malformed layer list names the place in config.json', async () => {
    const bytes = rezip('small-cnn.keras', (p) => { p['config.json'] = strToU8(JSON.stringify({ class_name: 'Sequential', config: { layers: 3 } })); });
    expect(await errorOf(bytes, 'm.keras')).toMatch(/^m\.keras: config\.json\.config/);
  });

  it('an HDF5 file without model_config (not a saved model)', async () => {
    const weightsOnly = unzipSync(bytesOf('small-cnn.keras'))['model.weights.h5'];
    expect(await errorOf(weightsOnly, 'w.h5')).toBe("w.h5: no model_config attribute: Expected a Keras model saved by model.save('….h5').");
  });

  it('a truncated HDF5 file', async () => {
    const h5 = bytesOf('small-cnn.h5');
    const r = await readKerasFile(h5.subarray(0, 1200), 'cut.h5');
    // Either the file cannot be opened, or its model_config is out of reach: never a throw.
    expect(r.ok ? r.value.weights?.ok : false).not.toBe(true);
    if (!r.ok) expect(r.error.message).toMatch(/^cut\.h5: /);
  });
});

describe('readKerasFile: weights that do not fit the config are an error naming the layer and weight', () => {
  it('no model.weights.h5 in the archive: the topology loads, the weights are refused', async () => {
    const bytes = rezip('small-cnn.keras', (p) => { delete p['model.weights.h5']; });
    expect(await weightsError(bytes, 'x.keras')).toBe('x.keras: Expected model.weights.h5 in the archive, but it has none.');
  });

  it('model.weights.h5 that is not HDF5', async () => {
    const bytes = rezip('small-cnn.keras', (p) => { p['model.weights.h5'] = strToU8('not hdf5 at all'); });
    expect(await weightsError(bytes, 'x.keras')).toMatch(/^x\.keras: model\.weights\.h5 is not an HDF5 file/);
  });

  it('a kernel of another shape', async () => {
    const bytes = editConfig('small-cnn.keras', (c) => { c.config.layers[1].config.filters = 5; });
    expect(await weightsError(bytes, 'x.keras')).toBe(
      "x.keras: Layer 'conv1' (Conv2D): Expected weight 'kernel' to have shape [3, 3, 1, 5], but the file has [3, 3, 1, 4].");
  });

  it('a layer that stores more arrays than its config says', async () => {
    const bytes = editConfig('small-cnn.keras', (c) => { c.config.layers[1].config.use_bias = false; });
    expect(await weightsError(bytes, 'x.keras')).toBe(
      "x.keras: Layer 'conv1' (Conv2D): Expected 1 weight array (kernel) in the file, but got 2 (layers/conv2d/vars/0, layers/conv2d/vars/1).");
  });

  it('a config whose layers are not in the weights file', async () => {
    const bytes = editConfig('small-cnn.keras', (c) => {
      c.config.layers.splice(4, 0, { ...c.config.layers[5], config: { ...c.config.layers[5].config, name: 'extra', units: 64 } } as never);
    });
    // 'extra' is now the first Dense: it meets layers/dense's arrays, whose shape is checked before they are read.
    expect(await weightsError(bytes, 'x.keras')).toBe(
      "x.keras: Layer 'extra' (Dense): Expected weight 'kernel' to have shape [4, 64], but the file has [64, 3].");
  });
});

describe('readKerasFile: decompression bombs (scripts/hdf5-bomb-fixtures.py) are refused before they are inflated', () => {
  const refusal = (name: string) => weightsError(bytesOf(name), name);

  it('a .h5 whose Dense kernel declares 2048×2048 (16 MB of gzip\'d zeros in 38 KB): the graph wants [64, 3]', async () => {
    const message = await refusal('bomb-shape.h5');
    expect(message).toBe("bomb-shape.h5: Layer 'dense' (Dense): Expected weight 'kernel' to have shape [64, 3], but the file has [2048, 2048].");
  });

  it('the same kernel in a .keras (layers/dense/vars/0)', async () => {
    const message = await refusal('bomb-shape.keras');
    expect(message).toBe("bomb-shape.keras: Layer 'dense' (Dense): Expected weight 'kernel' to have shape [64, 3], but the file has [2048, 2048].");
  });

  it('a kernel of the right shape whose gzip\'d chunk inflates to 16 MB: inflating stops at its 768 bytes', async () => {
    const message = await refusal('bomb-chunk.h5');
    expect(message).toMatch(/^bomb-chunk\.h5: Layer 'dense' \(Dense\): weight 'kernel' \(model_weights\/dense\/dense\/kernel:0\): unreadable dataset \(a gzip'd chunk inflates to more than the 768 bytes its chunk holds \(stopped after 4096 of its \d+ compressed bytes\)\)\.$/);
  });
});
