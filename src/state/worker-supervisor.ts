/**
 * Keeps one Web Worker alive, or notices that it is not. A worker can stop in ways that leave
 * its callers waiting forever: `self.close()` or a crash fires no event at all, an uncaught error
 * fires 'error', an unreadable message 'messageerror'. The supervisor
 * - pings the worker through a dedicated MessagePort every `intervalMs` and takes it for dead
 *   when a ping has had no answer for `deadAfterMs` (long jobs yield between steps, so a busy
 *   worker still answers within a few ms; before a step that cannot yield the worker sends
 *   `{ busyForMs }` and is given that long); where the browser fires a MessagePort 'close' event
 *   (Chromium), a closed or crashed worker is noticed at once;
 * - settles every call still pending on a dead worker with the caller's "stopped" value;
 * - terminates it, starts a new one and tells its listeners what happened.
 * It knows nothing of FlopLab's API: `spawn` makes the worker (tests pass fakes).
 */

/** One started worker, as the supervisor needs it. */
export interface SpawnedWorker<Api> {
  api: Api;
  /** The main thread's end of the heartbeat channel; the worker echoes what it receives. */
  port: MessagePort;
  terminate(): void;
}

/** `fatal(reason)`: the worker fired 'error' or 'messageerror' (the spawner listens). */
export type Spawn<Api> = (fatal: (reason: string) => void) => SpawnedWorker<Api>;

export interface WorkerStopped {
  /** What happened, for the user: "stopped answering (no heartbeat for 4 s)". */
  reason: string;
  /** Whether a new worker was started (false once it keeps dying before it ever answers). */
  restarted: boolean;
}

export interface SupervisorOptions {
  intervalMs?: number;
  deadAfterMs?: number;
  /** After this many workers in a row die before their first heartbeat, stop restarting. */
  maxFailedStarts?: number;
  now?: () => number;
}

export const HEARTBEAT_INTERVAL_MS = 1000;
export const DEAD_AFTER_MS = 4000;

interface Generation<Api> {
  spawned: SpawnedWorker<Api>;
  /** Rejects-by-resolving: settles with the reason when this worker is declared dead. */
  death: Promise<string>;
  die: (reason: string) => void;
  dead: boolean;
  answered: boolean;
  pingSentAt: number | null;
  /** The worker announced a step that cannot yield: not dead before this time… */
  busyUntil: number;
  /** …unless it answers a ping sent after the announcement came (the step is over). */
  busySince: number;
  lastTickAt: number;
  timer: ReturnType<typeof setInterval>;
}

export class WorkerSupervisor<Api> {
  private current: Generation<Api> | null = null;
  private failedStarts = 0;
  private readonly listeners = new Set<(event: WorkerStopped) => void>();
  private readonly intervalMs: number;
  private readonly deadAfterMs: number;
  private readonly maxFailedStarts: number;
  private readonly now: () => number;

  constructor(private readonly spawn: Spawn<Api>, options: SupervisorOptions = {}) {
    this.intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.deadAfterMs = options.deadAfterMs ?? DEAD_AFTER_MS;
    this.maxFailedStarts = options.maxFailedStarts ?? 3;
    this.now = options.now ?? (() => performance.now());
  }

  /** False once workers keep dying before they answer (blocked script, no memory): work on this thread. */
  get usable(): boolean {
    return this.failedStarts < this.maxFailedStarts;
  }

  /** The live worker's API, starting one if there is none. */
  api(): Api {
    return this.generation().spawned.api;
  }

  /**
   * Runs `call` on the live worker. If that worker dies first, resolves with `stopped(reason)`
   * instead of waiting forever; a rejection of `call` itself is passed on.
   */
  async run<T>(call: (api: Api) => Promise<T>, stopped: (reason: string) => NoInfer<T>): Promise<T> {
    const gen = this.generation();
    if (gen.dead) return stopped('the worker had stopped');
    return Promise.race([call(gen.spawned.api), gen.death.then(stopped)]);
  }

  /** Calls `listener` whenever a worker is declared dead; returns the unsubscribe function. */
  onStopped(listener: (event: WorkerStopped) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the worker for good (tests, page unload). */
  dispose(): void {
    const gen = this.current;
    this.current = null;
    if (gen) this.bury(gen, 'the page closed it');
  }

  private generation(): Generation<Api> {
    this.current ??= this.start();
    return this.current;
  }

  private start(): Generation<Api> {
    let die: (reason: string) => void = () => undefined;
    const death = new Promise<string>((resolve) => { die = resolve; });
    // The spawner may report an 'error' during spawn(): `gen` is not made yet then.
    let early: string | null = null;
    let gen: Generation<Api> | null = null;
    const spawned = this.spawn((reason) => {
      if (gen) this.declareDead(gen, reason);
      else early ??= reason;
    });
    const created: Generation<Api> = {
      spawned, death, die, dead: false, answered: false, pingSentAt: null, busyUntil: 0, busySince: 0, lastTickAt: this.now(),
      timer: setInterval(() => this.tick(created), this.intervalMs),
    };
    gen = created;
    spawned.port.onmessage = (event: MessageEvent) => {
      const busyForMs = (event.data as { busyForMs?: unknown } | null)?.busyForMs;
      if (typeof busyForMs === 'number') {
        created.busySince = this.now();
        created.busyUntil = created.busySince + busyForMs;
        // The worker just spoke: a ping sent before it is not waited on; the next tick sends a fresh one.
        created.pingSentAt = null;
        return;
      }
      // An echoed ping carries the time it was sent.
      if (typeof event.data === 'number' && event.data >= created.busySince) created.busyUntil = 0;
      created.pingSentAt = null;
      if (!created.answered) {
        created.answered = true;
        this.failedStarts = 0;
      }
    };
    // Chromium fires 'close' on a port whose other end's worker was closed or crashed.
    spawned.port.addEventListener('close', () => this.declareDead(created, 'closed or crashed'));
    if (early !== null) this.declareDead(created, early);
    // The first ping at once: the worker counts as started as soon as it has booted.
    else this.tick(created);
    return created;
  }

  private tick(gen: Generation<Api>): void {
    if (gen.dead) return;
    const now = this.now();
    const late = now - gen.lastTickAt > 2 * this.intervalMs;
    gen.lastTickAt = now;
    if (late) {
      // This thread was blocked or throttled (a background tab): the worker gets a fresh chance.
      gen.pingSentAt = null;
    }
    if (gen.pingSentAt !== null) {
      if (now - gen.pingSentAt >= this.deadAfterMs && now >= gen.busyUntil) {
        const seconds = Math.round(this.deadAfterMs / 1000);
        this.declareDead(gen, gen.answered
          ? `stopped answering (no heartbeat for ${seconds} s)`
          : `did not start or stopped at once (no answer within ${seconds} s)`);
      }
      return;
    }
    gen.pingSentAt = now;
    try {
      gen.spawned.port.postMessage(now);
    } catch {
      this.declareDead(gen, 'closed its message channel');
    }
  }

  private declareDead(gen: Generation<Api>, reason: string): void {
    if (gen.dead) return;
    this.bury(gen, reason);
    if (this.current === gen) this.current = null;
    if (!gen.answered) this.failedStarts += 1;
    const restarted = this.usable;
    if (restarted) this.generation();
    for (const listener of this.listeners) listener({ reason, restarted });
  }

  private bury(gen: Generation<Api>, reason: string): void {
    gen.dead = true;
    clearInterval(gen.timer);
    gen.die(reason);
    gen.spawned.port.onmessage = null;
    gen.spawned.port.close();
    gen.spawned.terminate();
  }
}
