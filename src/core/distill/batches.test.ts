import { describe, expect, it } from 'vitest';
import { BatchStream } from './batches';

describe('BatchStream', () => {
  it('each pass visits every index once, in a seeded order, and batches are full', () => {
    const indices = Uint32Array.from({ length: 10 }, (_, i) => 100 + i);
    const stream = new BatchStream(indices, 4, 7);
    const drawn = [stream.next(), stream.next(), stream.next(), stream.next(), stream.next()].flatMap((b) => Array.from(b));
    expect(drawn).toHaveLength(20);
    expect([...drawn.slice(0, 10)].sort()).toEqual(Array.from(indices));
    expect([...drawn.slice(10, 20)].sort()).toEqual(Array.from(indices));
    expect(drawn.slice(0, 10)).not.toEqual(drawn.slice(10, 20)); // reshuffled each pass
    const again = new BatchStream(indices, 4, 7);
    expect(Array.from(again.next())).toEqual(drawn.slice(0, 4));
    expect(Array.from(new BatchStream(indices, 4, 8).next())).not.toEqual(drawn.slice(0, 4));
  });

  it('a batch larger than the set repeats digits across passes', () => {
    const b = new BatchStream(Uint32Array.of(5, 6), 5, 1).next();
    expect(Array.from(b).filter((v) => v === 5).length + Array.from(b).filter((v) => v === 6).length).toBe(5);
  });
});
