/**
 * The float types an ONNX weight may be stored in, and writing compressed (float32) values back
 * in that type: float32 as is, float16 and bfloat16 rounded to nearest, ties to even (as numpy and
 * onnxruntime's Cast do), float64 exact (every float32 is a float64). Zeros stay exact zeros.
 */
import { float16BitsToFloat32, float32ToFloat16Bits } from '../compress/float16';
import { TensorProto_DataType } from './gen/onnx_pb';

export type FloatStorage = 'float32' | 'float16' | 'bfloat16' | 'float64';

const DATA_TYPES: Record<FloatStorage, TensorProto_DataType> = {
  float32: TensorProto_DataType.FLOAT,
  float16: TensorProto_DataType.FLOAT16,
  bfloat16: TensorProto_DataType.BFLOAT16,
  float64: TensorProto_DataType.DOUBLE,
};

/** The ONNX data type of a storage. */
export const dataTypeOf = (storage: FloatStorage): TensorProto_DataType => DATA_TYPES[storage];

/** The storage of an ONNX float data type, or null for any other type. */
export function floatStorageOf(dataType: number): FloatStorage | null {
  const found = (Object.keys(DATA_TYPES) as FloatStorage[]).find((s) => DATA_TYPES[s] === dataType);
  return found ?? null;
}

/** The first opset whose Cast can produce the type (Cast-6 takes `to` as an int; bfloat16 from Cast-13). */
export const CAST_OPSET: Record<FloatStorage, number> = { float32: 6, float16: 6, float64: 6, bfloat16: 13 };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The bfloat16 bit pattern nearest to `value` (rounded to float32 first), ties to even; NaN stays NaN. */
export function float32ToBfloat16Bits(value: number): number {
  f32[0] = value;
  const u = u32[0];
  if ((u & 0x7fffffff) > 0x7f800000) return ((u >>> 16) | 0x40) & 0xffff;
  // Adding 0x7fff (+1 when the kept lsb is odd) carries into the kept bits exactly when rounding up.
  return ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The value of a bfloat16 bit pattern (the upper half of a float32). */
export function bfloat16BitsToFloat32(bits: number): number {
  u32[0] = (bits & 0xffff) << 16;
  return f32[0];
}

/** `values` as the file will hold them in `storage`, read back as float32 (float64: unchanged). */
export function roundedTo(values: Float32Array, storage: FloatStorage): Float32Array {
  if (storage === 'float32' || storage === 'float64') return values;
  const round = storage === 'float16'
    ? (v: number) => float16BitsToFloat32(float32ToFloat16Bits(v))
    : (v: number) => bfloat16BitsToFloat32(float32ToBfloat16Bits(v));
  return Float32Array.from(values, round);
}

/** The little-endian bytes of `values` in `storage` (ONNX raw_data; every platform FlopLab runs on is little-endian). */
export function rawBytesOf(values: Float32Array, storage: FloatStorage): Uint8Array {
  let out: Float32Array | Float64Array | Uint16Array;
  if (storage === 'float32') out = values;
  else if (storage === 'float64') out = Float64Array.from(values);
  else out = Uint16Array.from(values, storage === 'float16' ? float32ToFloat16Bits : float32ToBfloat16Bits);
  return new Uint8Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
}
