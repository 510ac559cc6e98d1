#!/usr/bin/python3
"""Writes the Keras `.keras` and `.h5` fixtures of src/core/import/keras-file/fixtures/.

Keras (and TensorFlow) cannot be installed here, so this script writes the files with h5py,
following Keras's own layout exactly:

- Keras 3 `.keras` (keras/src/saving/saving_lib.py, Keras 3.5): a zip (ZIP_STORED) of
  `metadata.json` ({keras_version, date_saved}), `config.json` (serialize_keras_object(model))
  and `model.weights.h5` (H5IOStore: a `vars` group per saveable, created even when empty; a
  model's layers under `layers/`, each named by its snake_cased class with a per-class counter
  (`conv2d`, `conv2d_1`, ...), never by the layer's name; variables `vars/0, 1, ...` in the order
  `_trainable_variables + _non_trainable_variables`). Sequential.layers leaves out its
  InputLayer; Functional.layers keeps it.
- Keras 2 `.h5` (tf_keras/src/saving/legacy/hdf5_format.py, save_model_to_hdf5): root attributes
  `keras_version`, `backend` (str) and `model_config` (JSON, bytes); group `model_weights` with
  attributes `layer_names` (fixed-length bytes), `backend`, `keras_version`; one group per layer
  (sorted by name) with attribute `weight_names` and datasets `<layer>/<weight>:0` in the order
  trainable + non-trainable weights.

Weights are seeded random float32 values. `expected.json` records, for each file, every weight's
name, shape, first values and sums, and the total parameter count, all computed here from the
arrays written (the tests' independent oracle).

Run: /usr/bin/python3 scripts/keras-fixtures.py   (h5py 3.7, numpy)
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'core', 'import', 'keras-file', 'fixtures')
REAL_CONFIGS = os.path.join(ROOT, 'src', 'core', 'import', 'fixtures')
F32 = {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}


def snake(name):
    """keras/src/utils/naming.py to_snake_case."""
    import re
    name = re.sub(r'\W+', '', name)
    name = re.sub('(.)([A-Z][a-z]+)', r'\1_\2', name)
    return re.sub('([a-z])([A-Z])', r'\1_\2', name).lower()


# ---- layer configs (Keras 3 and Keras 2 spellings) -----------------------------------------

def conv(name, filters, k3):
    c = {'name': name, 'trainable': True, 'dtype': F32 if k3 else 'float32', 'filters': filters,
         'kernel_size': [3, 3], 'strides': [1, 1], 'padding': 'same', 'data_format': 'channels_last',
         'dilation_rate': [1, 1], 'groups': 1, 'activation': 'relu', 'use_bias': True,
         'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'seed': None}},
         'bias_initializer': {'class_name': 'Zeros', 'config': {}}, 'kernel_regularizer': None,
         'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}
    return entry('Conv2D', c, k3)


def bn(name, k3):
    c = {'name': name, 'trainable': True, 'dtype': F32 if k3 else 'float32', 'axis': -1 if k3 else [3],
         'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True}
    return entry('BatchNormalization', c, k3)


def pool(name, k3):
    c = {'name': name, 'trainable': True, 'dtype': F32 if k3 else 'float32', 'pool_size': [2, 2],
         'padding': 'valid', 'strides': [2, 2], 'data_format': 'channels_last'}
    return entry('MaxPooling2D', c, k3)


def flatten(name, k3):
    return entry('Flatten', {'name': name, 'trainable': True, 'dtype': F32 if k3 else 'float32', 'data_format': 'channels_last'}, k3)


def dense(name, units, k3):
    c = {'name': name, 'trainable': True, 'dtype': F32 if k3 else 'float32', 'units': units,
         'activation': 'softmax', 'use_bias': True}
    return entry('Dense', c, k3)


def input_layer(name, shape, k3):
    if k3:
        return entry('InputLayer', {'batch_shape': [None, *shape], 'dtype': 'float32', 'sparse': False, 'name': name}, k3)
    return entry('InputLayer', {'batch_input_shape': [None, *shape], 'dtype': 'float32', 'sparse': False, 'ragged': False, 'name': name}, k3)


def entry(class_name, config, k3):
    return {'module': 'keras.layers', 'class_name': class_name, 'config': config, 'registered_name': None} if k3 \
        else {'class_name': class_name, 'config': config}


def wired(layer, inbound, k3):
    """A functional-model entry: its name and inbound_nodes (Keras 3 tensors or Keras 2 lists)."""
    name = layer['config']['name']
    if k3:
        nodes = [] if not inbound else [{'args': [{'class_name': '__keras_tensor__', 'config': {
            'shape': None, 'dtype': 'float32', 'keras_history': [inbound, 0, 0]}}], 'kwargs': {}}]
    else:
        nodes = [] if not inbound else [[[inbound, 0, 0, {}]]]
    return {**layer, 'name': name, 'inbound_nodes': nodes}


# ---- models: config + the weights of each layer (by Keras class and name) -------------------

def small_cnn(k3):
    """Sequential: Conv2D(4) BN MaxPool Flatten Dense(3) on 8x8x1."""
    layers = [input_layer('input_layer' if k3 else 'conv1_input', [8, 8, 1], k3), conv('conv1', 4, k3), bn('bn1', k3),
              pool('pool1', k3), flatten('flatten', k3), dense('dense', 3, k3)]
    config = {'name': 'small_cnn', 'trainable': True, 'layers': layers}
    if k3:
        config['build_input_shape'] = [None, 8, 8, 1]
    return {'class_name': 'Sequential', 'config': config}


def nested_cnn(k3):
    """Functional: a Sequential block (Conv2D, BN) inside, then Flatten and Dense(2) on 6x6x2."""
    block_layers = [input_layer('block_in', [6, 6, 2], k3), conv('block_conv', 3, k3), bn('block_bn', k3)]
    block = {'class_name': 'Sequential', 'config': {'name': 'block', 'trainable': True, 'layers': block_layers}}
    if k3:
        block = {'module': 'keras', **block, 'registered_name': None}
    layers = [wired(input_layer('image', [6, 6, 2], k3), None, k3), wired(block, 'image', k3),
              wired(flatten('flat', k3), 'block', k3), wired(dense('head', 2, k3), 'flat', k3)]
    return {'class_name': 'Functional', 'config': {
        'name': 'nested_cnn', 'trainable': True, 'layers': layers,
        'input_layers': [['image', 0, 0]], 'output_layers': [['head', 0, 0]]}}


def real_residual(k3):
    """The real Keras 3.5 / 2.15 export of a residual CNN (the model.json fixtures' model_config)."""
    name = 'keras3-functional-residual.json' if k3 else 'keras2-functional-residual.json'
    with open(os.path.join(REAL_CONFIGS, name)) as f:
        config = json.load(f)['modelTopology']['model_config']
    return {k: v for k, v in config.items() if k in ('class_name', 'config')}


def layer_weights(layer, in_channels, rng):
    """(short name, array) of a layer in Keras's order (trainable, then non-trainable)."""
    cls, c = layer['class_name'], layer['config']
    f32 = lambda a: np.asarray(a, dtype=np.float32)
    if cls == 'Conv2D':
        k = c['kernel_size']
        return [('kernel', f32(rng.normal(0, 0.5, (k[0], k[1], in_channels, c['filters'])))),
                ('bias', f32(rng.normal(0, 0.1, (c['filters'],))))]
    if cls == 'Dense':
        return [('kernel', f32(rng.normal(0, 0.5, (in_channels, c['units'])))), ('bias', f32(rng.normal(0, 0.1, (c['units'],))))]
    if cls == 'BatchNormalization':
        n = in_channels
        return [('gamma', f32(rng.uniform(0.5, 1.5, n))), ('beta', f32(rng.normal(0, 0.1, n))),
                ('moving_mean', f32(rng.normal(0, 0.2, n))), ('moving_variance', f32(rng.uniform(0.5, 1.5, n)))]
    return []


# Channels entering each weighted layer (worked out from the shapes above and the real configs).
IN_CHANNELS = {'conv1': 1, 'bn1': 4, 'dense': 64, 'block_conv': 2, 'block_bn': 3, 'head': 108}
IN_CHANNELS_RESIDUAL = {'conv1': 3, 'bn1': 16, 'conv2': 16, 'dense': 16}


def model_layers(model):
    """[(layer entry, [(short, array)] or nested (model, list))] in config order."""
    return model['config']['layers']


def weights_of(model, channels, rng):
    """{layer name: [(short, array)]} for every (nested) layer, and the nested models' layers."""
    out = {}
    for layer in model_layers(model):
        if layer['class_name'] in ('Sequential', 'Functional'):
            out.update(weights_of(layer, channels, rng))
        else:
            out[layer['config']['name']] = layer_weights(layer, channels.get(layer['config']['name'], 0), rng)
    return out


# ---- Keras 3 .keras --------------------------------------------------------------------------

def save_keras3_state(h5, model, weights, path):
    """saving_lib._save_state for a Sequential/Functional model: own vars, then `layers`."""
    h5.create_group(f'{path}/vars' if path else 'vars')
    layers = model_layers(model)
    if model['class_name'] == 'Sequential' and layers and layers[0]['class_name'] == 'InputLayer':
        layers = layers[1:]  # Sequential.layers omits its InputLayer
    used = {}
    for layer in layers:
        name = snake(layer['class_name'])
        if name in used:
            used[name] += 1
            name = f'{name}_{used[name]}'
        else:
            used[name] = 0
        inner = f'{path}/layers/{name}' if path else f'layers/{name}'
        if layer['class_name'] in ('Sequential', 'Functional'):
            save_keras3_state(h5, layer, weights, inner)
            continue
        group = h5.create_group(inner).create_group('vars')
        for i, (_, value) in enumerate(weights[layer['config']['name']]):
            group[str(i)] = value


def write_keras3(file_name, model, weights):
    buffer = io.BytesIO()
    with h5py.File(buffer, 'w') as h5:
        save_keras3_state(h5, model, weights, '')
    config = {'module': 'keras', **model, 'registered_name': model['class_name'], 'build_config': {'input_shape': None},
              'compile_config': None}
    metadata = {'keras_version': '3.5.0', 'date_saved': '2026-12-01@17:00:00'}
    with zipfile.ZipFile(os.path.join(OUT, file_name), 'w') as zf:
        for name, data in (('metadata.json', json.dumps(metadata).encode()), ('config.json', json.dumps(config).encode()),
                           ('model.weights.h5', buffer.getvalue())):
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 1, 17, 0, 0)), data)


# ---- Keras 2 .h5 -----------------------------------------------------------------------------

def write_keras2(file_name, model, weights):
    with h5py.File(os.path.join(OUT, file_name), 'w') as f:
        f.attrs['keras_version'] = '2.15.0'
        f.attrs['backend'] = 'tensorflow'
        f.attrs['model_config'] = json.dumps(model).encode('utf8')
        g = f.create_group('model_weights')
        layers = model_layers(model)
        if model['class_name'] == 'Sequential' and layers[0]['class_name'] == 'InputLayer':
            layers = layers[1:]
        g.attrs['layer_names'] = np.asarray([l['config']['name'].encode('utf8') for l in layers])
        g.attrs['backend'] = b'tensorflow'
        g.attrs['keras_version'] = b'2.15.0'
        for layer in sorted(layers, key=lambda l: l['config']['name']):
            name = layer['config']['name']
            lg = g.create_group(name)
            if layer['class_name'] in ('Sequential', 'Functional'):
                inner = [l for l in model_layers(layer) if l['class_name'] != 'InputLayer']
                pairs = [(f"{l['config']['name']}/{short}:0", v) for l in inner for short, v in weights[l['config']['name']]]
                # trainable first (kernel, bias, gamma, beta), then the moving statistics
                pairs = [p for p in pairs if 'moving' not in p[0]] + [p for p in pairs if 'moving' in p[0]]
            else:
                pairs = [(f'{name}/{short}:0', v) for short, v in weights[name]]
            lg.attrs['weight_names'] = np.asarray([n.encode('utf8') for n, _ in pairs]) if pairs else np.asarray([])
            for n, v in pairs:
                lg.create_dataset(n, v.shape, dtype=v.dtype)[:] = v


def describe(weights, prefix_of=None):
    out = {}
    for layer, pairs in weights.items():
        for short, v in pairs:
            d = v.astype(np.float64).ravel()
            out[f'{layer}/{short}'] = {'shape': list(v.shape), 'first': [float(x) for x in v.ravel()[:3]],
                                       'last': float(v.ravel()[-1]), 'sum': float(d.sum()), 'sumAbs': float(np.abs(d).sum())}
    return out


def write_dtypes():
    """dtypes.h5: the float widths Keras may store (float16 under floatx='float16', float64) and an int64 one."""
    values = {'f16': np.array([1.5, -2.25, 65504, 1e-4], dtype=np.float16),
              'f64': np.array([0.1, -1e-50, 3.0], dtype=np.float64), 'i64': np.array([1, 2], dtype=np.int64)}
    with h5py.File(os.path.join(OUT, 'dtypes.h5'), 'w') as f:
        for name, v in values.items():
            f[name] = v
    expected = {name: v.astype(np.float32).tolist() for name, v in values.items() if v.dtype.kind == 'f'}
    with open(os.path.join(OUT, 'dtypes.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    write_dtypes()
    expected = {}
    jobs = [
        ('small-cnn.keras', small_cnn(True), IN_CHANNELS, write_keras3, 1),
        ('small-cnn.h5', small_cnn(False), IN_CHANNELS, write_keras2, 2),
        ('nested-cnn.keras', nested_cnn(True), IN_CHANNELS, write_keras3, 3),
        ('nested-cnn.h5', nested_cnn(False), IN_CHANNELS, write_keras2, 4),
        ('residual-keras3.keras', real_residual(True), IN_CHANNELS_RESIDUAL, write_keras3, 5),
        ('residual-keras2.h5', real_residual(False), IN_CHANNELS_RESIDUAL, write_keras2, 6),
    ]
    for file_name, model, channels, write, seed in jobs:
        weights = weights_of(model, channels, np.random.default_rng(seed))
        write(file_name, model, weights)
        described = describe(weights)
        expected[file_name] = {'totalParams': int(sum(int(np.prod(w['shape'])) for w in described.values())),
                               'bytes': os.path.getsize(os.path.join(OUT, file_name)), 'weights': described}
    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')
    for name, e in expected.items():
        print(f"{name}: {e['totalParams']} params, {e['bytes']} bytes")


if __name__ == '__main__':
    main()
