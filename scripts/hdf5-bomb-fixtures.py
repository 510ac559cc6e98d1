#!/usr/bin/python3
"""Writes the hostile and compressed HDF5 fixtures of src/core/import/keras-file/fixtures/.

- bomb-shape.h5: small-cnn.h5 with the Dense kernel (64x3) replaced by gzip'd zeros of shape
  2048x2048 (16 MB of float32 from ~16 KB): the reader must refuse it from its declared shape,
  before inflating anything.
- bomb-chunk.h5: small-cnn.h5 whose Dense kernel has the right shape (64x3, one gzip'd chunk of
  64x3) but whose chunk, written raw with write_direct_chunk, inflates to 16 MB of zeros instead
  of its 768 bytes: the reader must stop inflating at 768 bytes.
- bomb-shape.keras: small-cnn.keras whose model.weights.h5 has the same 2048x2048 kernel at
  layers/dense/vars/0 (the .keras path reads through the same checks).
- gzip.h5 (+ gzip.json): legitimate compressed datasets (gzip + shuffle, chunks that do not divide
  the shape; gzip float64) and the float32 values h5py reads from them, the oracle for the bounded
  gzip filter.

Run after scripts/keras-fixtures.py: /usr/bin/python3 scripts/hdf5-bomb-fixtures.py (h5py 3.7)
"""
import io
import json
import os
import shutil
import zipfile
import zlib

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'core', 'import', 'keras-file', 'fixtures')
KERNEL = 'model_weights/dense/dense/kernel:0'
ZEROS_BYTES = 16 * 1024 * 1024


def replace_kernel(name, write):
    path = os.path.join(OUT, name)
    shutil.copyfile(os.path.join(OUT, 'small-cnn.h5'), path)
    with h5py.File(path, 'r+') as f:
        del f[KERNEL]
        write(f)


def huge_shape(f):
    side = 2048
    d = f.create_dataset(KERNEL, shape=(side, side), dtype='<f4', chunks=(side, side), compression='gzip', compression_opts=9)
    d.id.write_direct_chunk((0, 0), zlib.compress(bytes(side * side * 4), 9))


def lying_chunk(f):
    d = f.create_dataset(KERNEL, shape=(64, 3), dtype='<f4', chunks=(64, 3), compression='gzip')
    d.id.write_direct_chunk((0, 0), zlib.compress(bytes(ZEROS_BYTES), 9))


def keras_bomb():
    with zipfile.ZipFile(os.path.join(OUT, 'small-cnn.keras')) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    buffer = io.BytesIO(parts['model.weights.h5'])
    with h5py.File(buffer, 'r+') as f:
        del f['layers/dense/vars/0']
        side = 2048
        d = f.create_dataset('layers/dense/vars/0', shape=(side, side), dtype='<f4', chunks=(side, side), compression='gzip')
        d.id.write_direct_chunk((0, 0), zlib.compress(bytes(side * side * 4), 9))
    parts['model.weights.h5'] = buffer.getvalue()
    with zipfile.ZipFile(os.path.join(OUT, 'bomb-shape.keras'), 'w', zipfile.ZIP_STORED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def write_gzip():
    rng = np.random.default_rng(11)
    data = {
        'gz_shuffle': rng.standard_normal((5, 7)).astype('<f4'),
        'gz_f64': rng.standard_normal(4).astype('<f8'),
    }
    with h5py.File(os.path.join(OUT, 'gzip.h5'), 'w') as f:
        f.create_dataset('gz_shuffle', data=data['gz_shuffle'], chunks=(2, 3), compression='gzip', shuffle=True)
        f.create_dataset('gz_f64', data=data['gz_f64'], chunks=(3,), compression='gzip')
    with h5py.File(os.path.join(OUT, 'gzip.h5'), 'r') as f:
        oracle = {k: [float(x) for x in np.asarray(f[k][()], dtype=np.float32).ravel()] for k in data}
    with open(os.path.join(OUT, 'gzip.json'), 'w') as out:
        json.dump(oracle, out, indent=1)
        out.write('\n')


if __name__ == '__main__':
    replace_kernel('bomb-shape.h5', huge_shape)
    replace_kernel('bomb-chunk.h5', lying_chunk)
    keras_bomb()
    write_gzip()
