import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import dtypes from './fixtures/dtypes.json';
import { isHdf5, openHdf5 } from './hdf5-reader';

const bytes = new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'dtypes.h5')));

describe('openHdf5 (jsfive)', () => {
  it('reads float16 and float64 datasets as the float32 values h5py gives (dtypes.json)', async () => {
    const h5 = await openHdf5(bytes, 'dtypes.h5');
    if (!h5.ok) throw new Error(h5.error.message);
    for (const [name, values] of Object.entries(dtypes)) {
      const read = h5.value.floats(name);
      expect(read.ok && Array.from(read.data), name).toEqual(values);
    }
    expect(h5.value.children('')?.sort()).toEqual(['f16', 'f64', 'i64']);
  });

  it('refuses an integer dataset by its type, and a path with nothing there', async () => {
    const h5 = await openHdf5(bytes, 'dtypes.h5');
    if (!h5.ok) throw new Error(h5.error.message);
    expect(h5.value.floats('i64')).toEqual({ ok: false, message: 'Expected float16, float32 or float64 values, but got the HDF5 type "<i8"' });
    expect(h5.value.floats('nope').ok).toBe(false);
    expect(h5.value.attributes('nope')).toBeNull();
    expect(h5.value.children('f16')).toBeNull();
  });

  it('tells HDF5 by its signature, also inside a larger buffer', async () => {
    expect(isHdf5(bytes)).toBe(true);
    expect(isHdf5(bytes.subarray(1))).toBe(false);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 16);
    const h5 = await openHdf5(padded.subarray(16), 'view.h5'); // a view with a byteOffset
    expect(h5.ok && h5.value.children('')?.length).toBe(3);
  });

  it('refuses bytes without the HDF5 signature', async () => {
    const r = await openHdf5(new Uint8Array([1, 2, 3]), 'x.h5');
    expect(r.ok ? '' : r.error.message).toBe('x.h5 is not an HDF5 file: Expected it to start with the HDF5 signature (\\x89HDF), but it does not.');
  });
});
