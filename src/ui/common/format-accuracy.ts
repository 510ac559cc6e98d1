/** An accuracy fraction as the page shows it: 0.9815 → "98.15 %" (two decimals: 1 of 2,000 digits is 0.05 %). */
export function formatAccuracy(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(2)} %` : '—';
}

/** A change of accuracy in percentage points: −0.35 pp, +0.10 pp. */
export function formatPointsChange(before: number, after: number): string {
  const pp = (after - before) * 100;
  const sign = pp > 0.0049 ? '+' : pp < -0.0049 ? '−' : '±';
  return `${sign}${Math.abs(pp).toFixed(2)} pp`;
}
