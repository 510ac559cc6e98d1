/**
 * What an op mapper sees while turning one ONNX node into engine layers (to-graph.ts builds it):
 * the node, its attributes, what is known of its inputs and outputs, the engine layers feeding it,
 * and ways to emit layers, claim weights and warn. A mapper returns null or an error value.
 */
import type { LayerSpec } from '../model';
import type { FlopLabError } from '../result';
import type { AttributeReader } from './attributes';
import type { NodeProto, TensorProto } from './gen/onnx_pb';
import type { OnnxValue } from './shape-infer';

/** One Keras weight of a layer being emitted, read from an initializer. */
export interface WeightSpec {
  /** Keras weight suffix: 'kernel', 'bias', 'depthwise_kernel', 'gamma', … */
  suffix: string;
  initializer: TensorProto;
  /**
   * The initializer's dims as read for the Keras layout: its own dims, or a reshape of them with the
   * same elements in the same order (a depthwise [C·M, 1, kh, kw] read as [C, M, kh, kw]).
   */
  onnxDims: number[];
  /** kerasShape[i] = onnxDims[perm[i]]. */
  perm: number[];
}

/** The view of the import a mapper gets for one node (graph-builder.ts implements it). */
export interface MapContext {
  readonly node: NodeProto;
  readonly index: number;
  /** The engine layer name this node's main layer takes. */
  readonly name: string;
  readonly opset: number;
  readonly attrs: AttributeReader;
  /** What is known of input k (null when absent or empty). */
  input(k: number): OnnxValue | null;
  /** ONNX shape of input k, or null. */
  inShape(k: number): number[] | null;
  /** ONNX shape of output k, or null. */
  outShape(k: number): number[] | null;
  /** The engine layer carrying data input k, or null when input k is a constant or absent. */
  layerOf(k: number): string | null;
  /** Engine layers of every data input, in input order. */
  dataLayers(): string[];
  /** The initializer behind input k (through Identity nodes), or null. */
  initializer(k: number): TensorProto | null;
  /** The 2-D initializer whose Transpose input k is (an export without constant folding), or null. */
  transposedInitializer(k: number): TensorProto | null;
  /** The initializer behind value `name` (through Identity nodes), or null. */
  initializerNamed(name: string): TensorProto | null;
  /** The engine shape of an ONNX shape of this graph (toEngineShape with its batch). */
  engineShape(onnx: readonly number[]): number[];
  /** ONNX shape of value `name`, or null. */
  shapeOf(name: string): number[] | null;
  /** A fresh unique layer name from `base`. */
  uniqueName(base: string): string;
  /** Appends a layer to the engine graph. */
  emit(layer: LayerSpec): void;
  /**
   * Appends a layer that holds weights: records each as an OnnxWeightSource, or, when another
   * layer already holds the same initializers, marks this one `sharesWeightsOf` it instead.
   */
  emitWithWeights(layer: LayerSpec, weights: WeightSpec[]): void;
  /**
   * Claims for layer `layer` the float initializers among this node's inputs that no layer holds
   * yet (Constant nodes aside: they are not the file's initializers), and returns how many values
   * they hold: an Unknown layer's `params`, so the totals equal the file's.
   */
  claimFloatInputs(layer: string): number;
  /** Output k of the node is the output of engine layer `layer`. */
  produce(k: number, layer: string): void;
  /** Output 0 is input 0 relabelled: no layer. */
  passThrough(): void;
  /** Another node (fused into this one) is done: its output 0 is `layer`'s output. */
  absorb(nodeIndex: number, layer: string): void;
  /** Indices of the nodes that read value `name`. */
  consumers(name: string): number[];
  /** Whether `name` is a graph output. */
  isGraphOutput(name: string): boolean;
  /** The node at an index (for fusing). */
  nodeAt(index: number): NodeProto;
  /** A convolution whose weights hold a folded BatchNorm (PyTorch eval-mode export). */
  noteFoldedBatchNorm(): void;
  warn(message: string): void;
  /** "Node 'x' (Conv): Expected <field> to be <expected>, but got <got>." */
  error(field: string, expected: string, got: string): FlopLabError;
}

/** A mapper: emits the engine layers for ctx.node; null when done, an error value otherwise. */
export type OpMapper = (ctx: MapContext) => FlopLabError | null;

/**
 * The engine shape (channels-last, no batch) of an ONNX shape: [N, C, H, W] → [H, W, C]; other
 * ranks drop the batch only ([N, C, L] → [C, L], [N, F] → [F]). With a batch of 1, a tensor whose
 * first axis is not the batch (attention's [L, N, E] or [L, N·heads, d]) loses its first axis of
 * size 1, or keeps every axis when it has none: element counts stay the same either way.
 */
export function toEngineShape(onnx: readonly number[], batch = 1): number[] {
  if (onnx[0] !== batch && batch === 1) {
    const at = onnx.indexOf(1);
    return at > 0 ? onnx.filter((_, i) => i !== at) : [...onnx];
  }
  if (onnx.length === 4) return [onnx[2], onnx[3], onnx[1]];
  return onnx.slice(1);
}

/** Whether an ONNX data tensor maps to an engine shape (at least one axis left besides the batch). */
export const hasBatch = (onnx: readonly number[], batch: number): boolean =>
  (batch === 1 || onnx[0] === batch) && toEngineShape(onnx, batch).length >= 1;

/** "[1, 3, 224, 224]" for messages. */
export const showShape = (shape: readonly number[] | null): string => (shape === null ? 'an unknown shape' : `[${shape.join(', ')}]`);
