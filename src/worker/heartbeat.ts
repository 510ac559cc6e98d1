/**
 * The worker's end of the main thread's heartbeat (src/state/worker-supervisor.ts): every
 * message on the port is echoed. Before a step that cannot yield (the first predict of a big
 * model prepares all its weights in one call) a job announces it with `expectBusyFor`, so the
 * main thread does not take a busy worker for a dead one.
 */
let port: MessagePort | null = null;

/** Echoes pings on `heartbeatPort` from now on. */
export function answerHeartbeats(heartbeatPort: MessagePort): void {
  port = heartbeatPort;
  port.onmessage = (event: MessageEvent) => port?.postMessage(event.data);
}

/** A step that may block this worker this long is about to start (no-op without a heartbeat). */
export function expectBusyFor(ms: number): void {
  port?.postMessage({ busyForMs: ms });
}

/** The grace announced before one step that cannot yield (a first predict, building a big model). */
export const ONE_STEP_GRACE_MS = 30_000;

/** Deadlines (performance.now(), ms) of the graces held by jobs that are still running. */
const held = new Set<number>();

/**
 * Holds a grace of `ms` while `work` runs, for work that awaits before its step that cannot yield
 * (a job loading its chunk). When `work` settles the grace is given back: the main thread is told
 * what other running jobs still hold (0 when none), so a worker that dies right after a short job
 * is noticed within seconds instead of when the grace would have run out.
 */
export async function holdBusyWhile<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const until = performance.now() + ms;
  held.add(until);
  expectBusyFor(ms);
  try {
    return await work();
  } finally {
    held.delete(until);
    expectBusyFor(Math.max(0, Math.max(0, ...held) - performance.now()));
  }
}
