/**
 * Decoding an `.onnx` file (a protobuf ModelProto) with @bufbuild/protobuf and the code
 * generated from ONNX's own schema (proto/onnx.proto → gen/onnx_pb.ts, `npm run gen:onnx-proto`).
 * The generated code is static: nothing is compiled at run time, so the page's CSP (no eval) holds.
 *
 * Weights are not copied: the reader returns each `raw_data` as a view into the file's bytes, so a
 * 100 MB ResNet-50 stays 100 MB in memory. Keep the file's buffer alive as long as the model.
 */
import { fromBinary } from '@bufbuild/protobuf';
import { modelFileSizeProblem } from '../model-files';
import { fail, ok, type Result } from '../result';
import { type ModelProto, ModelProtoSchema, TensorProto_DataLocation } from './gen/onnx_pb';

/** Whether the bytes start like an ONNX ModelProto (field 1 ir_version, a varint: tag 0x08). */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 1 && bytes[0] === 0x08;
}

/**
 * Decodes `bytes` as an ONNX model. `label` names the file in messages. Fails (never throws) on
 * a file over MAX_MODEL_FILE_BYTES, bytes that are not a ModelProto, a model without a graph, and
 * weights stored in external data files (which FlopLab does not read).
 */
export function decodeOnnx(bytes: Uint8Array, label: string): Result<ModelProto> {
  const tooLarge = modelFileSizeProblem(label, bytes.length);
  if (tooLarge !== null) return fail({ code: 'parse-error', message: tooLarge });
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail({ code: 'parse-error', message: `${label} is not an ONNX model: its bytes are not a valid protobuf ModelProto (${why}).` });
  }
  const graph = model.graph;
  if (graph === undefined || (graph.node.length === 0 && graph.input.length === 0)) {
    return fail({ code: 'parse-error', message: `${label} is not an ONNX model: Expected a ModelProto with a graph, but got none.` });
  }
  const external = graph.initializer.find((t) => t.dataLocation === TensorProto_DataLocation.EXTERNAL || t.externalData.length > 0);
  if (external !== undefined) {
    const where = external.externalData.find((e) => e.key === 'location')?.value ?? 'another file';
    return fail({
      code: 'parse-error',
      message: `${label} keeps its weights in external data (initializer '${external.name}' is in '${where}'): ` +
        'FlopLab reads only self-contained .onnx files. Save the model with onnx.save(model, path, save_as_external_data=False).',
    });
  }
  return ok(model);
}
