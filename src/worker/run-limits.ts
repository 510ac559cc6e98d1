/**
 * What a browser tab can run: a tfjs model must hold its weights and live activations in the
 * tab's memory (and in WebGL textures), and one run must end in reasonable time.
 */
import type { CostReport } from '../core/cost-types';
import { formatBytes } from '../core/format';

/** Weights above this are refused (VGG-16's 553 MB is; AlexNet's 244 MB is not). */
export const MAX_WEIGHT_BYTES = 300e6;
/** Peak live activations above this are refused. */
export const MAX_PEAK_ACTIVATION_BYTES = 400e6;
/** Above this many FLOPs one batch-1 run takes tens of seconds on the cpu backend. */
export const MAX_FLOPS = 40e9;

/**
 * Null when the model may run in the tab, else the reason with the sizes, e.g.
 * "Weights are 553.4 MB, more than the 300 MB a browser tab can hold for a measurement."
 */
export function refuseReason(report: CostReport): string | null {
  const { weightBytes, peakActivationBytes, flops } = report.totals;
  const reasons: string[] = [];
  if (weightBytes > MAX_WEIGHT_BYTES) {
    reasons.push(`Weights are ${formatBytes(weightBytes)}, more than the ${MAX_WEIGHT_BYTES / 1e6} MB a browser tab can hold for a measurement.`);
  }
  if (peakActivationBytes > MAX_PEAK_ACTIVATION_BYTES) {
    reasons.push(`Peak activations are ${formatBytes(peakActivationBytes)}, more than the ${MAX_PEAK_ACTIVATION_BYTES / 1e6} MB limit.`);
  }
  if (flops > MAX_FLOPS) {
    reasons.push(`One run is ${(flops / 1e9).toFixed(1)} GFLOPs, more than the ${MAX_FLOPS / 1e9} GFLOPs limit for one run in a tab.`);
  }
  return reasons.length ? reasons.join(' ') : null;
}
