/**
 * What an ONNX import gives the rest of FlopLab: an engine graph (channels-last, like every
 * FlopLab graph; counts do not depend on layout) plus, for each Keras-named weight of that graph,
 * where its values lie in the file, so compression can read them and write them back.
 */
import type { ModelGraph } from '../model';

/**
 * One weight of the engine graph and the ONNX initializer it comes from.
 * Keras layout = the ONNX initializer's dims permuted by `perm`: kerasShape[i] = onnxDims[perm[i]]
 * (e.g. a Conv weight [Cout, Cin/g, kh, kw] → Keras kernel [kh, kw, Cin/g, Cout] is perm [2, 3, 1, 0];
 * a Gemm weight with transB = 1, [out, in] → [in, out], is perm [1, 0]; a bias is perm [0]).
 */
export interface OnnxWeightSource {
  /** Keras weight name in the engine graph, e.g. 'conv1/kernel' (see compress/weight-shapes.ts). */
  kerasName: string;
  /** The engine layer it belongs to. */
  layer: string;
  /**
   * The tensor holding the values: an initializer in graph.initializer, or the output name of a
   * Constant node; float32, or float16 / bfloat16 / float64 (converted to float32 for the
   * compression lab and written back in their own type).
   */
  initializer: string;
  /** The tensor's dims, or a reshape of them with the same elements in the same order (a depthwise [C·M, 1, kh, kw] read as [C, M, kh, kw]). */
  onnxDims: number[];
  kerasShape: number[];
  perm: number[];
}

export interface OnnxImport {
  /** The engine graph; `layout` is 'channels-first' so shapes are shown as PyTorch shows them. */
  graph: ModelGraph;
  /** Folded BatchNorms, unknown ops counted as zero, shared weights, … one sentence each. */
  warnings: string[];
  /** Every weight of every engine layer that has weights, in graph order. */
  weights: OnnxWeightSource[];
  /** Opset of the default ('' or 'ai.onnx') domain. */
  opset: number;
}
