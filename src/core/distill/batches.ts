/**
 * Endless seeded batches over a set of indices, for the distillation loop: the labelled digits
 * (N of them) and the transfer digits (8,000) pass at different rates, so each stream reshuffles
 * on its own when it runs out. Every batch is full: a batch that crosses the end of a pass takes
 * the rest from the next pass's shuffle (so with N < batch size a digit may appear twice).
 */
import { seededPermutation } from '../digits/split';

export class BatchStream {
  private order: Uint32Array = new Uint32Array(0);
  private position = 0;
  private pass = 0;

  /** `indices`: the digits to draw from (not empty); `seed`: pass p is shuffled with seed·1000 + p. */
  constructor(private readonly indices: Uint32Array, private readonly batchSize: number, private readonly seed: number) {
    if (indices.length === 0) throw new Error('BatchStream needs at least one index');
  }

  /** The next `batchSize` digit indices. */
  next(): Int32Array {
    const out = new Int32Array(this.batchSize);
    for (let i = 0; i < out.length; i++) {
      if (this.position >= this.order.length) {
        this.pass += 1;
        this.order = seededPermutation(this.indices.length, this.seed * 1000 + this.pass);
        this.position = 0;
      }
      out[i] = this.indices[this.order[this.position++]];
    }
    return out;
  }
}
