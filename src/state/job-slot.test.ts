import { describe, expect, it, vi } from 'vitest';

const cancelled: string[] = [];
let counter = 0;
vi.mock('./worker-client', () => ({
  getWorker: () => ({ cancel: async (jobId: string) => { cancelled.push(jobId); } }),
  newJobId: (kind: string) => `${kind}-${++counter}`,
}));

const { createJobSlot, crashText } = await import('./job-slot');

describe('createJobSlot', () => {
  it('a started job is current until it settles; settling twice counts once', () => {
    cancelled.length = 0;
    const slot = createJobSlot();
    const jobId = slot.start('train');
    expect(slot.isCurrent(jobId)).toBe(true);
    expect(slot.settle(jobId)).toBe(true);
    expect(slot.isCurrent(jobId)).toBe(false);
    expect(slot.settle(jobId)).toBe(false);
    expect(cancelled).toEqual([]);
  });

  it('a new start tells the worker to stop the old job, whose answer then no longer counts', () => {
    cancelled.length = 0;
    const slot = createJobSlot();
    const first = slot.start('distill');
    const second = slot.start('distill');
    expect(second).not.toBe(first);
    expect(cancelled).toEqual([first]);
    expect(slot.settle(first)).toBe(false);
    expect(slot.settle(second)).toBe(true);
  });

  it('cancel runs beforeStop, then stops the job in the worker; an empty slot does nothing', () => {
    cancelled.length = 0;
    const slot = createJobSlot();
    const order: string[] = [];
    slot.cancel(() => order.push('shown'));
    expect(order).toEqual([]);
    const jobId = slot.start('sweep');
    slot.cancel(() => order.push(`shown while ${cancelled.length} stopped`));
    expect(order).toEqual(['shown while 0 stopped']);
    expect(cancelled).toEqual([jobId]);
    expect(slot.settle(jobId)).toBe(false);
    slot.cancel(() => order.push('again'));
    expect(cancelled).toEqual([jobId]);
    expect(order).toHaveLength(1);
  });

  it('two slots do not share their job', () => {
    cancelled.length = 0;
    const a = createJobSlot();
    const b = createJobSlot();
    const jobA = a.start('measure');
    b.start('measure');
    expect(cancelled).toEqual([]);
    expect(a.settle(jobA)).toBe(true);
  });
});

describe('crashText', () => {
  it('an Error gives its message, anything else its String', () => {
    expect(crashText(new Error('worker gone'))).toBe('worker gone');
    expect(crashText(42)).toBe('42');
  });
});
