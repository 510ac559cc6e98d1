import { describe, expect, it } from 'vitest';
import type { CompressionPlan } from '../core/compress/types';
import { findPreset } from '../core/presets';
import { answerHeartbeats } from './heartbeat';
import { createWorkerApi } from './worker-api';

/** src/state/worker-supervisor.ts DEAD_AFTER_MS (this folder may not import src/state). */
const DEAD_AFTER_MS = 4000;

const DEEP_COMPRESSION: CompressionPlan = {
  stages: [
    { kind: 'prune', sparsity: 0.5 },
    { kind: 'share', k: 16, init: 'linear' },
    { kind: 'quantize', bits: 8 },
    { kind: 'huffman' },
  ],
};

/**
 * Runs `job` while this thread answers heartbeats as the worker does (answerHeartbeats), and
 * plays the main thread's part: a ping 20 ms after each answer. Returns the longest time a ping
 * waited beyond any `busyForMs` the job announced (a grace that ends, as in the supervisor, once
 * a ping sent after it is answered), ms.
 */
async function longestUnansweredPing(job: () => Promise<unknown>): Promise<{ worstMs: number; pings: number; announced: number }> {
  const channel = new MessageChannel();
  answerHeartbeats(channel.port2);
  let sentAt = performance.now();
  let graceUntil = 0;
  let graceSince = 0;
  let worstMs = 0;
  let pings = 0;
  let announced = 0;
  channel.port1.onmessage = (event: MessageEvent) => {
    const now = performance.now();
    const busyForMs = (event.data as { busyForMs?: number } | null)?.busyForMs;
    if (busyForMs !== undefined) {
      graceSince = now;
      graceUntil = now + busyForMs;
      announced += 1;
      return;
    }
    worstMs = Math.max(worstMs, now > graceUntil ? now - Math.max(sentAt, graceUntil) : 0);
    // As the supervisor: an answer to a ping sent after the announcement ends the grace.
    if (sentAt >= graceSince) graceUntil = 0;
    pings += 1;
    setTimeout(() => { sentAt = performance.now(); channel.port1.postMessage(0); }, 20);
  };
  channel.port1.postMessage(0);
  try {
    await job();
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
  return { worstMs, pings, announced };
}

describe('a long job keeps the worker answering heartbeats', () => {
  it('compressing MobileNetV1 (4.2 M weights) never leaves a ping unanswered (beyond announced steps) for 3/4 of the dead-worker limit', async () => {
    const api = createWorkerApi();
    let status = '';
    const { worstMs, pings, announced } = await longestUnansweredPing(async () => {
      const result = await api.compress(findPreset('mobilenet-v1')!.build(), DEEP_COMPRESSION, 'mobilenet');
      status = result.status;
    });
    expect(status).toBe('done');
    expect(pings).toBeGreaterThan(10);
    expect(announced).toBeGreaterThan(0);
    console.log(`MobileNetV1 compression: longest unannounced silence ${worstMs.toFixed(0)} ms over ${pings} pings`);
    expect(worstMs).toBeLessThan(0.75 * DEAD_AFTER_MS);
  }, 240_000);
});
