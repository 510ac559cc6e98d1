import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectedWeights } from '../core/compress/weight-shapes';
import expected from '../core/import/keras-file/fixtures/expected.json';
import type { ModelGraph } from '../core/model';
import { importKerasFile } from './import-keras-file';
import { importedWeightsFor } from './weight-store';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../core/import/keras-file/fixtures', name)));
const firsts = (expected as Record<string, { weights: Record<string, { first: number[] }> }>)['small-cnn.keras'].weights;

function held(graph: ModelGraph) {
  const specs = expectedWeights(graph);
  if (!specs.ok) throw new Error(specs.error.message);
  return importedWeightsFor(specs.value);
}

describe('importKerasFile (worker)', () => {
  it('keeps the file\'s weights for the compression lab, by tfjs name', async () => {
    const r = await importKerasFile(fixture('small-cnn.keras'), 'small-cnn.keras');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ hasWeights: true, source: 'keras' });
    const weights = held(r.value.graph);
    expect(weights?.map((w) => [w.name, Array.from(w.data.subarray(0, 3))])).toEqual(
      Object.entries(firsts).map(([name, e]) => [name, e.first]));
  });

  it('a file that is not a Keras model is an error and leaves the held weights as they were', async () => {
    const good = await importKerasFile(fixture('small-cnn.h5'), 'small-cnn.h5');
    if (!good.ok) throw new Error(good.error.message);
    const r = await importKerasFile(strToU8('garbage'), 'x.h5');
    expect(r.ok ? '' : r.error.message).toMatch(/^x\.h5: Expected a Keras model file/);
    expect(held(good.value.graph)).not.toBeNull();
  });

  it('weights that do not fit the config: the model loads with a warning, no weights are held', async () => {
    const parts = unzipSync(fixture('small-cnn.keras'));
    const config = JSON.parse(new TextDecoder().decode(parts['config.json']));
    config.config.layers[1].config.filters = 6;
    parts['config.json'] = strToU8(JSON.stringify(config));
    const r = await importKerasFile(zipSync(parts), 'edited.keras');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hasWeights).toBe(false);
    expect(r.value.warnings.at(-1)).toBe("edited.keras: Layer 'conv1' (Conv2D): Expected weight 'kernel' to have shape [3, 3, 1, 6], but the file has [3, 3, 1, 4]. The compression lab uses seeded random weights.");
    expect(held(r.value.graph)).toBeNull();
  });

  it('a decompression bomb (a kernel declared 2048×2048 in gzip\'d zeros) is refused unread: the model loads with a warning naming the layer and both shapes', async () => {
    for (const name of ['bomb-shape.keras', 'bomb-shape.h5']) {
      const r = await importKerasFile(fixture(name), name);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.hasWeights).toBe(false);
      expect(r.value.warnings.at(-1)).toBe(`${name}: Layer 'dense' (Dense): Expected weight 'kernel' to have shape [64, 3], but the file has [2048, 2048]. The compression lab uses seeded random weights.`);
    }
  });
});
