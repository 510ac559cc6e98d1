import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_FORM, trainFormProblem, trainOptionsOf } from './train-form';

describe('train form', () => {
  it('defaults to every one of the 8,000 training digits and valid options', () => {
    expect(DEFAULT_TRAIN_FORM.trainLimit).toBe(8000);
    expect(trainFormProblem(DEFAULT_TRAIN_FORM)).toBeNull();
  });
  it('passes the fields through and reports the core message for a bad one', () => {
    const form = { ...DEFAULT_TRAIN_FORM, epochs: 2, batchSize: 16, learningRate: 0.05, optimizer: 'sgd' as const, seed: 7, trainLimit: 300 };
    expect(trainOptionsOf(form)).toEqual({ epochs: 2, batchSize: 16, learningRate: 0.05, optimizer: 'sgd', seed: 7, trainLimit: 300 });
    expect(trainFormProblem({ ...form, trainLimit: 9000 })).toBe('Training: Expected trainLimit to be an integer from 1 to 8000, but got 9000.');
  });
});
