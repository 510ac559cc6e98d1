/**
 * The per-layer table draws only the rows near its view (server-rendered: the virtualiser's
 * initial 800 px box), keeps one tab stop, and says how many rows there are in all.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CostReport } from '../../core/cost-types';
import { LayerTable } from './layer-table';
import { normalReport } from './test-fixtures';

const noop = () => {};

/** normalReport's conv layer repeated `n` times under new names. */
function longReport(n: number): CostReport {
  const conv = normalReport.layers[1];
  return { ...normalReport, layers: Array.from({ length: n }, (_, i) => ({ ...conv, name: `conv_${i}` })) };
}

const render = (report: CostReport, selectedLayer: string | null) => renderToStaticMarkup(
  <LayerTable report={report} latency={null} metric="macs" onMetricChange={noop} convention="default"
    onConventionChange={noop} selectedLayer={selectedLayer} onSelectLayer={noop} errorsByLayer={{}} />,
);

describe('LayerTable virtualised', () => {
  it('draws the first rows of a 1,000-layer model, not all, and counts them all in aria-rowcount', () => {
    const html = render(longReport(1000), null);
    const drawn = [...html.matchAll(/<tr[^>]*data-layer="([^"]+)"/g)].map((m) => m[1]);
    // 800 px at 41 px a row is 20 rows, plus 12 drawn ahead.
    expect(drawn.length).toBeGreaterThanOrEqual(20);
    expect(drawn.length).toBeLessThanOrEqual(40);
    expect(drawn.slice(0, 3)).toEqual(['conv_0', 'conv_1', 'conv_2']);
    expect(html).toContain('aria-rowcount="1001"');
    // The rows not drawn are stood for by one spacer: (1000 − drawn) × 41 px.
    expect(html).toContain(`height:${(1000 - drawn.length) * 41}px`);
  });

  it('has one tab stop: the selected row, else the first', () => {
    const selected = render(normalReport, 'gap');
    expect(selected.match(/tabindex="0"/g)).toHaveLength(2); // the scroll box and one row
    expect(selected).toMatch(/data-cell="name" tabindex="0"[^>]*>gap</);
    const none = render(normalReport, null);
    expect(none).toMatch(/data-cell="name" tabindex="0"[^>]*>input</);
  });
});
