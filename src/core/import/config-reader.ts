/**
 * Reads fields of one Keras layer config (snake_case as Keras and tfjs write them; the camelCase
 * spelling is accepted too). A bad value does not throw: the reader records the first problem
 * with a message naming the layer and field, returns the fallback, and the caller checks
 * `problem` once after reading every field.
 */
import type { Pair, Padding } from '../model';
import { isInt } from '../shapes/checks';

export interface ConfigReader {
  /** The raw value of a field (undefined when absent). */
  raw(key: string): unknown;
  has(key: string): boolean;
  positiveInt(key: string, fallback: number): number;
  /** An int or a pair of ints (Keras accepts both for kernel_size, strides, …). */
  pair(key: string, fallback: Pair, minimum?: number): Pair;
  padding(key: string, fallback: Padding): Padding;
  bool(key: string, fallback: boolean): boolean;
  number(key: string, fallback: number): number;
  /** A finite number, or null when the field is null or absent. */
  nullableNumber(key: string): number | null;
  /** A batch shape ([null, h, w, c]) or a shape without batch; returns the shape without batch. */
  shape(key: string, withBatch: boolean): number[] | null;
  /** Record a problem found by the caller (first one wins). */
  reject(key: string, expected: string): void;
  /** Record a problem for each key that is absent or null. */
  require(...keys: string[]): void;
  readonly problem: string | null;
  /** The field the first problem is about. */
  readonly problemField: string | null;
  readonly where: string;
}

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * A reader over `config` of the layer `layerName` of Keras class `className`.
 * Messages read "Layer 'conv1' (Conv2D): Expected kernel_size to be …, but got …".
 */
export function configReader(layerName: string, className: string, config: Record<string, unknown>): ConfigReader {
  let problem: string | null = null;
  let problemField: string | null = null;
  const where = `Layer '${layerName}' (${className})`;
  const raw = (key: string): unknown => (key in config ? config[key] : config[camel(key)]);
  const has = (key: string): boolean => raw(key) !== undefined && raw(key) !== null;
  const reject = (key: string, expected: string): void => {
    if (problem !== null) return;
    problem = `${where}: Expected ${key} to be ${expected}, but got ${show(raw(key))}`;
    problemField = key;
  };
  const require = (...keys: string[]): void => {
    for (const key of keys) if (!has(key)) reject(key, 'set');
  };

  const positiveInt = (key: string, fallback: number): number => {
    if (!has(key)) return fallback;
    const v = raw(key);
    if (isPositiveInt(v)) return v;
    // Keras 3 sometimes writes a single int as a 1-tuple.
    if (Array.isArray(v) && v.length === 1 && isPositiveInt(v[0])) return v[0];
    reject(key, 'a positive integer');
    return fallback;
  };

  const pair = (key: string, fallback: Pair, minimum = 1): Pair => {
    if (!has(key)) return fallback;
    const v = raw(key);
    const okInt = (x: unknown): x is number => isInt(x) && x >= minimum;
    if (okInt(v)) return [v, v];
    if (Array.isArray(v) && v.length === 2 && okInt(v[0]) && okInt(v[1])) return [v[0], v[1]];
    if (Array.isArray(v) && v.length === 1 && okInt(v[0])) return [v[0], v[0]];
    reject(key, `an integer of at least ${minimum} or a pair of them`);
    return fallback;
  };

  const padding = (key: string, fallback: Padding): Padding => {
    if (!has(key)) return fallback;
    const v = raw(key);
    if (v === 'same' || v === 'valid') return v;
    reject(key, "'same' or 'valid'");
    return fallback;
  };

  const bool = (key: string, fallback: boolean): boolean => {
    if (!has(key)) return fallback;
    const v = raw(key);
    if (typeof v === 'boolean') return v;
    reject(key, 'true or false');
    return fallback;
  };

  const number = (key: string, fallback: number): number => {
    if (!has(key)) return fallback;
    const v = raw(key);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    reject(key, 'a finite number');
    return fallback;
  };

  const nullableNumber = (key: string): number | null => (has(key) ? number(key, 0) : null);

  const shape = (key: string, withBatch: boolean): number[] | null => {
    if (!has(key)) return null;
    const v = raw(key);
    const dims = Array.isArray(v) ? (withBatch ? v.slice(1) : v) : null;
    if (dims && dims.length > 0 && dims.every(isPositiveInt)) return dims as number[];
    reject(key, withBatch
      ? 'a batch shape of positive sizes, e.g. [null, 224, 224, 3]'
      : 'a shape of positive sizes, e.g. [224, 224, 3]');
    return null;
  };

  return {
    raw, has, positiveInt, pair, padding, bool, number, nullableNumber, shape, reject, require, where,
    get problem() { return problem; },
    get problemField() { return problemField; },
  };
}
