/**
 * The knowledge-distillation loss on plain numbers (Hinton, Vinyals & Dean, "Distilling the
 * Knowledge in a Neural Network", 2015, section 2):
 *
 *   L = α · CE(y, softmax(z_s)) + (1 − α) · T² · KL(softmax(z_t / T) ‖ softmax(z_s / T))
 *
 * z_s, z_t are the student's and teacher's logits (the values before the softmax, never
 * probabilities), y the true class, T the temperature, α the weight of the hard-label loss.
 * The T² factor keeps the soft term's gradients the same size as T changes: ∂/∂z_s of the soft
 * cross-entropy scales as 1/T² (Hinton et al.: "it is important to multiply them by T²").
 * Natural logarithms throughout (nats). This is the reference the tfjs loss (src/tf/distill-loss.ts)
 * is tested against.
 */

/** softmax(z / T), computed stably (the largest logit subtracted first). T > 0. */
export function softmaxWithTemperature(logits: readonly number[], temperature = 1): number[] {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** log softmax(z / T), stable: s_i − max − log Σ exp(s_j − max). */
export function logSoftmaxWithTemperature(logits: readonly number[], temperature = 1): number[] {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const logSum = Math.log(scaled.reduce((a, s) => a + Math.exp(s - max), 0));
  return scaled.map((s) => s - max - logSum);
}

/** KL(p ‖ q) = Σ p_i (log p_i − log q_i), from log-probabilities; terms with p_i = 0 add 0. */
export function klDivergence(logP: readonly number[], logQ: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < logP.length; i++) {
    const p = Math.exp(logP[i]);
    if (p > 0) sum += p * (logP[i] - logQ[i]);
  }
  return sum;
}

export interface DistillationLoss {
  /** CE(y, softmax(z_s)) in nats. */
  hard: number;
  /** KL(softmax(z_t/T) ‖ softmax(z_s/T)) in nats, before the T² factor. */
  soft: number;
  /** α·hard + (1 − α)·T²·soft. */
  total: number;
}

/**
 * The distillation loss of one example: student logits `studentLogits`, teacher logits
 * `teacherLogits` (same length), true class `label` (0-based index), temperature T > 0 and
 * hard-label weight α in [0, 1]. See the file comment for the formula.
 */
export function distillationLoss(
  studentLogits: readonly number[], teacherLogits: readonly number[], label: number, temperature: number, alpha: number,
): DistillationLoss {
  const hard = -logSoftmaxWithTemperature(studentLogits, 1)[label];
  const soft = klDivergence(logSoftmaxWithTemperature(teacherLogits, temperature), logSoftmaxWithTemperature(studentLogits, temperature));
  return { hard, soft, total: alpha * hard + (1 - alpha) * temperature * temperature * soft };
}
