/** Totals past 2^53 that the engine marks approximate show "≈"; exact ones do not. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { reportOf, stack, layer } from '../../core/test-helpers';
import { TotalsBar } from './totals-bar';

/** Three Conv2D branches of 3,999,996,999,000,000 MACs each and a Dense of 444,444,111: past 2^53, odd. */
const huge = reportOf(stack([667, 667, 999],
  ...[0, 1, 2].map((i) => layer('Conv2D', `c${i}`, { filters: 1_000_000, padding: 'same', inputs: ['input'] })),
  layer('Dense', 'd', { units: 1, inputs: ['input'] })));

/** The visible text of the MACs total (tags stripped). */
const macsText = (html: string): string =>
  (/data-testid="total-macs"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? '').replace(/<[^>]*>/g, '').trim();

describe('approximate totals', () => {
  it('marks an inexact total with ≈ and leaves small exact ones plain', () => {
    expect(huge.totals.approximate).toBe(true);
    const html = renderToStaticMarkup(<TotalsBar report={huge} latency={null} stale={false} />);
    expect(macsText(html).startsWith('≈ ')).toBe(true);
    const small = reportOf(stack([4], layer('Dense', 'd')));
    expect(macsText(renderToStaticMarkup(<TotalsBar report={small} latency={null} stale={false} />))).not.toContain('≈');
  });
});
