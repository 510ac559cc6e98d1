import { describe, expect, it } from 'vitest';
import { answerHeartbeats, holdBusyWhile } from './heartbeat';

/** The worker's end of the heartbeat port, recording what the worker announces. */
function fakePort() {
  const sent: unknown[] = [];
  const port = { onmessage: null, postMessage: (data: unknown) => sent.push(data) } as unknown as MessagePort;
  answerHeartbeats(port);
  const busy = () => sent.map((m) => (m as { busyForMs: number }).busyForMs);
  return { busy };
}

describe('holdBusyWhile', () => {
  it('announces the grace, then gives it back when the work ends, even when it throws', async () => {
    const { busy } = fakePort();
    await expect(holdBusyWhile(30_000, async () => 'done')).resolves.toBe('done');
    expect(busy()).toEqual([30_000, 0]);
    await expect(holdBusyWhile(30_000, async () => { throw new Error('bug'); })).rejects.toThrow('bug');
    expect(busy()).toEqual([30_000, 0, 30_000, 0]);
  });

  it('gives back only its own grace: a job still running keeps what it holds', async () => {
    const { busy } = fakePort();
    let finishLong = () => undefined as void;
    const long = holdBusyWhile(30_000, () => new Promise<void>((resolve) => { finishLong = resolve; }));
    await holdBusyWhile(1_000, async () => undefined);
    const [first, second, afterShort] = busy();
    expect([first, second]).toEqual([30_000, 1_000]);
    // What the long job still holds: a little less than 30 s, never 0.
    expect(afterShort).toBeGreaterThan(29_000);
    expect(afterShort).toBeLessThanOrEqual(30_000);
    finishLong();
    await long;
    expect(busy().at(-1)).toBe(0);
  });
});
