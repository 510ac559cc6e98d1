/**
 * Per-layer sensitivity analysis (issue 9; Distiller's "sensitivity analysis", Zhu & Gupta 2017
 * and Han et al. 2015 §4 use the same picture): each prunable layer compressed alone, the rest
 * untouched, test accuracy at each point, no retraining. Plain JSON-able data shared by the tf
 * code that measures it, the worker, the CLI and the UI. Accuracies and sparsities are fractions.
 */

export type SensitivityKind = 'prune' | 'quantize';

/** Sparsities measured for 'prune' (fractions of the layer's kernel set to zero by magnitude). */
export const SENSITIVITY_SPARSITIES: readonly number[] = [0, 0.25, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99];
/** Bit widths measured for 'quantize' (affine, per tensor, as the tfjs converter quantizes). */
export const SENSITIVITY_BITS: readonly number[] = [8, 6, 4, 3, 2];

export interface PrunePoint { sparsity: number; accuracy: number }
export interface QuantizePoint { bits: number; accuracy: number }

export interface LayerSensitivity<P> {
  /** Layer name (the kernel tensor's name without '/kernel'). */
  name: string;
  points: P[];
}

export type SensitivityReport =
  | { kind: 'prune'; baseline: number; layers: LayerSensitivity<PrunePoint>[] }
  | { kind: 'quantize'; baseline: number; layers: LayerSensitivity<QuantizePoint>[] };
