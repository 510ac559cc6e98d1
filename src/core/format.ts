/**
 * Human-readable figures for tables and summaries. Counts use K/M/G/T/P/E = 1e3 … 1e18
 * (past E the figure keeps growing in E);
 * bytes are decimal too (1 kB = 1,000 B, 1 MB = 1e6 B, as disk and bandwidth figures are),
 * never KiB/MiB.
 */
import type { Shape } from './model';

const COUNT_UNITS: [number, string][] = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'K']];
const BYTE_UNITS: [number, string][] = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];

/** Two decimals below 100, one from 100: "4.25", "15.47", "568.7". */
const scaled = (x: number): string => x.toFixed(Math.abs(x) < 99.995 ? 2 : 1);
const oneDecimal = (x: number): string => x.toFixed(1);

function withUnit(
  n: number, units: [number, string][], digits: (x: number) => string, plain: (n: number) => string,
): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) < 1000) return plain(n);
  // units run largest first; pick the largest that fits, and step up when rounding reaches 1000.
  const i = units.findIndex(([size]) => Math.abs(n) >= size);
  const [size, unit] = units[i];
  const text = digits(n / size);
  if (Math.abs(Number(text)) >= 1000 && i > 0) return `${digits(n / units[i - 1][0])} ${units[i - 1][1]}`;
  return `${text} ${unit}`;
}

/** A count with a decimal unit: 4,253,864 → "4.25 M"; 568,740,352 → "568.7 M"; 15,470,264,320 → "15.47 G"; 832 → "832". */
export function formatCount(n: number): string {
  return withUnit(n, COUNT_UNITS, scaled, (x) => String(Math.round(x)));
}

/** Bytes with decimal units (1 MB = 1e6 B), one decimal: 16,215,456 → "16.2 MB"; 512 → "512 B". */
export function formatBytes(bytes: number): string {
  return withUnit(bytes, BYTE_UNITS, oneDecimal, (x) => `${Math.round(x)} B`);
}

/** Milliseconds: "12.3 µs" below 0.1 ms, "3.42 ms", "123.4 ms", "1.23 s" from 1,000 ms. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms > 0 && ms < 0.1) return `${(ms * 1000).toFixed(1)} µs`;
  return `${scaled(ms)} ms`;
}

/** A shape without batch: [56, 56, 128] → "56×56×128"; [] → "scalar". */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}
