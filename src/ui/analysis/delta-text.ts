/** Signed figures for the comparison: "−203.7 M", "+1.2 MB", "−88.1%". */
import { formatBytes, formatCount } from '../../core/format';
import { formatPercent } from './unit-scale';

const MINUS = '−';

export function signed(delta: number, format: (n: number) => string): string {
  if (delta === 0) return '0';
  return `${delta < 0 ? MINUS : '+'}${format(Math.abs(delta))}`;
}

export const signedCount = (delta: number) => signed(delta, formatCount);
export const signedBytes = (delta: number) => signed(delta, formatBytes);

/** "−88.1%", "+5.0%", "0%", or "new" when A had none. */
export function signedPercent(change: number | null): string {
  if (change === null) return 'new';
  if (change === 0) return '0%';
  return signed(change, formatPercent);
}
