/**
 * The ONNX messages a compressed model adds: float (float32, float16, bfloat16, float64), int8 and
 * uint8 tensors (values in raw_data, little-endian as ONNX requires — every platform FlopLab runs
 * on is little-endian, so the typed arrays' own bytes are written), the DequantizeLinear node that
 * turns a quantized initializer back into a float32 weight, and the Cast that gives a weight stored
 * in another float type its own type back.
 */
import { create } from '@bufbuild/protobuf';
import { dataTypeOf, type FloatStorage, rawBytesOf } from './write-float-types';
import {
  AttributeProto_AttributeType, AttributeProtoSchema, type NodeProto, NodeProtoSchema, type TensorProto, TensorProto_DataType, TensorProtoSchema,
} from './gen/onnx_pb';

const bytesOf = (a: Int8Array | Uint8Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/**
 * A float tensor holding `values` in `storage` (float16 and bfloat16 rounded to nearest even);
 * `template` keeps the original's doc string.
 */
export function floatTensor(name: string, dims: bigint[], values: Float32Array, storage: FloatStorage = 'float32', template?: TensorProto): TensorProto {
  // onnx.proto is proto2: a field given to create() is written even when empty, so only a real doc string is.
  const doc = template?.docString ? { docString: template.docString } : {};
  return create(TensorProtoSchema, { name, dims, dataType: dataTypeOf(storage), rawData: rawBytesOf(values, storage), ...doc });
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

/** Cast(input) → output of type `storage` (Cast-6 and later: `to` is the data type as an int). */
export function castNode(name: string, input: string, output: string, storage: FloatStorage): NodeProto {
  const to = create(AttributeProtoSchema, { name: 'to', type: AttributeProto_AttributeType.INT, i: BigInt(dataTypeOf(storage)) });
  return create(NodeProtoSchema, { name, opType: 'Cast', input: [input], output: [output], attribute: [to] });
}
