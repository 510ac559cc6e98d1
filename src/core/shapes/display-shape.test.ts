import { describe, expect, it } from 'vitest';
import { displayShape } from './display-shape';

describe('displayShape', () => {
  it('shows a rank-3 feature map as C×H×W for a channels-first model', () => {
    expect(displayShape([56, 56, 128], 'channels-first')).toEqual([128, 56, 56]);
    expect(displayShape([7, 5, 3], 'channels-first')).toEqual([3, 7, 5]);
  });

  it('leaves other ranks alone: vectors, sequences, rank 4', () => {
    expect(displayShape([1000], 'channels-first')).toEqual([1000]);
    expect(displayShape([10, 32], 'channels-first')).toEqual([10, 32]);
    expect(displayShape([2, 3, 4, 5], 'channels-first')).toEqual([2, 3, 4, 5]);
  });

  it('keeps the engine order when no layout is set, and returns a copy', () => {
    const shape = [7, 5, 3];
    const shown = displayShape(shape, undefined);
    expect(shown).toEqual([7, 5, 3]);
    expect(shown).not.toBe(shape);
  });
});
