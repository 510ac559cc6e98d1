import { describe, expect, it } from 'vitest';
import { JobRegistry, runJob } from './jobs';

describe('JobRegistry / runJob', () => {
  it('resolves a cancelled job with { cancelled: true }, not an error', async () => {
    const registry = new JobRegistry();
    const job = runJob(registry, 'a', async (signal) => {
      await new Promise((r) => setTimeout(r, 20));
      return signal.aborted ? 'stopped' : 'finished';
    });
    registry.cancel('a');
    await expect(job).resolves.toEqual({ status: 'cancelled', cancelled: true });
    expect(registry.size).toBe(0);
  });

  it('returns the job result and forgets the job when it ends', async () => {
    const registry = new JobRegistry();
    await expect(runJob(registry, 'b', async () => 42)).resolves.toBe(42);
    expect(registry.size).toBe(0);
  });

  it('cancels only the job with that id, and ignores unknown ids', async () => {
    const registry = new JobRegistry();
    const signals: AbortSignal[] = [];
    const one = runJob(registry, 'one', async (s) => { signals.push(s); await new Promise((r) => setTimeout(r, 10)); return 1; });
    const two = runJob(registry, 'two', async (s) => { signals.push(s); await new Promise((r) => setTimeout(r, 10)); return 2; });
    registry.cancel('two');
    registry.cancel('nope');
    await expect(one).resolves.toBe(1);
    await expect(two).resolves.toMatchObject({ cancelled: true });
    expect(signals.map((s) => s.aborted)).toEqual([false, true]);
  });
});
