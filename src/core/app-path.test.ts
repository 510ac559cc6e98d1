import { describe, expect, it } from 'vitest';
import { appPath } from './app-path';

describe('appPath', () => {
  it('puts the path under the base (vitest, like Vite, runs with base /)', () => {
    expect(appPath('data/digits.bin')).toBe('/data/digits.bin');
    expect(appPath('models/lenet-5/model.json')).toBe('/models/lenet-5/model.json');
  });
});
