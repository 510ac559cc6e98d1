/**
 * One Keras layer config (class_name + config, as Keras 2, Keras 3 and tfjs-layers serialise it)
 * → a FlopLab LayerSpec. Hyperparameter defaults are Keras's own.
 */
import type { LayerSpec, Pair } from '../model';
import { fail, ok, type Result } from '../result';
import { configReader, type ConfigReader } from './config-reader';
import { mapActivation } from './keras-activation';

/** What a Keras layer became: a spec, or a class FlopLab does not know (the caller decides). */
export type ConvertedLayer =
  /** `followedBy`: layers FlopLab needs after it to express the same thing (they stand for its output). */
  | { kind: 'spec'; spec: LayerSpec; followedBy: LayerSpec[]; warnings: string[] }
  | { kind: 'unknown'; className: string };

/** Keras aliases of the same class (Keras 2 kept the long names; tfjs writes the short ones). */
const CLASS_ALIASES: Record<string, string> = {
  Convolution2D: 'Conv2D',
  SeparableConvolution2D: 'SeparableConv2D',
  Convolution2DTranspose: 'Conv2DTranspose',
  Deconvolution2D: 'Conv2DTranspose',
  MaxPool2D: 'MaxPooling2D',
  AvgPool2D: 'AveragePooling2D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
};

type Converter = (name: string, r: ConfigReader, warnings: string[]) => LayerSpec | LayerSpec[] | null;

const activationOf = (r: ConfigReader, warnings: string[]) => {
  const { activation, warning } = mapActivation(r.raw('activation'), r.where);
  if (warning) warnings.push(warning);
  return activation;
};

const ONE: Pair = [1, 1];

/** Keras ZeroPadding2D accepts 1, (1, 2) or ((top, bottom), (left, right)). */
function zeroPadding(r: ConfigReader): [Pair, Pair] {
  const v = r.raw('padding');
  const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (v === undefined || v === null) return [[1, 1], [1, 1]];
  if (isSize(v)) return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2) {
    const [h, w] = v as unknown[];
    if (isSize(h) && isSize(w)) return [[h, h], [w, w]];
    if (Array.isArray(h) && Array.isArray(w) && h.length === 2 && w.length === 2 && [...h, ...w].every(isSize)) {
      return [[h[0], h[1]], [w[0], w[1]]];
    }
  }
  r.reject('padding', 'a size, a pair (h, w) or ((top, bottom), (left, right))');
  return [[1, 1], [1, 1]];
}

const CONVERTERS: Record<string, Converter> = {
  InputLayer: (name, r) => {
    const shape = r.has('batch_input_shape') ? r.shape('batch_input_shape', true)
      : r.has('batch_shape') ? r.shape('batch_shape', true)
        : r.shape('input_shape', false);
    if (!shape) {
      if (!r.problem) r.reject('batch_input_shape', 'the input shape, e.g. [null, 224, 224, 3]');
      return null;
    }
    return { type: 'InputLayer', name, shape };
  },
  Conv2D: (name, r, w) => {
    r.require('filters', 'kernel_size');
    // Keras `groups` (default 1; the engine checks it divides the channels). Absent when 1, as in every other graph.
    const groups = r.has('groups') ? r.positiveInt('groups', 1) : 1;
    return {
      type: 'Conv2D', name, filters: r.positiveInt('filters', 1), kernelSize: r.pair('kernel_size', [0, 0]),
      strides: r.pair('strides', ONE), padding: r.padding('padding', 'valid'),
      dilationRate: r.pair('dilation_rate', ONE), useBias: r.bool('use_bias', true), activation: activationOf(r, w),
      ...(groups > 1 ? { groups } : {}),
    };
  },
  Conv2DTranspose: (name, r, w) => {
    r.require('filters', 'kernel_size');
    const dilation = r.pair('dilation_rate', ONE);
    if (dilation[0] !== 1 || dilation[1] !== 1) r.reject('dilation_rate', '1 (dilated transposed convolutions are not supported)');
    if (r.has('output_padding')) r.reject('output_padding', 'null (output_padding is not supported)');
    return {
      type: 'Conv2DTranspose', name, filters: r.positiveInt('filters', 1), kernelSize: r.pair('kernel_size', [0, 0]),
      strides: r.pair('strides', ONE), padding: r.padding('padding', 'valid'),
      useBias: r.bool('use_bias', true), activation: activationOf(r, w),
    };
  },
  DepthwiseConv2D: (name, r, w) => {
    r.require('kernel_size');
    return {
      type: 'DepthwiseConv2D', name, kernelSize: r.pair('kernel_size', [0, 0]), strides: r.pair('strides', ONE),
      padding: r.padding('padding', 'valid'), depthMultiplier: r.positiveInt('depth_multiplier', 1),
      dilationRate: r.pair('dilation_rate', ONE), useBias: r.bool('use_bias', true), activation: activationOf(r, w),
    };
  },
  SeparableConv2D: (name, r, w) => {
    r.require('filters', 'kernel_size');
    return {
      type: 'SeparableConv2D', name, filters: r.positiveInt('filters', 1), kernelSize: r.pair('kernel_size', [0, 0]),
      strides: r.pair('strides', ONE), padding: r.padding('padding', 'valid'),
      depthMultiplier: r.positiveInt('depth_multiplier', 1), dilationRate: r.pair('dilation_rate', ONE),
      useBias: r.bool('use_bias', true), activation: activationOf(r, w),
    };
  },
  Dense: (name, r, w) => {
    r.require('units');
    return {
      type: 'Dense', name, units: r.positiveInt('units', 1), useBias: r.bool('use_bias', true), activation: activationOf(r, w),
    };
  },
  MaxPooling2D: (name, r) => pooling('MaxPooling2D', name, r),
  AveragePooling2D: (name, r) => pooling('AveragePooling2D', name, r),
  GlobalAveragePooling2D: (name, r, w) => globalPooling('GlobalAveragePooling2D', name, r, w),
  GlobalMaxPooling2D: (name, r, w) => globalPooling('GlobalMaxPooling2D', name, r, w),
  BatchNormalization: (name, r) => {
    if (batchNormAxis(r.raw('axis')) === undefined) r.reject('axis', 'an integer axis (-1, the channels axis)');
    return {
      type: 'BatchNormalization', name, epsilon: r.number('epsilon', 0.001),
      center: r.bool('center', true), scale: r.bool('scale', true),
    };
  },
  Activation: (name, r, w) => ({ type: 'Activation', name, activation: activationOf(r, w) }),
  ReLU: (name, r, w) => {
    if (r.number('negative_slope', 0) !== 0) w.push(`${r.where}: negative_slope is ignored; counted as a plain ReLU.`);
    if (r.number('threshold', 0) !== 0) w.push(`${r.where}: threshold is ignored; counted as a plain ReLU.`);
    return { type: 'ReLU', name, maxValue: r.nullableNumber('max_value') };
  },
  // tfjs and Keras 2 call the slope `alpha`, Keras 3 `negative_slope`; both default to 0.3.
  LeakyReLU: (name, r) => ({
    type: 'LeakyReLU', name, alpha: r.has('negative_slope') ? r.number('negative_slope', 0.3) : r.number('alpha', 0.3),
  }),
  Softmax: (name) => ({ type: 'Softmax', name }),
  Flatten: (name) => ({ type: 'Flatten', name }),
  Reshape: (name, r) => {
    const v = r.raw('target_shape');
    const okDim = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && (x > 0 || x === -1);
    if (!Array.isArray(v) || v.length === 0 || !v.every(okDim)) {
      r.reject('target_shape', 'a list of positive sizes (one may be -1)');
      return null;
    }
    return { type: 'Reshape', name, targetShape: v as number[] };
  },
  Dropout: (name, r) => ({ type: 'Dropout', name, rate: r.number('rate', 0) }),
  // Shape-preserving and free at inference, like Dropout.
  SpatialDropout2D: (name, r, w) => {
    w.push(`${r.where}: imported as Dropout (same shape, no cost at inference).`);
    return { type: 'Dropout', name, rate: r.number('rate', 0) };
  },
  ZeroPadding2D: (name, r) => ({ type: 'ZeroPadding2D', name, padding: zeroPadding(r) }),
  Add: (name) => ({ type: 'Add', name }),
  Concatenate: (name, r) => ({ type: 'Concatenate', name, axis: integerAxis(r) }),
  PReLU: (name, r) => ({ type: 'PReLU', name, sharedAxes: sharedAxes(r) }),
  // Keras 3 rms_scaling keeps gamma only (no beta), whatever center and scale say.
  LayerNormalization: (name, r) => {
    const rms = r.bool('rms_scaling', false);
    return {
      type: 'LayerNormalization', name, axis: singleAxis(r), epsilon: r.number('epsilon', 0.001),
      center: r.bool('center', true) && !rms, scale: r.bool('scale', true) || rms,
    };
  },
  // Keras keeps no weights when mean and variance are given in the config (they are constants).
  Normalization: (name, r) => ({
    type: 'Normalization', name, axis: singleAxis(r), constantStats: r.has('mean') && r.has('variance'),
  }),
};

/** Keras PReLU shared_axes: null, an int, or a list of positive axes (1 = the first after the batch). */
function sharedAxes(r: ConfigReader): number[] | null {
  const v = r.raw('shared_axes');
  if (v === undefined || v === null) return null;
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (list.length > 0 && list.every((a) => typeof a === 'number' && Number.isInteger(a) && a >= 1)) return list as number[];
  r.reject('shared_axes', 'null or a list of positive axes (1 = the first axis after the batch)');
  return null;
}

/** A LayerNormalization / Normalization axis: one integer, or a list of one (Keras writes both). */
function singleAxis(r: ConfigReader): number {
  const v = r.raw('axis');
  if (v === undefined) return -1;
  const single = Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v;
  if (typeof single === 'number' && Number.isInteger(single) && single !== 0) return single;
  r.reject('axis', 'one non-zero integer axis (several axes or None are not supported)');
  return -1;
}

function pooling(type: 'MaxPooling2D' | 'AveragePooling2D', name: string, r: ConfigReader): LayerSpec {
  const poolSize = r.pair('pool_size', [2, 2]);
  // Keras: strides None means strides = pool_size.
  return { type, name, poolSize, strides: r.pair('strides', poolSize), padding: r.padding('padding', 'valid') };
}

/**
 * keepdims=True (keras.applications MobileNet uses it) keeps a 1×1×C output; FlopLab's global
 * pooling drops the spatial axes, so a free Reshape to 1×1×C follows it.
 */
function globalPooling(
  type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D', name: string, r: ConfigReader, warnings: string[],
): LayerSpec | LayerSpec[] {
  if (!r.bool('keepdims', false)) return { type, name };
  const reshape = `${name}_keepdims`;
  warnings.push(`${r.where}: keepdims=True imported as ${type} followed by a Reshape to 1×1×C named '${reshape}' (no cost).`);
  return [{ type, name }, { type: 'Reshape', name: reshape, targetShape: [1, 1, -1] }];
}

function integerAxis(r: ConfigReader): number {
  const axis = r.raw('axis');
  if (axis === undefined || axis === null) return -1;
  if (typeof axis === 'number' && Number.isInteger(axis)) return axis;
  r.reject('axis', 'an integer axis');
  return -1;
}

/**
 * The axis a Keras BatchNormalization normalises, counted with the batch axis: -1 (the last, or
 * absent) → null; a positive integer (Keras 2 writes [3], or [1] after a Dense) → that integer;
 * anything else → undefined. Whether a positive axis is the last one needs the input's rank, so
 * the import checks it after shape inference.
 */
export function batchNormAxis(axis: unknown): number | null | undefined {
  const single = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis;
  if (single === undefined || single === null || single === -1) return null;
  return typeof single === 'number' && Number.isInteger(single) && single > 0 ? single : undefined;
}

/** The canonical Keras class name FlopLab uses for `className` (resolving aliases). */
export function canonicalClassName(className: string): string {
  return CLASS_ALIASES[className] ?? className;
}

/**
 * Converts one Keras layer config into a LayerSpec. A class FlopLab does not know comes back as
 * `{ kind: 'unknown' }`; a known class with a bad or unsupported field is an error value naming
 * the layer and the field ("Layer 'c1' (Conv2D): Expected strides to be …, but got …").
 * channels_first data is refused: FlopLab's shapes are channels-last.
 */
export function convertKerasLayer(name: string, className: string, config: Record<string, unknown>): Result<ConvertedLayer> {
  const canonical = canonicalClassName(className);
  const convert = CONVERTERS[canonical];
  if (!convert) return ok({ kind: 'unknown', className });
  const r = configReader(name, className, config);
  if (r.raw('data_format') === 'channels_first') r.reject('data_format', "'channels_last' (FlopLab's shapes are channels-last)");
  const warnings: string[] = [];
  const converted = convert(name, r, warnings);
  if (r.problem || !converted) {
    return fail({
      code: 'parse-error', message: r.problem ?? `${r.where}: could not be read.`, layer: name,
      ...(r.problemField ? { field: r.problemField } : {}),
    });
  }
  const [first, ...followedBy] = Array.isArray(converted) ? converted : [converted];
  // Keras `trainable: false` (a frozen layer): its weights count as non-trainable.
  const spec = config.trainable === false && first.type !== 'InputLayer' ? { ...first, trainable: false } : first;
  return ok({ kind: 'spec', spec, followedBy, warnings });
}
