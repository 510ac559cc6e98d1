import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_KERAS_CONFIG_BYTES, MAX_KERAS_WEIGHTS_BYTES, readKerasArchive } from './keras-archive';

const parts = unzipSync(new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'small-cnn.keras'))));

/**
 * small-cnn.keras deflated, with the uncompressed size that the central directory declares for
 * `name` set to `size` (zip central directory entry: signature PK\1\2, size at +24, name length
 * at +28, name at +46).
 */
function declaring(name: string, size: number): Uint8Array {
  const zip = zipSync(parts, { level: 6 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) === name) {
      view.setUint32(at + 24, size, true);
      return zip;
    }
  }
  throw new Error(`no ${name} in the central directory`);
}

describe('readKerasArchive: declared sizes are bounded before anything is inflated', () => {
  it('reads the deflated archive as it is', () => {
    const r = readKerasArchive(zipSync(parts, { level: 6 }), 'x.keras');
    expect(r.ok && Array.from(r.value.weightsH5 ?? [])).toEqual(Array.from(parts['model.weights.h5']));
  });

  it('refuses model.weights.h5 declared over MAX_KERAS_WEIGHTS_BYTES, naming both sizes', () => {
    const r = readKerasArchive(declaring('model.weights.h5', 0xfffffff0), 'x.keras');
    expect(r.ok ? '' : r.error.message).toBe(`x.keras: Expected model.weights.h5 to be at most ${MAX_KERAS_WEIGHTS_BYTES} bytes unzipped, but the archive says ${0xfffffff0} (not inflated).`);
  });

  it('refuses config.json declared over MAX_KERAS_CONFIG_BYTES', () => {
    const r = readKerasArchive(declaring('config.json', MAX_KERAS_CONFIG_BYTES + 1), 'x.keras', false);
    expect(r.ok ? '' : r.error.message).toBe(`x.keras: Expected config.json to be at most ${MAX_KERAS_CONFIG_BYTES} bytes unzipped, but the archive says ${MAX_KERAS_CONFIG_BYTES + 1} (not inflated).`);
  });

  it('a size declared too small cannot make the inflater allocate more: the output stops at the declared size', () => {
    const r = readKerasArchive(declaring('model.weights.h5', 100), 'x.keras');
    expect(r.ok && r.value.weightsH5?.length).toBe(100);
  });
});
