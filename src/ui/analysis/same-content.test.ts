import { describe, expect, it } from 'vitest';
import { sameFields, sameRows } from './same-content';

describe('sameRows', () => {
  it('is true for equal content in new arrays', () => {
    expect(sameRows([{ name: 'a', value: 1 }], [{ name: 'a', value: 1 }])).toBe(true);
  });
  it('is false when a value, the length or the order differs', () => {
    expect(sameRows([{ name: 'a', value: 1 }], [{ name: 'a', value: 2 }])).toBe(false);
    expect(sameRows([{ name: 'a', value: 1 }], [])).toBe(false);
    expect(sameRows([{ name: 'a', value: 1 }, { name: 'b', value: 1 }], [{ name: 'b', value: 1 }, { name: 'a', value: 1 }])).toBe(false);
  });
});

describe('sameFields', () => {
  it('compares arrays of primitives element-wise', () => {
    expect(sameFields({ shape: [1, 2] }, { shape: [1, 2] })).toBe(true);
    expect(sameFields({ shape: [1, 2] }, { shape: [1, 3] })).toBe(false);
  });
  it('is false when keys differ', () => {
    expect(sameFields({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameFields({ a: undefined }, { b: undefined })).toBe(false);
  });
});
