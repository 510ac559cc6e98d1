/**
 * Picking a readable SI prefix for an axis, so ticks read "120" with the axis saying "MFLOPs"
 * instead of "120000000".
 */
export interface UnitScale {
  /** Divide raw values by this before plotting. */
  divisor: number;
  /** SI prefix: '', 'k', 'M', 'G', 'T'. */
  prefix: string;
}

const PREFIXES: UnitScale[] = [
  { divisor: 1e12, prefix: 'T' },
  { divisor: 1e9, prefix: 'G' },
  { divisor: 1e6, prefix: 'M' },
  { divisor: 1e3, prefix: 'k' },
];

/** The largest prefix that keeps `maxValue` at 1 or more once divided (none below 1,000). */
export function chooseUnitScale(maxValue: number): UnitScale {
  const found = PREFIXES.find((p) => Math.abs(maxValue) >= p.divisor);
  return found ?? { divisor: 1, prefix: '' };
}

/** Exact integer with thousands separators: 231211008 → "231,211,008". */
export function formatExact(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A percentage with sensible precision: 0.1234 → "12.3%", 0.0004 → "0.04%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (!Number.isFinite(pct)) return '—';
  const abs = Math.abs(pct);
  const digits = abs === 0 || abs >= 10 ? (abs >= 100 ? 0 : 1) : abs >= 1 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}
