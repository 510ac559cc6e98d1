/**
 * Small factories for preset layers, with Keras's defaults (so a preset reads like the Keras code
 * it copies). Every factory takes an optional `inputs`; `compactInputs` later drops the ones that
 * merely repeat "the previous layer", which keeps shared URLs short.
 */
import type {
  ActivationName, ActivationSpec, AddSpec, BatchNormalizationSpec, Conv2DSpec, DenseSpec,
  DepthwiseConv2DSpec, DropoutSpec, FlattenSpec, GlobalPooling2DSpec, InputLayerSpec, LayerSpec,
  Pair, Padding, Pooling2DSpec, ReLUSpec, ReshapeSpec, SeparableConv2DSpec, Shape, ZeroPadding2DSpec,
} from '../model';

/** A square size (3 → [3, 3]) or an explicit [height, width]. */
export type Size = number | Pair;
const pair = (s: Size): Pair => (typeof s === 'number' ? [s, s] : s);

interface Wiring { inputs?: string[] }
interface ConvOptions extends Wiring {
  strides?: Size; padding?: Padding; useBias?: boolean; activation?: ActivationName; dilationRate?: Size;
}

export const input = (name: string, shape: Shape): InputLayerSpec => ({ type: 'InputLayer', name, shape });

/** The fields every convolution shares, with Keras's defaults (valid padding, bias, linear activation). */
function convCommon(kernel: Size, o: ConvOptions) {
  return {
    kernelSize: pair(kernel), strides: pair(o.strides ?? 1), padding: o.padding ?? 'valid',
    dilationRate: pair(o.dilationRate ?? 1), useBias: o.useBias ?? true, activation: o.activation ?? 'linear', ...wire(o),
  } satisfies Partial<Conv2DSpec>;
}

/** Keras Conv2D. */
export function conv2d(name: string, filters: number, kernel: Size, o: ConvOptions = {}): Conv2DSpec {
  return { type: 'Conv2D', name, filters, ...convCommon(kernel, o) };
}

/** Keras DepthwiseConv2D (depth multiplier 1 unless given). */
export function depthwiseConv2d(
  name: string, kernel: Size, o: ConvOptions & { depthMultiplier?: number } = {},
): DepthwiseConv2DSpec {
  return { type: 'DepthwiseConv2D', name, depthMultiplier: o.depthMultiplier ?? 1, ...convCommon(kernel, o) };
}

/** Keras SeparableConv2D (depth multiplier 1 unless given). */
export function separableConv2d(
  name: string, filters: number, kernel: Size, o: ConvOptions & { depthMultiplier?: number } = {},
): SeparableConv2DSpec {
  return { type: 'SeparableConv2D', name, filters, depthMultiplier: o.depthMultiplier ?? 1, ...convCommon(kernel, o) };
}

/** Keras Dense. */
export function dense(
  name: string, units: number, activation: ActivationName = 'linear', o: Wiring & { useBias?: boolean } = {},
): DenseSpec {
  return { type: 'Dense', name, units, useBias: o.useBias ?? true, activation, ...wire(o) };
}

/** Keras pooling: strides default to the pool size. */
export function pool(
  type: Pooling2DSpec['type'], name: string, size: Size, o: Wiring & { strides?: Size; padding?: Padding } = {},
): Pooling2DSpec {
  return { type, name, poolSize: pair(size), strides: pair(o.strides ?? size), padding: o.padding ?? 'valid', ...wire(o) };
}
export const maxPool = (name: string, size: Size, o?: Parameters<typeof pool>[3]) => pool('MaxPooling2D', name, size, o);
export const avgPool = (name: string, size: Size, o?: Parameters<typeof pool>[3]) => pool('AveragePooling2D', name, size, o);

export const globalAvgPool = (name: string, o: Wiring = {}): GlobalPooling2DSpec =>
  ({ type: 'GlobalAveragePooling2D', name, ...wire(o) });

/** Keras BatchNormalization (epsilon 1e-3 unless the model says otherwise, e.g. ResNet's 1.001e-5). */
export const batchNorm = (name: string, o: Wiring & { epsilon?: number } = {}): BatchNormalizationSpec =>
  ({ type: 'BatchNormalization', name, epsilon: o.epsilon ?? 1e-3, center: true, scale: true, ...wire(o) });

export const activation = (name: string, fn: ActivationName, o: Wiring = {}): ActivationSpec =>
  ({ type: 'Activation', name, activation: fn, ...wire(o) });

/** Keras ReLU layer; `relu6(name)` is ReLU(max_value=6) as MobileNets use it. */
export const relu = (name: string, maxValue: number | null = null, o: Wiring = {}): ReLUSpec =>
  ({ type: 'ReLU', name, maxValue, ...wire(o) });
export const relu6 = (name: string, o: Wiring = {}): ReLUSpec => relu(name, 6, o);

export const flatten = (name: string, o: Wiring = {}): FlattenSpec => ({ type: 'Flatten', name, ...wire(o) });
export const reshape = (name: string, targetShape: Shape, o: Wiring = {}): ReshapeSpec =>
  ({ type: 'Reshape', name, targetShape, ...wire(o) });
export const dropout = (name: string, rate: number, o: Wiring = {}): DropoutSpec =>
  ({ type: 'Dropout', name, rate, ...wire(o) });

/** ZeroPadding2D: a number pads all four sides; otherwise [[top, bottom], [left, right]]. */
export function zeroPad(name: string, padding: number | [Pair, Pair], o: Wiring = {}): ZeroPadding2DSpec {
  const p: [Pair, Pair] = typeof padding === 'number' ? [[padding, padding], [padding, padding]] : padding;
  return { type: 'ZeroPadding2D', name, padding: p, ...wire(o) };
}

export const add = (name: string, inputs: string[]): AddSpec => ({ type: 'Add', name, inputs });

const wire = (o: Wiring): Wiring => (o.inputs ? { inputs: o.inputs } : {});

/** The name of the last layer of a non-empty list (a branch's output). */
export const last = (layers: LayerSpec[]): string => layers[layers.length - 1].name;

/**
 * Drops `inputs` where it only names the layer right before (the Sequential default),
 * so the graph stays compact in URLs and JSON without changing its meaning.
 */
export function compactInputs(layers: LayerSpec[]): LayerSpec[] {
  return layers.map((layer, i) => {
    const prev = layers[i - 1];
    if (!layer.inputs || !prev || layer.inputs.length !== 1 || layer.inputs[0] !== prev.name) return layer;
    const copy = { ...layer };
    delete copy.inputs;
    return copy;
  });
}
