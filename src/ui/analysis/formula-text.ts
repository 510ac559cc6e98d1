/**
 * Plain-text rendering of a Formula, "K·K·Cin × Hout·Wout·Cout = 3·3·64 × 56·56·128 = 231,211,008",
 * shown under the KaTeX version (screen readers, copy-paste, tests).
 */
import type { Formula } from '../../core/cost-types';
import { formatExact } from './unit-scale';

export function formulaText(formula: Formula): string {
  const value = formatExact(formula.value);
  // A zero figure's symbolic form already says why: "0 (no weights)".
  if (formula.value === 0 && formula.substituted === '0') return formula.symbolic;
  const pieces = [formula.symbolic];
  if (formula.substituted !== formula.symbolic) pieces.push(formula.substituted);
  if (formula.substituted !== value) pieces.push(value);
  return pieces.join(' = ');
}
