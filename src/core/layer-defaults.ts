/**
 * New layers for the editor palette, with Keras defaults (keras.layers constructors).
 * Where Keras has no default (filters, units, rate, target shape), a common choice is used and
 * marked "no Keras default".
 */
import type { LayerSpec, LayerType, ModelGraph } from './model';

/** Layer types offered in the editor palette, in palette order (Unknown only comes from imports). */
export const LAYER_TYPES_IN_PALETTE: LayerType[] = [
  'InputLayer', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Dense',
  'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D',
  'BatchNormalization', 'Activation', 'ReLU', 'LeakyReLU', 'Softmax', 'Flatten', 'Reshape',
  'Dropout', 'ZeroPadding2D', 'Add', 'Concatenate', 'PReLU', 'LayerNormalization', 'Normalization',
];

/** Layer types with trainable weights: the editor offers a "Trainable" switch (Keras `trainable`) for them. */
export const LAYER_TYPES_WITH_TRAINABLE_WEIGHTS: ReadonlySet<LayerType> = new Set<LayerType>([
  'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Dense', 'BatchNormalization',
  'PReLU', 'LayerNormalization',
]);

const conv = { padding: 'valid', useBias: true, activation: 'linear' } as const;

/**
 * A new layer of `type` named `name`, with Keras default hyperparameters (padding 'valid',
 * strides 1, dilation 1, use_bias true, activation linear, BatchNormalization epsilon 0.001).
 * `trainable` and `modelOutput` are left out (their defaults: true and false), and so are the
 * optional `groups` (Conv2D, default 1), `keepDims` (global pooling, default false) and
 * `sharesWeightsOf` (default: own weights), so saved models and links without them read the same.
 */
export function createLayer(type: LayerType, name: string): LayerSpec {
  switch (type) {
    case 'InputLayer': return { type, name, shape: [224, 224, 3] }; // no Keras default: ImageNet size
    case 'Conv2D': return { type, name, filters: 32, ...conv, kernelSize: [3, 3], strides: [1, 1], dilationRate: [1, 1] };
    case 'DepthwiseConv2D':
      return { type, name, ...conv, kernelSize: [3, 3], strides: [1, 1], depthMultiplier: 1, dilationRate: [1, 1] };
    case 'SeparableConv2D':
      return { type, name, filters: 32, ...conv, kernelSize: [3, 3], strides: [1, 1], depthMultiplier: 1, dilationRate: [1, 1] };
    case 'Conv2DTranspose': return { type, name, filters: 32, ...conv, kernelSize: [3, 3], strides: [1, 1] };
    case 'Dense': return { type, name, units: 64, useBias: true, activation: 'linear' }; // units: no Keras default
    case 'MaxPooling2D': case 'AveragePooling2D':
      return { type, name, poolSize: [2, 2], strides: [2, 2], padding: 'valid' }; // Keras: strides default to pool size
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D': case 'Softmax': case 'Flatten': case 'Add':
      return { type, name };
    case 'BatchNormalization': return { type, name, epsilon: 0.001, center: true, scale: true };
    case 'Activation': return { type, name, activation: 'relu' }; // no Keras default
    case 'ReLU': return { type, name, maxValue: null };
    case 'LeakyReLU': return { type, name, alpha: 0.3 }; // tf.keras / tfjs default
    case 'Reshape': return { type, name, targetShape: [-1] }; // no Keras default: flatten-like
    case 'Dropout': return { type, name, rate: 0.5 }; // no Keras default
    case 'ZeroPadding2D': return { type, name, padding: [[1, 1], [1, 1]] };
    case 'Concatenate': return { type, name, axis: -1 };
    case 'PReLU': return { type, name, sharedAxes: null };
    case 'LayerNormalization': return { type, name, axis: -1, epsilon: 0.001, center: true, scale: true };
    case 'Normalization': return { type, name, axis: -1, constantStats: false }; // adapted: mean, variance, count
    case 'Unknown': return { type, name, className: 'Unknown', outputShape: null };
  }
}

/** Keras's snake_case base names (keras `backend.unique_object_name`, from the class name). */
const BASE_NAME: Record<LayerType, string> = {
  InputLayer: 'input', Conv2D: 'conv2d', DepthwiseConv2D: 'depthwise_conv2d', SeparableConv2D: 'separable_conv2d',
  Conv2DTranspose: 'conv2d_transpose', Dense: 'dense', MaxPooling2D: 'max_pooling2d',
  AveragePooling2D: 'average_pooling2d', GlobalAveragePooling2D: 'global_average_pooling2d',
  GlobalMaxPooling2D: 'global_max_pooling2d', BatchNormalization: 'batch_normalization', Activation: 'activation',
  ReLU: 're_lu', LeakyReLU: 'leaky_re_lu', Softmax: 'softmax', Flatten: 'flatten', Reshape: 'reshape',
  Dropout: 'dropout', ZeroPadding2D: 'zero_padding2d', Add: 'add', Concatenate: 'concatenate', Unknown: 'layer',
  PReLU: 'p_re_lu', LayerNormalization: 'layer_normalization', Normalization: 'normalization',
};

/**
 * A name for a new layer of `type` not used in `graph`, Keras style: 'conv2d', then 'conv2d_1',
 * 'conv2d_2', … (the smallest free suffix).
 */
export function uniqueLayerName(graph: ModelGraph, type: LayerType): string {
  const base = BASE_NAME[type] ?? 'layer';
  const used = new Set(graph.layers.map((l) => l.name));
  if (!used.has(base)) return base;
  for (let i = 1; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}
