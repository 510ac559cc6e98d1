/**
 * Values of ONNX tensors (initializers and Constant nodes): their dims, small numeric values for
 * constant folding (int64 shapes, Clip bounds, pads), and float32 weights for compression.
 * TensorProto stores values either in `raw_data` (little-endian bytes) or in a typed field
 * (float_data, int32_data, int64_data, double_data, uint64_data), by data type (onnx.proto).
 */
import { float16BitsToFloat32 } from '../compress/float16';
import { elementCount } from '../shapes/tensor-shapes';
import { fail, ok, type Result } from '../result';
import type { TensorProto } from './gen/onnx_pb';
import { bfloat16BitsToFloat32 } from './write-float-types';

/** ONNX TensorProto.DataType values used here. */
export const DT = {
  FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, BFLOAT16: 16,
} as const;

const BYTES: Record<number, number> = {
  [DT.FLOAT]: 4, [DT.UINT8]: 1, [DT.INT8]: 1, [DT.UINT16]: 2, [DT.INT16]: 2, [DT.INT32]: 4, [DT.INT64]: 8,
  [DT.BOOL]: 1, [DT.FLOAT16]: 2, [DT.DOUBLE]: 8, [DT.UINT32]: 4, [DT.UINT64]: 8, [DT.BFLOAT16]: 2,
};

/** Float types whose elements count as weights (as the fixture script counts them). */
export const isFloatType = (dataType: number): boolean =>
  dataType === DT.FLOAT || dataType === DT.FLOAT16 || dataType === DT.DOUBLE || dataType === DT.BFLOAT16;

/** Integer (and bool) types: folded values are truncated to integers. */
export const isIntType = (dataType: number): boolean => !isFloatType(dataType) && dataType !== DT.STRING;

/** A small constant tensor, values flat in row-major order (int64 as JS numbers, exact to 2^53). */
export interface ConstTensor {
  dims: number[];
  values: number[];
  /** Integer element type (Div truncates, Cast to it truncates). */
  isInt: boolean;
}


/** Dims of a tensor as numbers; an error value when one is negative or not exact. */
export function dimsOf(t: TensorProto, where: string): Result<number[]> {
  const out: number[] = [];
  for (const d of t.dims) {
    const n = Number(d);
    if (!Number.isSafeInteger(n) || n < 0) {
      return fail({ code: 'parse-error', field: 'dims', message: `${where}: Expected tensor '${t.name}' to have non-negative dims, but got [${t.dims.join(', ')}].` });
    }
    out.push(n);
  }
  return ok(out);
}

/** How many values the tensor stores in its typed field for its data type (raw_data aside). */
function typedFieldLength(t: TensorProto): number {
  switch (t.dataType) {
    case DT.FLOAT: return t.floatData.length;
    case DT.DOUBLE: return t.doubleData.length;
    case DT.INT64: return t.int64Data.length;
    case DT.UINT32: case DT.UINT64: return t.uint64Data.length;
    default: return t.int32Data.length;
  }
}

/**
 * Checks that the tensor holds exactly as many values as its dims say, stored where its data type
 * puts them. `where` names the node (or 'initializer') in the message.
 */
export function tensorDataProblem(t: TensorProto, count: number, where: string): string | null {
  const bytes = BYTES[t.dataType];
  if (bytes === undefined) return `${where}: Expected tensor '${t.name}' to have a numeric data type, but got type ${t.dataType}.`;
  const hasRaw = t.rawData.length > 0;
  const got = hasRaw ? t.rawData.length : typedFieldLength(t) * (t.dataType === DT.FLOAT16 || t.dataType === DT.BFLOAT16 ? 2 : bytes);
  const expected = count * bytes;
  if (count === 0 && got === 0) return null;
  if (got === expected) return null;
  const what = hasRaw ? `${got} bytes of raw_data` : `${typedFieldLength(t)} values`;
  return `${where}: Expected tensor '${t.name}' (dims [${t.dims.join(', ')}]) to hold ${count} values (${expected} bytes), but got ${what}.`;
}

function rawValue(view: DataView, dataType: number, i: number): number {
  switch (dataType) {
    case DT.FLOAT: return view.getFloat32(i * 4, true);
    case DT.DOUBLE: return view.getFloat64(i * 8, true);
    case DT.INT64: return Number(view.getBigInt64(i * 8, true));
    case DT.UINT64: return Number(view.getBigUint64(i * 8, true));
    case DT.INT32: return view.getInt32(i * 4, true);
    case DT.UINT32: return view.getUint32(i * 4, true);
    case DT.INT16: return view.getInt16(i * 2, true);
    case DT.UINT16: return view.getUint16(i * 2, true);
    case DT.INT8: return view.getInt8(i);
    case DT.FLOAT16: return float16BitsToFloat32(view.getUint16(i * 2, true));
    case DT.BFLOAT16: return bfloat16BitsToFloat32(view.getUint16(i * 2, true));
    default: return view.getUint8(i); // UINT8, BOOL
  }
}

function typedValue(t: TensorProto, i: number): number {
  switch (t.dataType) {
    case DT.FLOAT: return t.floatData[i];
    case DT.DOUBLE: return t.doubleData[i];
    case DT.INT64: return Number(t.int64Data[i]);
    case DT.UINT32: case DT.UINT64: return Number(t.uint64Data[i]);
    case DT.FLOAT16: return float16BitsToFloat32(t.int32Data[i]);
    case DT.BFLOAT16: return bfloat16BitsToFloat32(t.int32Data[i]);
    default: return t.int32Data[i];
  }
}

/**
 * The values of a (small) numeric tensor as a ConstTensor. Callers bound the size first: this
 * decodes every element into a JS array. An error value for a string tensor or a size mismatch.
 */
export function constFromTensor(t: TensorProto, where: string): Result<ConstTensor> {
  const dims = dimsOf(t, where);
  if (!dims.ok) return dims;
  const count = elementCount(dims.value);
  const problem = tensorDataProblem(t, count, where);
  if (problem) return fail({ code: 'parse-error', field: 'value', message: problem });
  const values = new Array<number>(count);
  if (t.rawData.length > 0) {
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i < count; i++) values[i] = rawValue(view, t.dataType, i);
  } else {
    for (let i = 0; i < count; i++) values[i] = typedValue(t, i);
  }
  return ok({ dims: dims.value, values, isInt: isIntType(t.dataType) });
}

/**
 * The float32 values of a FLOAT tensor, in its row-major order. raw_data is read in place when
 * it is 4-byte aligned (a view into the file, no copy), else through a DataView; float_data is
 * copied. Call only after tensorDataProblem found nothing (importOnnx checks every weight).
 */
export function float32Values(t: TensorProto): Float32Array {
  if (t.rawData.length === 0) return Float32Array.from(t.floatData);
  const raw = t.rawData;
  const count = raw.byteLength >> 2;
  if (LITTLE_ENDIAN && raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, count);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/**
 * The values of a float tensor (float32, float16, bfloat16 or float64) as float32, in row-major
 * order: float32 as float32Values gives them (a view when it can), the others converted (float64
 * rounded to float32). Call only after tensorDataProblem found nothing.
 */
export function floatValuesAsF32(t: TensorProto): Float32Array {
  if (t.dataType === DT.FLOAT) return float32Values(t);
  const count = elementCount(t.dims.map(Number));
  const out = new Float32Array(count);
  if (t.rawData.length > 0) {
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i < count; i++) out[i] = rawValue(view, t.dataType, i);
  } else {
    for (let i = 0; i < count; i++) out[i] = typedValue(t, i);
  }
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
