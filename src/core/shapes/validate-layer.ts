/**
 * Hyperparameter validation for every layer type, in the spirit of tfjs-layers' constructors:
 * "Layer 'x': Expected filters to be a positive integer, but got 0." Shape-dependent checks
 * (kernel larger than the input, ranks, Add shapes) live in shape inference.
 */
import { ACTIVATIONS, type LayerSpec, type LayerType } from '../model';
import { ALPHA_MAX, AXIS_MAX, AXIS_MIN, EPSILON_MAX, MAX_NAME_CHARS, RELU_MAX_VALUE_MAX } from '../limits';
import type { FlopLabError } from '../result';
import { invalid, isInt, show, isNonNegInt, isPair, isPosInt, MAX_DIM, MAX_RANK } from './checks';

interface FieldRule { field: string; expected: string; test: (v: unknown) => boolean }

const isBool = (v: unknown) => typeof v === 'boolean';
const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const activationSet = new Set<unknown>(ACTIVATIONS);

/** A shape without the batch dimension: 1..MAX_RANK positive integers. */
export const isShape = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length >= 1 && v.length <= MAX_RANK && v.every(isPosInt);

const isTargetShape = (v: unknown): boolean =>
  Array.isArray(v) && v.length >= 1 && v.length <= MAX_RANK
  && v.every((d) => d === -1 || isPosInt(d)) && v.filter((d) => d === -1).length <= 1;

const rule = (field: string, expected: string, test: (v: unknown) => boolean): FieldRule => ({ field, expected, test });
const R = {
  filters: rule('filters', `a positive integer (at most ${MAX_DIM})`, isPosInt),
  units: rule('units', `a positive integer (at most ${MAX_DIM})`, isPosInt),
  kernelSize: rule('kernelSize', 'a pair of positive integers [height, width]', (v) => isPair(v, isPosInt)),
  poolSize: rule('poolSize', 'a pair of positive integers [height, width]', (v) => isPair(v, isPosInt)),
  strides: rule('strides', 'a pair of positive integers [height, width]', (v) => isPair(v, isPosInt)),
  dilationRate: rule('dilationRate', 'a pair of positive integers [height, width]', (v) => isPair(v, isPosInt)),
  padding: rule('padding', "'valid' or 'same'", (v) => v === 'valid' || v === 'same'),
  useBias: rule('useBias', 'true or false', isBool),
  center: rule('center', 'true or false', isBool),
  scale: rule('scale', 'true or false', isBool),
  activation: rule('activation', `one of ${ACTIVATIONS.join(', ')}`, (v) => activationSet.has(v)),
  depthMultiplier: rule('depthMultiplier', 'a positive integer', isPosInt),
  shape: rule('shape', `a list of 1 to ${MAX_RANK} positive integers`, isShape),
  // Ranges from ../limits (shared with the config schema, so what analyses can be saved).
  epsilon: rule('epsilon', `a positive number (at most ${EPSILON_MAX})`, (v) => isFiniteNum(v) && v > 0 && v <= EPSILON_MAX),
  maxValue: rule('maxValue', `null or a number from 0 to ${RELU_MAX_VALUE_MAX}`,
    (v) => v === null || (isFiniteNum(v) && v >= 0 && v <= RELU_MAX_VALUE_MAX)),
  alpha: rule('alpha', `a number from 0 to ${ALPHA_MAX}`, (v) => isFiniteNum(v) && v >= 0 && v <= ALPHA_MAX),
  rate: rule('rate', 'a number in [0, 1)', (v) => isFiniteNum(v) && v >= 0 && v < 1),
  targetShape: rule('targetShape', `a list of 1 to ${MAX_RANK} positive integers with at most one -1`, isTargetShape),
  zeroPadding: rule('padding', 'two pairs of non-negative integers [[top, bottom], [left, right]]',
    (v) => isPair(v, (p) => isPair(p, isNonNegInt))),
  axis: rule('axis', `a non-zero integer from ${AXIS_MIN} to ${AXIS_MAX} (Keras axis, batch included; -1 = last)`,
    (v) => isInt(v) && v !== 0 && v >= AXIS_MIN && v <= AXIS_MAX),
  className: rule('className', `a text of at most ${MAX_NAME_CHARS} characters`, (v) => typeof v === 'string' && v.length <= MAX_NAME_CHARS),
  sharedAxes: rule('sharedAxes', `null or a list of 1 to ${MAX_RANK} distinct Keras axes (1 = the first after the batch)`,
    (v) => v === null || (Array.isArray(v) && v.length >= 1 && v.length <= MAX_RANK
      && v.every((a) => isInt(a) && a >= 1 && a <= MAX_RANK) && new Set(v).size === v.length)),
  constantStats: rule('constantStats', 'true or false', isBool),
  outputShape: rule('outputShape', `null or a list of 1 to ${MAX_RANK} positive integers`, (v) => v === null || isShape(v)),
  groups: rule('groups', `a positive integer (at most ${MAX_DIM}) or absent`, (v) => v === undefined || isPosInt(v)),
  keepDims: rule('keepDims', 'true or false (or absent)', (v) => v === undefined || isBool(v)),
  unknownParams: rule('params', 'a non-negative integer (or absent)', (v) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0)),
};

const convCommon = [R.kernelSize, R.strides, R.padding, R.useBias, R.activation];
const RULES: Record<LayerType, FieldRule[]> = {
  InputLayer: [R.shape],
  Conv2D: [R.filters, ...convCommon, R.dilationRate, R.groups],
  DepthwiseConv2D: [...convCommon, R.depthMultiplier, R.dilationRate],
  SeparableConv2D: [R.filters, ...convCommon, R.depthMultiplier, R.dilationRate],
  Conv2DTranspose: [R.filters, ...convCommon],
  Dense: [R.units, R.useBias, R.activation],
  MaxPooling2D: [R.poolSize, R.strides, R.padding],
  AveragePooling2D: [R.poolSize, R.strides, R.padding],
  GlobalAveragePooling2D: [R.keepDims],
  GlobalMaxPooling2D: [R.keepDims],
  BatchNormalization: [R.epsilon, R.center, R.scale],
  Activation: [R.activation],
  ReLU: [R.maxValue],
  LeakyReLU: [R.alpha],
  Softmax: [],
  Flatten: [],
  Reshape: [R.targetShape],
  Dropout: [R.rate],
  ZeroPadding2D: [R.zeroPadding],
  Add: [],
  Concatenate: [R.axis],
  Unknown: [R.className, R.outputShape, R.unknownParams],
  PReLU: [R.sharedAxes],
  LayerNormalization: [R.axis, R.epsilon, R.center, R.scale],
  Normalization: [R.axis, R.constantStats],
};

/** Fields every layer may have; absent means the default (trainable, not a consumed model output). */
const OPTIONAL_BOOLEANS = ['trainable', 'modelOutput'] as const;

/**
 * Layer types that have weights (trainable or not), so may name another layer in
 * `sharesWeightsOf`. Normalization's are its adapted mean, variance and count.
 */
export const LAYER_TYPES_WITH_WEIGHTS: ReadonlySet<LayerType> = new Set<LayerType>([
  'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'Dense', 'BatchNormalization',
  'PReLU', 'LayerNormalization', 'Normalization',
]);

/** `sharesWeightsOf`, when present: another layer's name, on a layer type that has weights. */
function sharesWeightsProblem(layer: LayerSpec, fields: Record<string, unknown>): FlopLabError | null {
  const target = fields.sharesWeightsOf;
  if (target === undefined) return null;
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_NAME_CHARS) {
    return invalid(layer.name, 'sharesWeightsOf', `the name of an earlier layer (or absent)`, target);
  }
  if (!LAYER_TYPES_WITH_WEIGHTS.has(layer.type)) {
    return invalid(layer.name, 'sharesWeightsOf', `absent (a ${layer.type} layer has no weights to share)`, target);
  }
  if (target === layer.name) return invalid(layer.name, 'sharesWeightsOf', 'the name of another, earlier layer', target);
  return null;
}

/** The layer types FlopLab knows (including 'Unknown' for imported unknown classes). */
export const KNOWN_LAYER_TYPES = Object.keys(RULES) as LayerType[];
const knownTypes = new Set<unknown>(KNOWN_LAYER_TYPES);

/** True if `type` is a LayerType FlopLab knows. */
export const isKnownLayerType = (type: unknown): type is LayerType => knownTypes.has(type);

/**
 * Checks every hyperparameter of a layer (type and value ranges). Returns the first problem as an
 * 'invalid-value' (or 'unknown-layer' for an unknown `type`) error naming layer and field, or null.
 * Keras/tfjs also refuse strides > 1 together with dilation > 1; so does FlopLab.
 */
export function validateLayer(layer: LayerSpec): FlopLabError | null {
  const name = layer.name;
  if (!isKnownLayerType(layer.type)) {
    return { code: 'unknown-layer', layer: name, field: 'type',
      message: `Layer '${name}': Expected type to be a known layer type, but got ${show(layer.type)}.` };
  }
  const fields = layer as unknown as Record<string, unknown>;
  for (const field of OPTIONAL_BOOLEANS) {
    if (fields[field] !== undefined && !isBool(fields[field])) return invalid(name, field, 'true or false (or absent)', fields[field]);
  }
  for (const r of RULES[layer.type]) {
    if (!r.test(fields[r.field])) return invalid(name, r.field, r.expected, fields[r.field]);
  }
  const sharing = sharesWeightsProblem(layer, fields);
  if (sharing) return sharing;
  if (layer.type === 'Conv2D' && layer.groups !== undefined && layer.filters % layer.groups !== 0) {
    return invalid(name, 'groups', `a divisor of filters (${layer.filters}), as each group gets filters/groups of them`, layer.groups);
  }
  if ('dilationRate' in layer) {
    const [sh, sw] = layer.strides;
    const [dh, dw] = layer.dilationRate;
    if ((sh > 1 || sw > 1) && (dh > 1 || dw > 1)) {
      return invalid(name, 'dilationRate', '[1, 1] when strides are above 1 (Keras allows only one of them)', layer.dilationRate);
    }
  }
  return null;
}
