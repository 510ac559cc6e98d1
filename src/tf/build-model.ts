/**
 * Builds a TensorFlow.js LayersModel from a FlopLab ModelGraph with the functional API, so the
 * same model can be measured, trained or compressed with real weights. Layer names equal the
 * graph's (weights are then named 'conv1/kernel', …). Weights are random but seeded: two builds
 * with the same seed hold identical weights.
 */
import * as tf from '@tensorflow/tfjs';
import { resolveInputs } from '../core/graph';
import type { ActivationName, LayerSpec, ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { GroupedConv2D, HardSwish } from './custom-layers';

export interface BuildOptions {
  /** Seed of the random kernels (default 1). Layer i uses seeds derived from it and i. */
  seed?: number;
  /**
   * 'seeded' (default): Keras's glorot-uniform kernels, seeded. 'zeros': all kernels zero, for
   * callers that only need shapes and counts (countParams needs no values, and filling VGG-16's
   * 138 M random numbers on the cpu backend takes seconds).
   */
  weights?: 'seeded' | 'zeros';
}

type TfActivation = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;
type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** Activations tfjs has no identifier for: each is applied as a layer of its own. */
type LayerActivation = 'leaky_relu' | 'hard_swish';
const isLayerActivation = (a: ActivationName): a is LayerActivation => a === 'leaky_relu' || a === 'hard_swish';

/** Keras activation names → tfjs identifiers; leaky_relu and hard_swish have none (applied as layers). */
const TF_ACTIVATION: Record<Exclude<ActivationName, LayerActivation>, TfActivation> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', sigmoid: 'sigmoid', hard_sigmoid: 'hardSigmoid',
  tanh: 'tanh', softmax: 'softmax', elu: 'elu', selu: 'selu', softplus: 'softplus',
  softsign: 'softsign', swish: 'swish', gelu: 'gelu',
};
/** Keras 3's default negative slope of the 'leaky_relu' activation function. */
const LEAKY_RELU_ACTIVATION_ALPHA = 0.2;

/**
 * Builds the graph as a tf.LayersModel (inputs: every InputLayer; outputs: every layer no other
 * layer consumes). An 'Unknown' layer or a configuration tfjs rejects is an error value naming
 * the layer. The caller owns the model and must `dispose()` it.
 */
export function buildTfModel(graph: ModelGraph, options: BuildOptions = {}): Result<tf.LayersModel> {
  const wiring = wireLayers(graph);
  if (!wiring.ok) return wiring;
  const built: tf.layers.Layer[] = [];
  const tensors = new Map<string, tf.SymbolicTensor>();
  const layersOf = new Map<string, tf.layers.Layer[]>();
  const specOf = new Map(graph.layers.map((l) => [l.name, l]));
  let current: LayerSpec | undefined;
  try {
    wiring.value.order.forEach((spec, index) => {
      current = spec;
      if (spec.type === 'InputLayer') {
        tensors.set(spec.name, tf.input({ shape: spec.shape, name: spec.name }));
        return;
      }
      const inbound = wiring.value.inputsOf.get(spec.name)!.map((n) => tensors.get(n)!);
      const shared = sharedLayers(spec, specOf, layersOf);
      const layers = shared ?? createTfLayers(withKnownTargetShape(withPositiveAxis(spec, inbound), inbound), initializers(options, index), inbound);
      if (!shared) {
        if (spec.trainable === false) for (const layer of layers) layer.trainable = false;
        built.push(...layers);
      }
      layersOf.set(spec.name, layers);
      let out: tf.SymbolicTensor | tf.SymbolicTensor[] = inbound.length === 1 ? inbound[0] : inbound;
      for (const layer of layers) out = layer.apply(out) as tf.SymbolicTensor;
      if (shared) for (const layer of layers) forgetExtraCall(layer);
      tensors.set(spec.name, out as tf.SymbolicTensor);
    });
    current = undefined;
    const consumed = new Set([...wiring.value.inputsOf.values()].flat());
    const inputs = graph.layers.filter((l) => l.type === 'InputLayer').map((l) => tensors.get(l.name)!);
    // Outputs: every layer nobody consumes, and those marked as model outputs although consumed.
    const outputs = graph.layers.filter((l) => !consumed.has(l.name) || l.modelOutput === true).map((l) => tensors.get(l.name)!);
    return ok(tf.model({ inputs, outputs, name: safeModelName(graph.name) }));
  } catch (e) {
    for (const layer of built) disposeQuietly(layer);
    const reason = e instanceof Error ? e.message : String(e);
    const where = current ? `Layer '${current.name}'` : `Model '${graph.name}'`;
    return fail({ code: 'invalid-value', message: `${where}: TensorFlow.js cannot build it: ${reason}`, layer: current?.name });
  }
}

/** Wiring and execution order from the engine; an 'Unknown' layer cannot be built. */
function wireLayers(graph: ModelGraph): Result<{ order: LayerSpec[]; inputsOf: Map<string, string[]> }> {
  const unknown = graph.layers.find((l) => l.type === 'Unknown');
  if (unknown?.type === 'Unknown') {
    return fail({ code: 'unknown-layer', layer: unknown.name, message: `Layer '${unknown.name}': TensorFlow.js has no layer '${unknown.className}', so this model cannot be built or run in the browser.` });
  }
  const dilatedDepthwise = graph.layers.find((l) => l.type === 'DepthwiseConv2D' && l.dilationRate.some((d) => d > 1));
  if (dilatedDepthwise) {
    // tfjs-layers' DepthwiseConv2D ignores dilationRate (a TODO in convolutional_depthwise.ts): it
    // would silently build a different model from the one FlopLab counts.
    return fail({ code: 'invalid-value', layer: dilatedDepthwise.name, field: 'dilationRate', message: `Layer '${dilatedDepthwise.name}': TensorFlow.js cannot run a dilated DepthwiseConv2D (it ignores dilationRate), so this model cannot be measured or compressed in the browser.` });
  }
  const normalization = graph.layers.find((l) => l.type === 'Normalization');
  if (normalization) {
    return fail({ code: 'unknown-layer', layer: normalization.name, message: `Layer '${normalization.name}': TensorFlow.js has no Normalization layer, so this model cannot be measured or compressed in the browser (its counts are still exact: mean, variance and count).` });
  }
  return resolveInputs(graph);
}

/**
 * tfjs concatenates along the last axis for every negative axis at run time, whatever the number
 * (tfjs_backend concatenate), so a Keras axis like -2 is turned into its positive twin first.
 */
function withPositiveAxis(spec: LayerSpec, inbound: tf.SymbolicTensor[]): LayerSpec {
  if (spec.type !== 'Concatenate' || spec.axis >= 0 || inbound.length === 0) return spec;
  return { ...spec, axis: inbound[0].shape.length + spec.axis };
}

/**
 * tfjs's Reshape leaves a -1 unresolved whenever any input dimension is unknown, and the batch
 * always is (reshape computeOutputShape), so a Dense after Reshape [1, 1, -1] would get no input
 * size. The -1 is resolved here from the input's known dimensions, as Keras does.
 */
function withKnownTargetShape(spec: LayerSpec, inbound: tf.SymbolicTensor[]): LayerSpec {
  if (spec.type !== 'Reshape' || !spec.targetShape.includes(-1) || inbound.length !== 1) return spec;
  const dims = inbound[0].shape.slice(1);
  if (dims.some((d) => d === null)) return spec;
  const total = (dims as number[]).reduce((a, b) => a * b, 1);
  const known = spec.targetShape.reduce((a, b) => (b === -1 ? a : a * b), 1);
  return { ...spec, targetShape: spec.targetShape.map((d) => (d === -1 ? total / known : d)) };
}

interface Initializers { kernel: Initializer; depthwise: Initializer; pointwise: Initializer }

/** Per-layer seeded initializers; bias, BN gamma/beta/moving stats keep their Keras defaults. */
function initializers(options: BuildOptions, layerIndex: number): Initializers {
  if (options.weights === 'zeros') {
    const zeros = tf.initializers.zeros();
    return { kernel: zeros, depthwise: zeros, pointwise: zeros };
  }
  const base = (options.seed ?? 1) * 1_000_003 + layerIndex * 3;
  return {
    kernel: tf.initializers.glorotUniform({ seed: base }),
    depthwise: tf.initializers.glorotUniform({ seed: base + 1 }),
    pointwise: tf.initializers.glorotUniform({ seed: base + 2 }),
  };
}

/** Fields that make no difference to the computation of a layer that reuses another's weights. */
const NOT_COMPUTATION = new Set(['name', 'inputs', 'trainable', 'modelOutput', 'sharesWeightsOf']);

/**
 * A layer with `sharesWeightsOf` is the named layer's tfjs layer(s) applied again (a Keras shared
 * layer: one set of weights, as the engine counts them) when both specs compute the same thing.
 * When they differ beyond their weights (an ONNX initializer read by two convolutions with
 * different strides), null: the layer is built with weights of its own, which measures the same
 * time but is not what the engine counts (its weights are not listed by compress/weight-shapes).
 */
function sharedLayers(spec: LayerSpec, specOf: Map<string, LayerSpec>, layersOf: Map<string, tf.layers.Layer[]>): tf.layers.Layer[] | null {
  if (spec.sharesWeightsOf === undefined) return null;
  const owner = specOf.get(spec.sharesWeightsOf);
  const layers = layersOf.get(spec.sharesWeightsOf);
  if (!owner || !layers) return null;
  const computation = (l: LayerSpec) => JSON.stringify(Object.entries(l).filter(([k]) => !NOT_COMPUTATION.has(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
  return computation(owner) === computation(spec) ? layers : null;
}

/**
 * tfjs counts every call of a layer as a reference and frees its weights only when
 * LayersModel.dispose() brings the count to 0, which it lowers once per layer: a layer called
 * twice would keep its weights forever. The model holds each layer once, so each extra call is
 * forgotten (tfjs-layers topology.ts `apply` and `dispose`, `_refCount`).
 */
function forgetExtraCall(layer: tf.layers.Layer): void {
  const counted = layer as unknown as { _refCount: number | null };
  if (typeof counted._refCount === 'number' && counted._refCount > 1) counted._refCount--;
}

/** The layer applying an activation tfjs-layers has no identifier for (or a plain Activation layer). */
function activationLayer(activation: ActivationName, name: string): tf.layers.Layer {
  if (activation === 'leaky_relu') return tf.layers.leakyReLU({ alpha: LEAKY_RELU_ACTIVATION_ALPHA, name });
  if (activation === 'hard_swish') return new HardSwish({ name });
  return tf.layers.activation({ name, activation: TF_ACTIVATION[activation] });
}

const isGrouped = (spec: LayerSpec): boolean => spec.type === 'Conv2D' && (spec.groups ?? 1) > 1;

/**
 * The tfjs layer(s) for one spec: one, or two when the activation needs its own layer (leaky_relu
 * and hard_swish, which tfjs cannot fuse, and any activation after a grouped Conv2D).
 */
function createTfLayers(spec: LayerSpec, init: Initializers, inbound: tf.SymbolicTensor[]): tf.layers.Layer[] {
  const name = spec.name;
  if ('activation' in spec && spec.activation !== 'linear' && (isLayerActivation(spec.activation) || isGrouped(spec))) {
    if (spec.type === 'Activation') return [activationLayer(spec.activation, name)];
    const linear = createTfLayers({ ...spec, activation: 'linear' }, init, inbound)[0];
    return [linear, activationLayer(spec.activation, `${name}_${spec.activation}`)];
  }
  const act = (a: ActivationName) => TF_ACTIVATION[a as Exclude<ActivationName, LayerActivation>];
  switch (spec.type) {
    case 'Conv2D':
      if (spec.groups !== undefined && spec.groups > 1) {
        // tfjs has no grouped convolution: one conv2d per group, concatenated (custom-layers.ts).
        return [new GroupedConv2D({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, dilationRate: spec.dilationRate, groups: spec.groups, useBias: spec.useBias, kernelInitializer: init.kernel })];
      }
      return [tf.layers.conv2d({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, dilationRate: spec.dilationRate, useBias: spec.useBias, activation: act(spec.activation), kernelInitializer: init.kernel })];
    case 'DepthwiseConv2D':
      return [tf.layers.depthwiseConv2d({ name, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, depthMultiplier: spec.depthMultiplier, dilationRate: spec.dilationRate, useBias: spec.useBias, activation: act(spec.activation), depthwiseInitializer: init.depthwise })];
    case 'SeparableConv2D':
      return [tf.layers.separableConv2d({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, depthMultiplier: spec.depthMultiplier, dilationRate: spec.dilationRate, useBias: spec.useBias, activation: act(spec.activation), depthwiseInitializer: init.depthwise, pointwiseInitializer: init.pointwise })];
    case 'Conv2DTranspose':
      return [tf.layers.conv2dTranspose({ name, filters: spec.filters, kernelSize: spec.kernelSize, strides: spec.strides, padding: spec.padding, useBias: spec.useBias, activation: act(spec.activation), kernelInitializer: init.kernel })];
    case 'Dense':
      return [tf.layers.dense({ name, units: spec.units, useBias: spec.useBias, activation: act(spec.activation), kernelInitializer: init.kernel })];
    case 'MaxPooling2D':
      return [tf.layers.maxPooling2d({ name, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding })];
    case 'AveragePooling2D':
      return [tf.layers.averagePooling2d({ name, poolSize: spec.poolSize, strides: spec.strides, padding: spec.padding })];
    case 'GlobalAveragePooling2D':
      return withKeptDims(spec, tf.layers.globalAveragePooling2d({ name }), inbound);
    case 'GlobalMaxPooling2D':
      return withKeptDims(spec, tf.layers.globalMaxPooling2d({ name }), inbound);
    case 'BatchNormalization':
      return [tf.layers.batchNormalization({ name, epsilon: spec.epsilon, center: spec.center, scale: spec.scale })];
    case 'Activation':
      return [tf.layers.activation({ name, activation: act(spec.activation) })];
    case 'ReLU':
      return [tf.layers.reLU({ name, maxValue: spec.maxValue ?? undefined })];
    case 'LeakyReLU':
      return [tf.layers.leakyReLU({ name, alpha: spec.alpha })];
    case 'Softmax':
      return [tf.layers.softmax({ name })];
    case 'Flatten':
      return [tf.layers.flatten({ name })];
    case 'Reshape':
      return [tf.layers.reshape({ name, targetShape: [...spec.targetShape] })];
    case 'Dropout':
      return [tf.layers.dropout({ name, rate: spec.rate })];
    case 'ZeroPadding2D':
      return [tf.layers.zeroPadding2d({ name, padding: spec.padding })];
    case 'Add':
      return [tf.layers.add({ name })];
    case 'Concatenate':
      return [tf.layers.concatenate({ name, axis: spec.axis })];
    case 'PReLU':
      return [tf.layers.prelu({ name, ...(spec.sharedAxes ? { sharedAxes: [...spec.sharedAxes] } : {}) })];
    case 'LayerNormalization':
      return [tf.layers.layerNormalization({ name, axis: spec.axis, epsilon: spec.epsilon, center: spec.center, scale: spec.scale })];
    case 'InputLayer':
    case 'Normalization':
    case 'Unknown':
      // Handled before: inputs become tf.input; unknown layers and Normalization are rejected by wireLayers.
      throw new Error(`unexpected layer type ${spec.type}`);
  }
}

/**
 * tfjs's global pooling has no `keepdims` (Keras has): a Reshape to 1×1×C follows it, named
 * '<name>_keepdims'. The pooling layer keeps the spec's name.
 */
function withKeptDims(spec: LayerSpec, pool: tf.layers.Layer, inbound: tf.SymbolicTensor[]): tf.layers.Layer[] {
  if (!('keepDims' in spec) || spec.keepDims !== true) return [pool];
  // The channel count is written out: tfjs cannot resolve a -1 next to the unknown batch.
  const shape = inbound[0]?.shape ?? [];
  const channels = shape[shape.length - 1] ?? -1;
  return [pool, tf.layers.reshape({ name: `${spec.name}_keepdims`, targetShape: [1, 1, channels] })];
}

/** tfjs model names may not contain spaces or symbols Keras rejects in scopes. */
function safeModelName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'model';
}

function disposeQuietly(layer: tf.layers.Layer): void {
  try {
    for (const w of layer.weights) w.dispose();
  } catch {
    // A layer that failed half-way may hold disposed or no variables; nothing more to free.
  }
}
