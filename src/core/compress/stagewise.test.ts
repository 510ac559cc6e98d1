import { describe, expect, it } from 'vitest';
import { runPipeline } from './pipeline';
import { StagewiseRun } from './stagewise';
import { syntheticWeights } from './synthetic-weights';
import { smallConvNet } from './test-models';
import type { CompressionPlan, WeightTensor } from './types';

const weights = (() => {
  const w = syntheticWeights(smallConvNet(), 5);
  if (!w.ok) throw new Error(w.error.message);
  return w.value;
})();

function start(ws: WeightTensor[], plan: CompressionPlan): StagewiseRun {
  const r = StagewiseRun.start(ws, plan);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function applyAll(run: StagewiseRun): Promise<void> {
  while (run.done < run.plan.stages.length) {
    const r = await run.applyNext();
    if (!r.ok) throw new Error(r.error.message);
  }
}

const kernel = (data: number[], name = 'd/kernel'): WeightTensor => ({ name, shape: [data.length, 1], data: Float32Array.from(data) });

describe('StagewiseRun', () => {
  it.each<[string, CompressionPlan]>([
    ['Deep Compression', { stages: [{ kind: 'prune', sparsity: 0.6 }, { kind: 'share', k: 16 }, { kind: 'quantize', bits: 6 }, { kind: 'huffman' }] }],
    ['global prune + 8-bit per channel', { stages: [{ kind: 'prune', sparsity: 0.5, global: true }, { kind: 'quantize', bits: 8, perChannel: true }] }],
  ])('without updates gives exactly runPipeline’s result (%s)', async (_name, plan) => {
    const whole = await runPipeline(weights, plan);
    if (!whole.ok) throw new Error(whole.error.message);
    const run = start(weights, plan);
    await applyAll(run);
    const staged = run.result();
    expect(staged.stages).toEqual(whole.value.stages);
    expect(staged.totals).toEqual(whole.value.totals);
    expect(staged.weights).toEqual(whole.value.weights);
    expect(staged.perLayer).toEqual(whole.value.perLayer);
  });

  it('after pruning, the constraint is the mask of the kept weights', async () => {
    const run = start([kernel([1, -2, 3, -4])], { stages: [{ kind: 'prune', sparsity: 0.5 }] });
    await applyAll(run);
    expect(run.constraints()).toEqual({ 'd/kernel': { kind: 'mask', mask: Uint8Array.of(0, 0, 1, 1) } });
  });

  it('after sharing, an update moves the codebook with the weights and keeps the assignments', async () => {
    // Linear init on [1, 11] with k = 2: clusters {1, 2} → 1.5 and {10, 11} → 10.5.
    const run = start([kernel([1, 2, 10, 11])], { stages: [{ kind: 'share', k: 2 }, { kind: 'quantize', bits: 8 }] });
    expect((await run.applyNext()).ok).toBe(true);
    expect(run.constraints()['d/kernel']).toEqual({ kind: 'shared', codebook: Float32Array.of(1.5, 10.5), indices: Uint8Array.of(0, 0, 1, 1), mask: Uint8Array.of(1, 1, 1, 1) });
    // Retrained centroids 2 and 12.
    expect(run.update([kernel([2, 2, 12, 12])]).ok).toBe(true);
    expect(run.result().perLayer[0].codebook).toEqual([2, 12]);
    // 8-bit affine grid on the codebook, widened to hold 0 exactly: [0, 12], scale 12/255;
    // 2 → code round(42.5) = 43 → 43 · 12/255 = 2.0235…, 12 → 255 → 12.
    expect((await run.applyNext()).ok).toBe(true);
    const [a, b, c, d] = run.weights()[0].data;
    expect([a, b]).toEqual([Math.fround((43 * 12) / 255), Math.fround((43 * 12) / 255)]);
    expect([c, d]).toEqual([12, 12]);
  });

  it('takes retrained biases too, and refuses a wrong length', async () => {
    const bias: WeightTensor = { name: 'd/bias', shape: [1], data: Float32Array.of(0) };
    const run = start([kernel([1, -2, 3, -4]), bias], { stages: [{ kind: 'prune', sparsity: 0.5 }] });
    await applyAll(run);
    expect(run.update([{ ...bias, data: Float32Array.of(0.25) }]).ok).toBe(true);
    expect(run.weights()[1].data).toEqual(Float32Array.of(0.25));
    expect(run.update([kernel([1, 2])])).toMatchObject({ ok: false, error: { message: "Tensor 'd/kernel': Expected 4 values, but got 2." } });
  });

  it('refuses structured pruning and a finished plan as values', async () => {
    expect(StagewiseRun.start(weights, { stages: [{ kind: 'prune', sparsity: 0.5, structured: true }] })).toMatchObject({ ok: false, error: { field: 'structured' } });
    const run = start([kernel([1, 2])], { stages: [{ kind: 'huffman' }] });
    await applyAll(run);
    expect(await run.applyNext()).toMatchObject({ ok: false, error: { message: 'Expected a stage left to apply, but all 1 ran.' } });
  });
});
