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

/** "+52 %", "−91 %", "×12.3 too slow"… kept simple: a signed percent, with × for big factors. */
export function formatEstimateError(percent: number | null): string {
  if (percent === null) return '—';
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  const magnitude = Math.abs(percent);
  const digits = magnitude >= 10 ? 0 : 1;
  return `${sign}${magnitude.toFixed(digits)} %`;
}

/** Measured / estimate: how many times slower the real run is than the estimate (2 = twice as slow). */
export function slowdownFactor(estimateMs: number | null | undefined, measuredMs: number): number | null {
  if (estimateMs === null || estimateMs === undefined || !(estimateMs > 0)) return null;
  return measuredMs / estimateMs;
}
