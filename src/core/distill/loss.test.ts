import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distillationLoss, logSoftmaxWithTemperature, softmaxWithTemperature } from './loss';

describe('distillationLoss', () => {
  it('matches a hand-computed value: z_s = [1, 0], z_t = [2, 0], y = 0, T = 2, α = 0.5', () => {
    // Hard term: softmax(z_s)_0 = e / (e + 1) = 1 / (1 + e^-1), so CE = ln(1 + e^-1)
    //   = ln(1.3678794412) = 0.3132616875.
    // Soft term at T = 2: z_t / 2 = [1, 0], z_s / 2 = [0.5, 0].
    //   log p_t = [−ln(1 + e^-1), −ln(1 + e)]     = [−0.3132616875, −1.3132616875], p_t = [0.7310585786, 0.2689414214]
    //   log q_s = [−ln(1 + e^-0.5), −ln(1 + e^0.5)] = [−0.4740769842, −0.9740769842]
    //   KL = 0.7310585786 · (−0.3132616875 + 0.4740769842) + 0.2689414214 · (−1.3132616875 + 0.9740769842)
    //      = 0.7310585786 · 0.1608152967 + 0.2689414214 · (−0.3391847033)
    //      = 0.1175654022 − 0.0912208162 = 0.0263445860
    // Total = 0.5 · 0.3132616875 + 0.5 · 2² · 0.0263445860 = 0.1566308438 + 0.0526891720 = 0.2093200157.
    const loss = distillationLoss([1, 0], [2, 0], 0, 2, 0.5);
    expect(loss.hard).toBeCloseTo(0.3132616875, 9);
    expect(loss.soft).toBeCloseTo(0.0263445860, 9);
    expect(loss.total).toBeCloseTo(0.2093200157, 9);
  });

  it('is the plain cross-entropy at α = 1 and T²·KL at α = 0', () => {
    const s = [0.3, -1.2, 2.5];
    const t = [1.0, 0.1, 3.0];
    const one = distillationLoss(s, t, 2, 5, 1);
    const zero = distillationLoss(s, t, 2, 5, 0);
    expect(one.total).toBeCloseTo(-Math.log(softmaxWithTemperature(s)[2]), 12);
    expect(zero.total).toBeCloseTo(25 * one.soft, 12);
  });

  it('soft term is zero when the student copies the teacher, positive otherwise', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 10 }),
      fc.double({ min: 1, max: 20, noNaN: true }),
      (z, T) => {
        expect(distillationLoss(z, z, 0, T, 0).soft).toBeCloseTo(0, 12);
        const other = z.map((v, i) => (i === 0 ? v + 1 : v));
        expect(distillationLoss(other, z, 0, T, 0).soft).toBeGreaterThan(0);
      },
    ));
  });

  it('T² scaling: at high T the scaled soft gradient tends to (z_s − z_t) / N, whatever T (Hinton et al. 2015, §2.1)', () => {
    // Zero-mean logits; d/dz_s of T²·KL(p_t‖q_s) = T·(q_s − p_t) ≈ (z_s − z_t)/N for large T. Without the
    // T² factor the gradient would shrink as 1/T² (checked too).
    const zs = [1, -0.5, -0.5];
    const zt = [2, -1, -1];
    const N = zs.length;
    const gradient = (T: number, i: number) => {
      const h = 1e-5;
      const up = zs.map((v, k) => (k === i ? v + h : v));
      const down = zs.map((v, k) => (k === i ? v - h : v));
      return (distillationLoss(up, zt, 0, T, 0).total - distillationLoss(down, zt, 0, T, 0).total) / (2 * h);
    };
    // The approximation's error shrinks as 1/T: within 1/T of the limit, relatively.
    for (const T of [10, 20, 100]) {
      for (let i = 0; i < N; i++) {
        const limit = (zs[i] - zt[i]) / N;
        expect(Math.abs(gradient(T, i) - limit)).toBeLessThan(Math.abs(limit) / T);
      }
    }
    // Unscaled soft gradient at T = 20 is 400 times smaller than the scaled one.
    const soft20 = (distillationLoss([1 + 1e-5, -0.5, -0.5], zt, 0, 20, 0).soft - distillationLoss([1 - 1e-5, -0.5, -0.5], zt, 0, 20, 0).soft) / 2e-5;
    expect(gradient(20, 0) / soft20).toBeCloseTo(400, 3);
  });
});

describe('softmax with temperature', () => {
  it('is stable for large logits and sums to 1', () => {
    const p = softmaxWithTemperature([1000, 999], 1);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(logSoftmaxWithTemperature([1000, 999], 1)[1]).toBeCloseTo(-Math.log(1 + Math.E), 12);
  });

  it('flattens as T grows: [2, 0] at T = 2 equals [1, 0] at T = 1', () => {
    expect(softmaxWithTemperature([2, 0], 2)).toEqual(softmaxWithTemperature([1, 0], 1));
  });
});
