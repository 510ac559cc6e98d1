/**
 * "Use these results": per-layer pruning overrides chosen from a pruning sensitivity analysis,
 * so the plan follows the data instead of one global sparsity (Han et al. 2015 §4 set per-layer
 * rates the same way: layers that tolerate more pruning get more).
 */
import type { LayerOverride } from '../compress/types';
import { fail, ok, type Result } from '../result';
import type { LayerSensitivity, PrunePoint } from './types';

/** Default tolerance: 1 percentage point of test accuracy. */
export const DEFAULT_MAX_ACCURACY_LOSS = 0.01;

/** Float slack so that 0.975 − 0.01 still admits an accuracy of 0.965. */
const SLACK = 1e-9;

/**
 * The highest sparsity at which `layer` alone loses at most `maxLoss` (a fraction: 0.01 = 1 pp)
 * of accuracy against `baseline`. Points are taken in increasing sparsity and the walk stops at
 * the first one that loses more: a point beyond a failing one is noise, not a safe setting.
 * 0 when even the first pruned point loses too much.
 */
export function safeSparsity(layer: LayerSensitivity<PrunePoint>, baseline: number, maxLoss: number): number {
  let best = 0;
  const points = [...layer.points].sort((a, b) => a.sparsity - b.sparsity);
  for (const p of points) {
    if (p.accuracy < baseline - maxLoss - SLACK) break;
    best = p.sparsity;
  }
  return best;
}

/**
 * Per-layer pruning overrides (CompressionPlan.layers) from a pruning sensitivity report: each
 * layer gets `{ prune: { sparsity } }` with its safeSparsity. `maxLoss` must be a fraction in
 * [0, 1]; anything else is an error value.
 */
export function pruningOverridesFromSensitivity(
  report: { baseline: number; layers: LayerSensitivity<PrunePoint>[] }, maxLoss = DEFAULT_MAX_ACCURACY_LOSS,
): Result<Record<string, LayerOverride>> {
  if (!(typeof maxLoss === 'number' && Number.isFinite(maxLoss) && maxLoss >= 0 && maxLoss <= 1)) {
    return fail({ code: 'invalid-value', field: 'maxLoss', message: `Sensitivity: Expected the accuracy loss allowed to be a fraction from 0 to 1, but got ${String(maxLoss)}.` });
  }
  const layers: Record<string, LayerOverride> = {};
  for (const layer of report.layers) layers[layer.name] = { prune: { sparsity: safeSparsity(layer, report.baseline, maxLoss) } };
  return ok(layers);
}
