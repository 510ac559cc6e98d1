import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { distillationLoss } from '../core/distill/loss';
import { distillationLossTf } from './distill-loss';

beforeAll(async () => { await tf.setBackend('cpu'); });

describe('distillationLossTf', () => {
  it('equals the mean of the plain-number loss (core, hand-checked) over a batch', () => {
    const logit = fc.double({ min: -8, max: 8, noNaN: true });
    const row = fc.array(logit, { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(
      fc.array(fc.tuple(row, row, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 }),
      fc.double({ min: 1, max: 20, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (rows, T, alpha) => {
        const zs = tf.tensor2d(rows.map((r) => r[0]));
        const zt = tf.tensor2d(rows.map((r) => r[1]));
        const y = tf.tensor1d(rows.map((r) => r[2]), 'int32');
        const before = tf.memory().numTensors;
        const loss = distillationLossTf({ labelledLogits: zs, labels: y, transferLogits: zs, teacherLogits: zt, temperature: T, alpha });
        expect(tf.memory().numTensors).toBe(before + 1);
        const expected = rows.reduce((sum, r) => sum + distillationLoss(r[0], r[1], r[2], T, alpha).total, 0) / rows.length;
        expect(loss.dataSync()[0]).toBeCloseTo(expected, 3);
        tf.dispose([zs, zt, y, loss]);
      },
    ), { numRuns: 50 });
  });

  it('hand-computed case: z_s = [1, 0], z_t = [2, 0], y = 0, T = 2, α = 0.5 gives 0.2093200 (see core/distill/loss.test.ts)', () => {
    const zs = tf.tensor2d([[1, 0]]);
    const loss = distillationLossTf({ labelledLogits: zs, labels: tf.tensor1d([0], 'int32'), transferLogits: zs, teacherLogits: tf.tensor2d([[2, 0]]), temperature: 2, alpha: 0.5 });
    expect(loss.dataSync()[0]).toBeCloseTo(0.2093200157, 6);
  });
});
