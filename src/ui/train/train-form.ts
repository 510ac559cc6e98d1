/**
 * The Train panel's form: what the user types, and the TrainOptions it means. The defaults are
 * the shipped presets' (Adam 1e-3, batch 64) with 3 epochs and all 8,000 training digits.
 */
import type { OptimizerName, TrainOptions } from '../../core/digits/train-options';
import { DEFAULT_TRAIN_OPTIONS, validateTrainOptions } from '../../core/digits/train-options';
import { DIGITS_TRAIN_COUNT } from '../../core/digits/split';

export interface TrainForm {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  seed: number;
  /** Training digits used (1..8,000). */
  trainLimit: number;
  /** Start from seeded random weights even when the model is trained. */
  fromScratch: boolean;
}

export const DEFAULT_TRAIN_FORM: TrainForm = {
  epochs: DEFAULT_TRAIN_OPTIONS.epochs,
  batchSize: DEFAULT_TRAIN_OPTIONS.batchSize,
  learningRate: DEFAULT_TRAIN_OPTIONS.learningRate,
  optimizer: DEFAULT_TRAIN_OPTIONS.optimizer,
  seed: DEFAULT_TRAIN_OPTIONS.seed,
  trainLimit: DIGITS_TRAIN_COUNT,
  fromScratch: false,
};

export function trainOptionsOf(form: TrainForm): TrainOptions {
  return {
    epochs: form.epochs, batchSize: form.batchSize, learningRate: form.learningRate,
    optimizer: form.optimizer, seed: form.seed, trainLimit: form.trainLimit,
  };
}

/** The core's message for a bad combination, or null. */
export function trainFormProblem(form: TrainForm): string | null {
  return validateTrainOptions(trainOptionsOf(form))?.message ?? null;
}
