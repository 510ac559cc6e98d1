/**
 * The weights of an ONNX import in Keras layout, for compression: each OnnxWeightSource's
 * initializer (or Constant node, named by its output) read as float32 (float16, bfloat16 and
 * float64 weights converted; the ONNX writer writes them back in their own type) (onnxDims may be a reshape of its dims: same elements, same order)
 * and transposed by `perm` (kerasShape[i] = onnxDims[perm[i]], numpy.transpose).
 * The worker calls it at import (the compression lab keeps the weights); the CLI's analyze never
 * does, and no count reads weight values.
 */
import type { NamedWeight } from '../import/weights-manifest';
import type { ModelProto, TensorProto } from './gen/onnx_pb';
import { transposeValues } from './tensor-math';
import { floatValuesAsF32 } from './tensors';
import type { OnnxImport } from './types';

const isIdentity = (perm: readonly number[]) => perm.every((p, i) => p === i);

/**
 * Every weight of `imp` (in `imp.weights` order) as a NamedWeight in Keras layout. `model` must be
 * the model `imp` was imported from (importOnnx checked each weight's size then); a weight that
 * is missing there is a caller's bug and throws.
 */
export function onnxKerasWeights(model: ModelProto, imp: OnnxImport): NamedWeight[] {
  const byName = new Map<string, TensorProto>();
  for (const n of model.graph?.node ?? []) {
    const t = n.opType === 'Constant' && n.output[0] ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    if (t) byName.set(n.output[0], t);
  }
  for (const t of model.graph?.initializer ?? []) byName.set(t.name, t);
  return imp.weights.map((source) => {
    const t = byName.get(source.initializer);
    if (!t) throw new Error(`onnxKerasWeights: initializer '${source.initializer}' is not in this model (was it imported from another?).`);
    const values = floatValuesAsF32(t);
    const data = isIdentity(source.perm)
      ? Float32Array.from(values)
      : transposeValues(values, source.onnxDims, source.perm, new Float32Array(values.length));
    return { name: source.kerasName, shape: [...source.kerasShape], data };
  });
}
