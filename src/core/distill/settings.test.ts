import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTILL_SETTINGS, validateDistillSettings, type DistillSettings } from './settings';

const withField = (patch: Partial<DistillSettings>) => validateDistillSettings({ ...DEFAULT_DISTILL_SETTINGS, ...patch });

describe('validateDistillSettings', () => {
  it('accepts the defaults and the ends of each range', () => {
    expect(validateDistillSettings(DEFAULT_DISTILL_SETTINGS)).toBeNull();
    expect(withField({ temperature: 1, alpha: 0, labels: 100 })).toBeNull();
    expect(withField({ temperature: 20, alpha: 1, labels: 8000, transfer: false })).toBeNull();
  });

  it.each([
    [{ temperature: 0.5 }, 'temperature', 'Distillation: Expected temperature to be a number from 1 to 20, but got 0.5.'],
    [{ temperature: 21 }, 'temperature', 'Distillation: Expected temperature to be a number from 1 to 20, but got 21.'],
    [{ alpha: -0.1 }, 'alpha', 'Distillation: Expected alpha to be a number from 0 to 1, but got -0.1.'],
    [{ alpha: Number.NaN }, 'alpha', 'Distillation: Expected alpha to be a number from 0 to 1, but got NaN.'],
    [{ labels: 99 }, 'labels', 'Distillation: Expected labels to be an integer from 100 to 8000, but got 99.'],
    [{ labels: 500.5 }, 'labels', 'Distillation: Expected labels to be an integer from 100 to 8000, but got 500.5.'],
    [{ epochs: 0 }, 'epochs', 'Distillation: Expected epochs to be an integer from 1 to 200, but got 0.'],
    [{ learningRate: 0 }, 'learningRate', 'Distillation: Expected learningRate to be a number in (0, 10], but got 0.'],
    [{ seed: -1 }, 'seed', 'Distillation: Expected seed to be an integer from 0 to 2147483647, but got -1.'],
    [{ batchSize: 0 }, 'batchSize', 'Distillation: Expected batchSize to be an integer from 1 to 8000, but got 0.'],
  ])('rejects %o naming the field', (patch, field, message) => {
    expect(withField(patch as Partial<DistillSettings>)).toEqual({ code: 'invalid-value', field, message });
  });
});
