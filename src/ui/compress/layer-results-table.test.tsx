/** A compressed model with thousands of kernels draws only the result rows near the view. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LayerCompression } from '../../core/compress/types';
import { LayerResultsTable } from './layer-results-table';

function result(i: number): LayerCompression {
  return {
    name: `conv_${i}`, tensor: `conv_${i}/kernel`, params: 9, sparsity: 0.5, clusters: null, bits: 32,
    mse: 0, sqnrDb: Infinity, bytesBefore: 36, bytesAfter: 20, format: 'bitmask',
    histogramBefore: { edges: [], counts: [] }, histogramAfter: { edges: [], counts: [] },
  } as unknown as LayerCompression;
}

describe('LayerResultsTable', () => {
  it('draws the first rows of 5,000 kernels, not all, in order, in a focusable scroll box', () => {
    const html = renderToStaticMarkup(<LayerResultsTable perLayer={Array.from({ length: 5000 }, (_, i) => result(i))} />);
    const drawn = [...html.matchAll(/font-normal">(conv_\d+)</g)].map((m) => m[1]);
    // 600 px at 29 px a row: 21 rows, plus 10 drawn ahead.
    expect(drawn.length).toBeGreaterThanOrEqual(20);
    expect(drawn.length).toBeLessThanOrEqual(40);
    expect(drawn.slice(0, 2)).toEqual(['conv_0', 'conv_1']);
    expect(html).toMatch(/tabindex="0" role="region" aria-label="Per-layer results table \(scrolls\)"/);
  });
});
