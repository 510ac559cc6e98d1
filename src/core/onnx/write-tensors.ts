/**
 * The ONNX messages a compressed model adds: float32, int8 and uint8 initializers (values in
 * raw_data, little-endian as ONNX requires — every platform FlopLab runs on is little-endian, so
 * the typed arrays' own bytes are written) and the DequantizeLinear node that turns a quantized
 * initializer back into the float weight its consumers read.
 */
import { create } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType, AttributeProtoSchema, type NodeProto, NodeProtoSchema, type TensorProto, TensorProto_DataType, TensorProtoSchema,
} from './gen/onnx_pb';

const bytesOf = (a: Float32Array | Int8Array | Uint8Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/** A float32 initializer; `template` keeps the original's doc string. */
export function float32Initializer(name: string, dims: bigint[], values: Float32Array, template?: TensorProto): TensorProto {
  // onnx.proto is proto2: a field given to create() is written even when empty, so only a real doc string is.
  const doc = template?.docString ? { docString: template.docString } : {};
  return create(TensorProtoSchema, { name, dims, dataType: TensorProto_DataType.FLOAT, rawData: bytesOf(values), ...doc });
}

/** An int8 (`signed`) or uint8 initializer holding `codes`, which must lie in that type's range. */
export function integerInitializer(name: string, dims: bigint[], codes: Int32Array, signed: boolean): TensorProto {
  const data = signed ? Int8Array.from(codes) : Uint8Array.from(codes);
  return create(TensorProtoSchema, {
    name, dims, dataType: signed ? TensorProto_DataType.INT8 : TensorProto_DataType.UINT8, rawData: bytesOf(data),
  });
}

/**
 * DequantizeLinear(x, x_scale, x_zero_point) → y. `axis` only for per-channel scales: ONNX's
 * default axis is 1, so it is always written then.
 */
export function dequantizeNode(name: string, inputs: [string, string, string], output: string, axis: number | null): NodeProto {
  const attribute = axis === null ? [] : [create(AttributeProtoSchema, { name: 'axis', type: AttributeProto_AttributeType.INT, i: BigInt(axis) })];
  return create(NodeProtoSchema, { name, opType: 'DequantizeLinear', input: inputs, output: [output], attribute });
}
