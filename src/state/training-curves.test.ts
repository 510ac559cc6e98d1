import { describe, expect, it } from 'vitest';
import { addProgress, EMPTY_CURVES, MAX_BATCH_POINTS } from './training-curves';

describe('curve data', () => {
  it('keeps batch and epoch points apart and ignores plain progress', () => {
    let d = addProgress(EMPTY_CURVES, { fraction: 0.1, message: 'x', batch: { epoch: 0.5, loss: 2 } });
    d = addProgress(d, { fraction: 0.2, message: 'y' });
    d = addProgress(d, { fraction: 0.5, message: 'z', record: { epoch: 1, loss: 1.5, trainAccuracy: 0.6, accuracy: 0.7 } });
    expect(d).toEqual({ batches: [{ epoch: 0.5, loss: 2 }], epochs: [{ epoch: 1, loss: 1.5, trainAccuracy: 0.6, accuracy: 0.7 }] });
    expect(EMPTY_CURVES).toEqual({ batches: [], epochs: [] });
  });
  it('thins batch points to at most MAX_BATCH_POINTS, keeping the first and spreading evenly', () => {
    let d = EMPTY_CURVES;
    for (let i = 0; i < 1000; i++) d = addProgress(d, { fraction: 0, message: '', batch: { epoch: i / 100, loss: i } });
    expect(d.batches.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
    expect(d.batches.length).toBeGreaterThan(MAX_BATCH_POINTS / 4);
    expect(d.batches[0].loss).toBe(0);
    const losses = d.batches.map((b) => b.loss);
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
  });
});
