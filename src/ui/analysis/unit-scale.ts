/**
 * Picking a readable SI prefix for an axis, so ticks read "120" with the axis saying "MFLOPs"
 * instead of "120000000".
 */
export interface UnitScale {
  /** Divide raw values by this before plotting. */
  divisor: number;
  /** Decimal prefix as formatCount writes it: '', 'K', 'M', 'G', 'T'. */
  prefix: string;
  /** The same in words for axis titles: '', 'thousands', 'millions', … */
  word: string;
}

const PREFIXES: UnitScale[] = [
  { divisor: 1e12, prefix: 'T', word: 'trillions' },
  { divisor: 1e9, prefix: 'G', word: 'billions' },
  { divisor: 1e6, prefix: 'M', word: 'millions' },
  { divisor: 1e3, prefix: 'K', word: 'thousands' },
];

/** Axis title with its unit: "FLOPs (millions)", or just "FLOPs" below 1,000. */
export function axisTitle(unit: string, scale: UnitScale): string {
  return scale.word ? `${unit} (${scale.word})` : unit;
}

/** The largest prefix that keeps `maxValue` at 1 or more once divided (none below 1,000). */
export function chooseUnitScale(maxValue: number): UnitScale {
  const found = PREFIXES.find((p) => Math.abs(maxValue) >= p.divisor);
  return found ?? { divisor: 1, prefix: '', word: '' };
}

/** Exact integer with thousands separators: 231211008 → "231,211,008". */
export function formatExact(n: number): string {
  return EXACT.format(n);
}

/** One formatter for all: toLocaleString builds a new one per call (~0.3 ms each, 350 per table). */
const EXACT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A percentage with sensible precision: 0.1234 → "12.3%", 0.0004 → "0.04%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (!Number.isFinite(pct)) return '—';
  const abs = Math.abs(pct);
  const digits = abs === 0 || abs >= 10 ? (abs >= 100 ? 0 : 1) : abs >= 1 ? 1 : 2;
  return `${pct.toFixed(digits)}%`;
}
