/**
 * Small, defensive value checks shared by layer validation and shape inference. Specs can come
 * from hostile JSON (URL share, file import), so nothing here trusts a field's type.
 */
import type { ErrorCode, FlopLabError } from '../result';

/** Largest size accepted for one dimension, kernel, filter count or unit count. Keeps counts finite. */
export const MAX_DIM = 1_000_000;
/** Largest rank (batch excluded) accepted for a shape. */
export const MAX_RANK = 8;

/** A plain JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An integer number (not NaN, not ±Infinity). */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** An integer in 1..MAX_DIM: a size, count or stride. */
export const isPosInt = (v: unknown): v is number => isInt(v) && v >= 1 && v <= MAX_DIM;
/** An integer in 0..MAX_DIM: a padding. */
export const isNonNegInt = (v: unknown): v is number => isInt(v) && v >= 0 && v <= MAX_DIM;
/** A two-element array whose items pass `item` ([height, width]). */
export const isPair = (v: unknown, item: (x: unknown) => boolean): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && item(v[0]) && item(v[1]);

/** Renders a received value for an error message: numbers plainly, strings quoted, others as JSON. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  try {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return typeof v;
  }
}

/** "Layer 'x': Expected <field> to be <expected>, but got <got>." as a FlopLabError value. */
export function expectedError(
  layer: string, code: ErrorCode, field: string, expected: string, got: string,
): FlopLabError {
  return { code, layer, field, message: `Layer '${layer}': Expected ${field} to be ${expected}, but got ${got}.` };
}

/** An 'invalid-value' error for a field whose raw value is shown. */
export const invalid = (layer: string, field: string, expected: string, value: unknown): FlopLabError =>
  expectedError(layer, 'invalid-value', field, expected, show(value));

/** Formats a shape or pair as "56×56×128" for messages. */
export const dims = (shape: readonly number[]): string => (shape.length === 0 ? 'a scalar' : shape.join('×'));
