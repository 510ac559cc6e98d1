import { describe, expect, it } from 'vitest';
import { againstLocation } from './location-url';

describe('againstLocation', () => {
  it('resolves against http://localhost/ where there is no location (Node)', () => {
    expect(againstLocation('/data/digits.bin').href).toBe('http://localhost/data/digits.bin');
    expect(againstLocation('models/a/model.json').href).toBe('http://localhost/models/a/model.json');
  });

  it('resolves against the location when there is one', () => {
    const g = globalThis as { location?: { href: string } };
    const before = g.location;
    g.location = { href: 'http://example.test/floplab/assets/worker.js' };
    try {
      expect(againstLocation('/floplab/data/digits.bin').href).toBe('http://example.test/floplab/data/digits.bin');
      expect(againstLocation('../models/m.json').href).toBe('http://example.test/floplab/models/m.json');
    } finally {
      g.location = before;
      if (before === undefined) delete g.location;
    }
  });
});
