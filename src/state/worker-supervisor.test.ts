import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerSupervisor, type SpawnedWorker, type WorkerStopped } from './worker-supervisor';

/**
 * A fake worker: its heartbeat port answers each ping after `echoDelayMs` while `alive`, and
 * its API has one call that resolves only when the test says so.
 */
class FakeWorker {
  alive = true;
  echoDelayMs = 0;
  terminated = false;
  fatal: (reason: string) => void = () => undefined;
  pendingCalls: Array<(value: string) => void> = [];
  private closeListeners: Array<() => void> = [];
  readonly port = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    postMessage: (data: unknown) => {
      if (!this.alive) return;
      setTimeout(() => this.port.onmessage?.({ data } as MessageEvent), this.echoDelayMs);
    },
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'close') this.closeListeners.push(listener);
    },
    close: () => undefined,
  };
  readonly api = {
    work: () => new Promise<string>((resolve) => this.pendingCalls.push(resolve)),
  };
  fireClose(): void {
    this.alive = false;
    for (const listener of this.closeListeners) listener();
  }
}

let workers: FakeWorker[];
let stops: WorkerStopped[];

function supervise(options: { failStart?: boolean } = {}) {
  const supervisor = new WorkerSupervisor<FakeWorker['api']>((fatal) => {
    const worker = new FakeWorker();
    worker.fatal = fatal;
    if (options.failStart) worker.alive = false;
    workers.push(worker);
    return {
      api: worker.api,
      port: worker.port as unknown as MessagePort,
      terminate: () => { worker.terminated = true; worker.alive = false; },
    } satisfies SpawnedWorker<FakeWorker['api']>;
  }, { intervalMs: 1000, deadAfterMs: 4000, now: () => Date.now() });
  supervisor.onStopped((event) => stops.push(event));
  return supervisor;
}

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  stops = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerSupervisor', () => {
  it('keeps a worker that answers heartbeats, however long a job runs', async () => {
    const supervisor = supervise();
    const job = supervisor.run((api) => api.work(), (reason) => `stopped: ${reason}`);
    workers[0].echoDelayMs = 900; // busy, but yielding: each ping answered within a second
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stops).toEqual([]);
    workers[0].pendingCalls[0]('done');
    await expect(job).resolves.toBe('done');
    supervisor.dispose();
  });

  it('takes a silent worker for dead after 4 s, settles its pending calls and starts a new one', async () => {
    const supervisor = supervise();
    const job = supervisor.run((api) => api.work(), (reason) => `stopped: ${reason}`);
    await vi.advanceTimersByTimeAsync(2500); // answered a few pings: it started
    workers[0].alive = false; // self.close(): no event, no answers
    await vi.advanceTimersByTimeAsync(3000);
    expect(stops).toEqual([]); // not yet: the ping sent at 3 s is only 2.5 s late
    await vi.advanceTimersByTimeAsync(2000);
    expect(stops).toEqual([{ reason: 'stopped answering (no heartbeat for 4 s)', restarted: true }]);
    await expect(job).resolves.toBe('stopped: stopped answering (no heartbeat for 4 s)');
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // The new worker serves the next call.
    const next = supervisor.run((api) => api.work(), () => 'stopped');
    workers[1].pendingCalls[0]('second');
    await expect(next).resolves.toBe('second');
    supervisor.dispose();
  });

  it('gives a worker the time it announced for a step that cannot yield, then no more', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    workers[0].port.onmessage?.({ data: { busyForMs: 10_000 } } as MessageEvent);
    workers[0].alive = false; // blocked in one long predict
    await vi.advanceTimersByTimeAsync(9000);
    expect(stops).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(stops).toEqual([{ reason: 'stopped answering (no heartbeat for 4 s)', restarted: true }]);
    supervisor.dispose();
  });

  it('ends the announced grace once the worker answers a later ping (the step is over)', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    workers[0].port.onmessage?.({ data: { busyForMs: 60_000 } } as MessageEvent);
    await vi.advanceTimersByTimeAsync(2000); // pings sent after the announcement are answered
    workers[0].alive = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(stops).toEqual([{ reason: 'stopped answering (no heartbeat for 4 s)', restarted: true }]);
    supervisor.dispose();
  });

  it('a grace given back (busy 0 when a job ends) no longer shields the worker: dying right after is noticed within 4 s', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    workers[0].port.onmessage?.({ data: { busyForMs: 30_000 } } as MessageEvent);
    await vi.advanceTimersByTimeAsync(200);
    workers[0].port.onmessage?.({ data: { busyForMs: 0 } } as MessageEvent);
    workers[0].alive = false;
    await vi.advanceTimersByTimeAsync(5500);
    expect(stops).toEqual([{ reason: 'stopped answering (no heartbeat for 4 s)', restarted: true }]);
    supervisor.dispose();
  });

  it('a ping outstanding through a long step does not count once the worker announces the step is over', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    workers[0].port.onmessage?.({ data: { busyForMs: 30_000 } } as MessageEvent);
    workers[0].alive = false; // blocked for 10 s: the ping sent meanwhile is not answered yet
    await vi.advanceTimersByTimeAsync(10_000);
    workers[0].alive = true;
    // The step is over: the worker gives the grace back before its queued echo reaches this thread.
    workers[0].port.onmessage?.({ data: { busyForMs: 0 } } as MessageEvent);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stops).toEqual([]);
    supervisor.dispose();
  });

  it('notices a MessagePort close event and a fatal error at once', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    workers[0].fireClose();
    expect(stops.at(-1)).toEqual({ reason: 'closed or crashed', restarted: true });
    await vi.advanceTimersByTimeAsync(1500);
    workers[1].fatal('an uncaught error: boom');
    expect(stops.at(-1)).toEqual({ reason: 'an uncaught error: boom', restarted: true });
    expect(workers).toHaveLength(3);
    supervisor.dispose();
  });

  it('does not blame the worker when this thread was asleep (a throttled background tab)', async () => {
    const supervisor = supervise();
    supervisor.api();
    await vi.advanceTimersByTimeAsync(1500);
    // A minute passes between two ticks: the worker's answer to the last ping is not overdue.
    const now = Date.now();
    vi.setSystemTime(now + 60_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stops).toEqual([]);
    supervisor.dispose();
  });

  it('stops restarting workers that die before they ever answer', async () => {
    const supervisor = supervise({ failStart: true });
    supervisor.api();
    await vi.advanceTimersByTimeAsync(3 * 6000);
    expect(stops.map((s) => s.reason)).toEqual(Array(3).fill('did not start or stopped at once (no answer within 4 s)'));
    expect(stops.map((s) => s.restarted)).toEqual([true, true, false]);
    expect(supervisor.usable).toBe(false);
    expect(workers).toHaveLength(3);
    supervisor.dispose();
  });
});
