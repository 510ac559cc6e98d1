import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import dtypes from './fixtures/dtypes.json';
import gzip from './fixtures/gzip.json';
import { isHdf5, openHdf5 } from './hdf5-reader';

const bytes = new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'dtypes.h5')));

describe('openHdf5 (jsfive)', () => {
  it('reads float16 and float64 datasets as the float32 values h5py gives (dtypes.json)', async () => {
    const h5 = await openHdf5(bytes, 'dtypes.h5');
    if (!h5.ok) throw new Error(h5.error.message);
    for (const [name, values] of Object.entries(dtypes)) {
      const read = h5.value.floats(name, 1000);
      expect(read.ok && Array.from(read.data), name).toEqual(values);
    }
    expect(h5.value.children('')?.sort()).toEqual(['f16', 'f64', 'i64']);
  });

  it('refuses an integer dataset by its type, and a path with nothing there', async () => {
    const h5 = await openHdf5(bytes, 'dtypes.h5');
    if (!h5.ok) throw new Error(h5.error.message);
    expect(h5.value.floats('i64', 1000)).toEqual({ ok: false, message: 'Expected float16, float32 or float64 values, but got the HDF5 type "<i8"' });
    expect(h5.value.floats('nope', 1000).ok).toBe(false);
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

describe('openHdf5: compressed and hostile datasets', () => {
  const open = async (name: string) => {
    const h5 = await openHdf5(new Uint8Array(readFileSync(join(__dirname, 'fixtures', name))), name);
    if (!h5.ok) throw new Error(h5.error.message);
    return h5.value;
  };
  const kernel = 'model_weights/dense/dense/kernel:0';

  it('reads gzip + shuffle chunks (chunks that do not divide the shape) and gzip float64 as h5py does (gzip.json)', async () => {
    const h5 = await open('gzip.h5');
    for (const [name, values] of Object.entries(gzip)) {
      const read = h5.floats(name, values.length);
      expect(read.ok && Array.from(read.data), name).toEqual(values);
    }
  });

  it('refuses a dataset over maxElements from its declared shape, before inflating (bomb-shape.h5: 4096×4096 gzip\'d zeros)', async () => {
    const h5 = await open('bomb-shape.h5');
    expect(h5.describe(kernel)).toEqual({ ok: true, shape: [2048, 2048] });
    expect(h5.floats(kernel, 192)).toEqual({ ok: false, message: 'Expected at most 192 values, but its shape [2048, 2048] holds 4194304 (not read)' });
  });

  it('stops a chunk that inflates past its declared size (bomb-chunk.h5: a 64×3 chunk holding 16 MB of zeros)', async () => {
    const h5 = await open('bomb-chunk.h5');
    expect(h5.describe(kernel)).toEqual({ ok: true, shape: [64, 3] });
    const read = h5.floats(kernel, 192);
    expect(read.ok ? '' : read.message).toMatch(/^unreadable dataset \(a gzip'd chunk inflates to more than the 768 bytes its chunk holds \(stopped after 4096 of its \d+ compressed bytes\)\)$/);
  });
});
