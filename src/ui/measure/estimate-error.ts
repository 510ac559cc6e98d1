/**
 * Signed error of an estimate against a measurement, in percent of the measurement:
 * +50 means the estimate is 1.5× the measured time, −90 that it is a tenth of it.
 * Null when there is nothing to compare (no estimate, or a non-positive measurement).
 */
export function estimateErrorPercent(estimateMs: number | null | undefined, measuredMs: number): number | null {
  if (estimateMs === null || estimateMs === undefined || !Number.isFinite(estimateMs)) return null;
  if (!(measuredMs > 0)) return null;
  return ((estimateMs - measuredMs) / measuredMs) * 100;
}

/** A signed percent with a true minus sign: "+52 %", "−91 %", "−99.97 %". */
export function formatEstimateError(percent: number | null): string {
  if (percent === null) return '—';
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  const magnitude = Math.abs(percent);
  // Near −100 % (an estimate far too optimistic) whole percents all read "−100 %": keep decimals.
  const digits = magnitude >= 99 && magnitude < 100 ? 2 : magnitude >= 10 ? 0 : 1;
  return `${sign}${magnitude.toFixed(digits)} %`;
}

/** Measured / estimate: how many times slower the real run is than the estimate (2 = twice as slow). */
export function slowdownFactor(estimateMs: number | null | undefined, measuredMs: number): number | null {
  if (estimateMs === null || estimateMs === undefined || !(estimateMs > 0)) return null;
  return measuredMs / estimateMs;
}

/** Measured ÷ estimate as a factor: "2.5×", "2,794×", "0.41×". */
export function formatFactor(factor: number | null): string {
  if (factor === null || !Number.isFinite(factor)) return '—';
  if (factor >= 100) return `${Math.round(factor).toLocaleString('en-US')}×`;
  return `${Number(factor.toPrecision(2))}×`;
}
