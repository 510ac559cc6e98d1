/**
 * The model graph: plain, JSON-able data. A model is a list of layers in execution order; each
 * layer names its inbound layers in `inputs`. A layer without `inputs` takes the layer before it
 * (the Sequential case), so a plain stack needs no wiring at all.
 *
 * Field names and semantics follow Keras / tfjs-layers configs (camelCase as in tfjs):
 * padding 'same'/'valid', strides, dilationRate, depthMultiplier, useBias. Shapes are
 * channels-last without the batch dimension. 2-D hyperparameters are always [height, width].
 */

export type Pair = [number, number];
export type Padding = 'valid' | 'same';
export type Shape = number[];

export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'sigmoid', 'hard_sigmoid', 'tanh', 'softmax', 'elu', 'selu',
  'softplus', 'softsign', 'swish', 'gelu', 'leaky_relu', 'hard_swish',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

interface LayerBase {
  /** Unique within the model. */
  name: string;
  /** Names of inbound layers. Absent: the previous layer in the list (none for the first). */
  inputs?: string[];
  /**
   * Keras `trainable`: false freezes the layer, and every weight it has counts as non-trainable
   * (Keras `layer.trainable = False`). Absent means true.
   */
  trainable?: boolean;
  /**
   * True when the layer's output is a model output although other layers consume it (a Keras
   * functional model with outputs [a, d] where a also feeds b). It then stays in memory to the
   * end. Layers no other layer consumes are model outputs anyway. Absent means false.
   */
  modelOutput?: boolean;
  /**
   * The name of an earlier layer whose weights this one uses: a second call of that layer (a Keras
   * shared layer, one PyTorch module called twice, one ONNX initializer read by two nodes). Its
   * params count zero (they are the named layer's); its MACs and FLOPs count as usual. The named
   * layer must come earlier in the list, have the same type and the same weight shapes. Only
   * layers with weights may have it. Absent: the layer owns its weights.
   */
  sharesWeightsOf?: string;
}

export interface InputLayerSpec extends LayerBase { type: 'InputLayer'; shape: Shape }
export interface Conv2DSpec extends LayerBase {
  type: 'Conv2D'; filters: number; kernelSize: Pair; strides: Pair; padding: Padding;
  dilationRate: Pair; useBias: boolean; activation: ActivationName;
  /**
   * Keras `groups`: the input channels and the filters are split into this many groups, each
   * group's filters seeing only its group's Cin/groups channels (ResNeXt; ONNX Conv `group`).
   * Must divide Cin and filters. Kernel [kh, kw, Cin/groups, filters]. Absent means 1.
   */
  groups?: number;
}
export interface DepthwiseConv2DSpec extends LayerBase {
  type: 'DepthwiseConv2D'; kernelSize: Pair; strides: Pair; padding: Padding;
  depthMultiplier: number; dilationRate: Pair; useBias: boolean; activation: ActivationName;
}
export interface SeparableConv2DSpec extends LayerBase {
  type: 'SeparableConv2D'; filters: number; kernelSize: Pair; strides: Pair; padding: Padding;
  depthMultiplier: number; dilationRate: Pair; useBias: boolean; activation: ActivationName;
}
export interface Conv2DTransposeSpec extends LayerBase {
  type: 'Conv2DTranspose'; filters: number; kernelSize: Pair; strides: Pair; padding: Padding;
  useBias: boolean; activation: ActivationName;
}
export interface DenseSpec extends LayerBase {
  type: 'Dense'; units: number; useBias: boolean; activation: ActivationName;
}
export interface Pooling2DSpec extends LayerBase {
  type: 'MaxPooling2D' | 'AveragePooling2D'; poolSize: Pair; strides: Pair; padding: Padding;
}
export interface GlobalPooling2DSpec extends LayerBase {
  type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D';
  /** Keras `keepdims`: true gives 1×1×C (ONNX GlobalAveragePool) instead of C. Absent means false. */
  keepDims?: boolean;
}
export interface BatchNormalizationSpec extends LayerBase {
  type: 'BatchNormalization'; epsilon: number; center: boolean; scale: boolean;
}
export interface ActivationSpec extends LayerBase { type: 'Activation'; activation: ActivationName }
export interface ReLUSpec extends LayerBase {
  /** Keras ReLU layer: maxValue null means unbounded (ReLU6 has maxValue 6). */
  type: 'ReLU'; maxValue: number | null;
}
export interface LeakyReLUSpec extends LayerBase { type: 'LeakyReLU'; alpha: number }
/**
 * Keras PReLU: f(x) = x for x ≥ 0, alpha·x otherwise, with a learned alpha per element.
 * `sharedAxes`: Keras axes (1 = the first axis after the batch) along which one alpha is shared;
 * null (the Keras default) means one alpha per input element.
 */
export interface PReLUSpec extends LayerBase { type: 'PReLU'; sharedAxes: number[] | null }
/**
 * Keras LayerNormalization over one axis (Keras axis with the batch; -1 = last): gamma (if scale)
 * and beta (if center), one each per element of that axis.
 */
export interface LayerNormalizationSpec extends LayerBase {
  type: 'LayerNormalization'; axis: number; epsilon: number; center: boolean; scale: boolean;
}
/**
 * Keras preprocessing Normalization over one axis (Keras axis with the batch; -1 = last):
 * (x − mean) / sqrt(variance). Keras keeps mean, variance (one per element of the axis) and a
 * count as non-trainable weights, unless mean and variance were given as constants
 * (`constantStats`), when it keeps no weights.
 */
export interface NormalizationSpec extends LayerBase { type: 'Normalization'; axis: number; constantStats: boolean }
export interface SoftmaxSpec extends LayerBase { type: 'Softmax' }
export interface FlattenSpec extends LayerBase { type: 'Flatten' }
export interface ReshapeSpec extends LayerBase { type: 'Reshape'; targetShape: Shape }
export interface DropoutSpec extends LayerBase { type: 'Dropout'; rate: number }
export interface ZeroPadding2DSpec extends LayerBase {
  /** [[top, bottom], [left, right]] */
  type: 'ZeroPadding2D'; padding: [Pair, Pair];
}
export interface AddSpec extends LayerBase { type: 'Add' }
export interface ConcatenateSpec extends LayerBase {
  /** Keras axis including the batch dimension; -1 (channels) is the common case. */
  type: 'Concatenate'; axis: number;
}
/**
 * A layer type FlopLab does not know (from an import). Counted as zero cost with a warning;
 * its output shape must be known (from the imported config) or it is an error.
 */
export interface UnknownLayerSpec extends LayerBase {
  type: 'Unknown'; className: string; outputShape: Shape | null;
  /**
   * Params it holds though FlopLab cannot say their role: the constant float inputs an imported
   * ONNX op reads (a layer-scale Mul, a decomposed LayerNorm's weights), so the totals equal the
   * file's. Absent: 0. Counted as params only (no MACs), docs/counting.md.
   */
  params?: number;
}

export type LayerSpec =
  | InputLayerSpec | Conv2DSpec | DepthwiseConv2DSpec | SeparableConv2DSpec | Conv2DTransposeSpec
  | DenseSpec | Pooling2DSpec | GlobalPooling2DSpec | BatchNormalizationSpec | ActivationSpec
  | ReLUSpec | LeakyReLUSpec | SoftmaxSpec | FlattenSpec | ReshapeSpec | DropoutSpec
  | ZeroPadding2DSpec | AddSpec | ConcatenateSpec | UnknownLayerSpec
  | PReLUSpec | LayerNormalizationSpec | NormalizationSpec;

export type LayerType = LayerSpec['type'];

/**
 * How the page shows rank-3 shapes: absent (the default) as H×W×C; 'channels-first' as C×H×W,
 * for a model imported from ONNX / PyTorch. Display only: the graph and the engine stay
 * channels-last (see shapes/display-shape.ts).
 */
export type ShapeLayout = 'channels-first';

/** A whole model. This is also the FlopLab JSON config (`format`/`version` added on export). */
export interface ModelGraph {
  name: string;
  layers: LayerSpec[];
  /** Display layout of shapes; absent: channels-last, as the engine works. */
  layout?: ShapeLayout;
}

/** The FlopLab JSON config file: a ModelGraph with a format tag, versioned. */
export interface FlopLabConfig extends ModelGraph {
  format: 'floplab';
  version: 1;
}
