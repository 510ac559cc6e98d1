/**
 * How much of the teacher–student gap distillation closed (Hinton et al. 2015 report it this way
 * for their speech models: "more than 80 % of the improvement … is transferred").
 */

/**
 * gap recovered = (distilled − alone) / (teacher − alone), accuracies as fractions 0..1.
 * Below 0 when distillation hurt, above 1 when the distilled student beat the teacher; null
 * (undefined) when the teacher is no better than the student trained alone, or an accuracy is
 * not a finite number.
 */
export function gapRecovered(teacherAccuracy: number, aloneAccuracy: number, distilledAccuracy: number): number | null {
  if (![teacherAccuracy, aloneAccuracy, distilledAccuracy].every(Number.isFinite)) return null;
  const gap = teacherAccuracy - aloneAccuracy;
  if (gap <= 0) return null;
  return (distilledAccuracy - aloneAccuracy) / gap;
}
