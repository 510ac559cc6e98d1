import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layer, reportOf, stack } from '../test-helpers';
import { clearFormulaCache, groupDigits, productFormula, sumFormula } from './formula';

describe('formulas', () => {
  it('groups digits without locale', () => {
    expect([0, 999, 1000, 231_211_008, 15_470_264_320].map(groupDigits)).toEqual(['0', '999', '1,000', '231,211,008', '15,470,264,320']);
  });

  it('renders sums of products with notes', () => {
    const f = sumFormula([{ groups: [[['In', 100], ['Out', 10]]] }, { groups: [[['Out', 10]]], note: 'bias' }]);
    expect(f).toMatchObject({ symbolic: 'In·Out + Out (bias)', substituted: '100·10 + 10', value: 1010 });
    expect(f.latex).toBe('\\mathrm{In} \\cdot \\mathrm{Out} + \\mathrm{Out}\\;\\text{(bias)} = 100 \\cdot 10 + 10 = 1{,}010');
  });

  it('shares one frozen formula between identical figures, and tells different structures apart', () => {
    const a = productFormula([[['K', 3], ['K', 3]]]);
    expect(productFormula([[['K', 3], ['K', 3]]])).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(productFormula([[['K', 3]], [['K', 3]]]).symbolic).toBe('K × K');
    expect(productFormula([[['K', 3], ['K', 3]]], 'note').symbolic).toBe('K·K (note)');
    clearFormulaCache();
    expect(productFormula([[['K', 3], ['K', 3]]])).toEqual(a);
  });

  it('Conv2D params and MACs match an independent count for random shapes', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }), fc.boolean(),
      (h, w, cin, cout, kh, kw, s, bias) => {
        const r = reportOf(stack([h, w, cin], layer('Conv2D', 'c', {
          filters: cout, kernelSize: [kh, kw], strides: [s, s], padding: 'same', useBias: bias,
        })));
        const ho = Math.ceil(h / s);
        const wo = Math.ceil(w / s);
        expect(r.layers[1].macs).toBe(kh * kw * cin * ho * wo * cout);
        expect(r.layers[1].params).toBe(kh * kw * cin * cout + (bias ? cout : 0));
        expect(r.layers[1].flops).toBe(2 * kh * kw * cin * ho * wo * cout);
      }), { numRuns: 300 });
  });
});
