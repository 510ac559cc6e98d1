/**
 * Settings of a training job on the digits (issue 8), shared by the worker, the CLI and the
 * shipped-model script; validated here so every front end rejects the same bad input with the
 * same message.
 */
import type { FlopLabError } from '../result';
import { DIGITS_TRAIN_COUNT } from './split';

export type OptimizerName = 'sgd' | 'adam';

export interface TrainOptions {
  /** Passes over the training digits, integer ≥ 1. */
  epochs: number;
  /** Digits per gradient step, integer ≥ 1. */
  batchSize: number;
  /** Step size, > 0 (e.g. 1e-3 for Adam, 0.01 for SGD). */
  learningRate: number;
  /** 'sgd': SGD with momentum 0.9; 'adam': Adam (β1 0.9, β2 0.999, ε 1e-7, tfjs defaults). */
  optimizer: OptimizerName;
  /** Seed of the per-epoch shuffle of the training digits (epoch e uses seed·1000 + e). */
  seed: number;
  /** Use only the first N training digits of the fixed split (1..8,000; default all). */
  trainLimit?: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 3, batchSize: 64, learningRate: 1e-3, optimizer: 'adam', seed: 1 };

/** SGD's momentum (Han et al. and most MNIST baselines use 0.9). */
export const SGD_MOMENTUM = 0.9;

const bad = (field: string, expected: string, got: unknown): FlopLabError => ({
  code: 'invalid-value', field, message: `Training: Expected ${field} to be ${expected}, but got ${String(got)}.`,
});

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The first problem with `o`, or null. Messages: "Training: Expected epochs to be …, but got …". */
export function validateTrainOptions(o: TrainOptions): FlopLabError | null {
  if (!isInt(o.epochs, 1, 1000)) return bad('epochs', 'an integer from 1 to 1000', o.epochs);
  if (!isInt(o.batchSize, 1, DIGITS_TRAIN_COUNT)) return bad('batchSize', `an integer from 1 to ${DIGITS_TRAIN_COUNT}`, o.batchSize);
  if (!(typeof o.learningRate === 'number' && o.learningRate > 0 && o.learningRate <= 10)) return bad('learningRate', 'a number in (0, 10]', o.learningRate);
  if (o.optimizer !== 'sgd' && o.optimizer !== 'adam') return bad('optimizer', "'sgd' or 'adam'", o.optimizer);
  if (!isInt(o.seed, 0, 2 ** 31 - 1)) return bad('seed', 'an integer from 0 to 2147483647', o.seed);
  if (o.trainLimit !== undefined && !isInt(o.trainLimit, 1, DIGITS_TRAIN_COUNT)) return bad('trainLimit', `an integer from 1 to ${DIGITS_TRAIN_COUNT}`, o.trainLimit);
  return null;
}
