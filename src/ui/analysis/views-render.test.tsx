/**
 * The components render what the contract promises (server-rendered in node: no DOM needed):
 * exact data-value on every total, sort state on headers, error rows, device options.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEVICE_PRESETS } from '../../core/devices';
import { CompareView } from './compare-view';
import { CostCharts } from './cost-charts';
import { DevicePicker } from './device-picker';
import { FormulaView, loadKatex } from './formula-view';
import { LayerTable } from './layer-table';
import { normalGraph, normalReport, separableGraph, separableReport } from './test-fixtures';
import { TotalsBar } from './totals-bar';

const noop = () => {};
const latency = { naiveMs: 1.5, rooflineMs: 2.25, layers: [] };

describe('TotalsBar', () => {
  it('puts the exact totals in data-value and the roofline total on latency-estimate-ms', () => {
    const html = renderToStaticMarkup(<TotalsBar report={normalReport} latency={latency} stale={false} />);
    expect(html).toContain('data-testid="total-params" data-value="75146"');
    expect(html).toContain('data-testid="total-macs" data-value="231212288"');
    expect(html).toContain('data-testid="total-flops" data-value="462825984"');
    expect(html).toContain('data-testid="total-weight-bytes" data-value="300584"');
    expect(html).toContain('data-testid="total-peak-activation-bytes" data-value="2408448"');
    expect(html).toContain('data-testid="latency-estimate-ms" data-value="2.25"');
    expect(html).not.toContain('last valid model');
  });

  it('says whether an analysis is pending with aria-busy, so readers wait for the settled figures', () => {
    expect(renderToStaticMarkup(<TotalsBar report={normalReport} latency={latency} stale={false} pending />)).toContain('aria-busy="true"');
    expect(renderToStaticMarkup(<TotalsBar report={normalReport} latency={latency} stale={false} pending={false} />)).toContain('aria-busy="false"');
  });

  it('says when the figures are the last valid model, and has no data-value without a report', () => {
    expect(renderToStaticMarkup(<TotalsBar report={normalReport} latency={null} stale />)).toContain('Showing the last valid model');
    expect(renderToStaticMarkup(<TotalsBar report={null} latency={null} stale={false} />)).not.toContain('data-value');
  });

  it('names the device of the latency estimate, and an empty model shows its hint, not a stale warning', () => {
    const withDevice = renderToStaticMarkup(<TotalsBar report={normalReport} latency={latency} stale={false} deviceName="Raspberry Pi 4 (Cortex-A72 CPU)" />);
    expect(withDevice).toContain('on Raspberry Pi 4<');
    const empty = renderToStaticMarkup(<TotalsBar report={null} latency={null} stale emptyHint="Add an Input layer to start" />);
    expect(empty).toContain('Add an Input layer to start');
    expect(empty).not.toContain('last valid model');
  });
});

describe('LayerTable', () => {
  const render = (errorsByLayer: Record<string, string> = {}) => renderToStaticMarkup(
    <LayerTable
      report={normalReport} latency={null} metric="macs" onMetricChange={noop} convention="default"
      onConventionChange={noop} selectedLayer="gap" onSelectLayer={noop} errorsByLayer={errorsByLayer}
    />,
  );

  it('renders one row per layer in execution order, sorted by # ascending, with the selection marked', () => {
    const html = render();
    expect([...html.matchAll(/data-layer="([^"]+)"/g)].map((m) => m[1])).toEqual(['input', 'conv2', 'gap', 'dense']);
    expect(html).toMatch(/aria-sort="ascending"[^>]*>.*?#/);
    expect(html).toMatch(/aria-current="true"[^>]*data-layer="gap"/);
    expect(html).toContain('aria-label="MACs of conv2: 231,211,008. Show formula"');
  });

  it('marks a broken layer with the engine message', () => {
    const html = render({ conv2: "Layer 'conv2': Expected kernelSize to be at most 5×5, but got 7×7" });
    expect(html).toContain("Expected kernelSize to be at most 5×5, but got 7×7");
    expect(html).toContain('1 layer has an error');
  });
});

describe('FormulaView', () => {
  it('shows KaTeX and the plain formula, and each part of a sum', async () => {
    // KaTeX is loaded on first use; once it is here, formulas draw with it at once.
    await loadKatex();
    const html = renderToStaticMarkup(<FormulaView label="MACs of conv2" formula={{
      symbolic: 'K·K·Cin × Hout·Wout·Cout', substituted: '3·3·64 × 56·56·128',
      latex: 'K \\cdot K \\cdot C_{in} = 231{,}211{,}008', value: 231_211_008,
      parts: [{ label: 'depthwise', formula: { symbolic: 'a', substituted: '1', latex: 'a', value: 1 } }],
    }} />);
    expect(html).toContain('class="katex');
    expect(html).toContain('K·K·Cin × Hout·Wout·Cout = 3·3·64 × 56·56·128 = 231,211,008');
    expect(html).toContain('depthwise');
  });
});

describe('DevicePicker', () => {
  it('lists every preset and Custom, and shows the chosen preset’s sources', () => {
    const device = DEVICE_PRESETS[0];
    const html = renderToStaticMarkup(
      <DevicePicker deviceId={device.id} peakGflops={device.peakGflops} bandwidthGBs={device.bandwidthGBs} onDeviceChange={noop} onCustomChange={noop} />,
    );
    for (const d of DEVICE_PRESETS) expect(html).toContain(`value="${d.id}"`);
    expect(html).toContain('value="custom"');
    expect(html).toContain('>Peak GFLOPS</label>');
    expect(html).toContain('>Memory bandwidth (GB/s)</label>');
    expect(html).toContain(device.peakSource.replace(/"/g, '&quot;').slice(0, 30));
  });
});

describe('CompareView', () => {
  it('shows the worked swap with 1/128 + 1/9 and the total delta', () => {
    const html = renderToStaticMarkup(
      <CompareView a={{ graph: normalGraph, report: normalReport }} b={{ graph: separableGraph, report: separableReport }} />,
    );
    expect(html).toContain('data-testid="compare-macs" data-a="231212288" data-b="27497728" data-delta="-203714560"');
    expect(html).toContain('1/Cout + 1/K² = 1/128 + 1/9 = 0.119');
    expect(html).toContain('depthwise 1,806,336 + pointwise 25,690,112');
  });
});

describe('CostCharts', () => {
  it('titles each chart after the metric and writes the type shares as text', () => {
    const html = renderToStaticMarkup(<CostCharts report={normalReport} latency={null} metric="flops" />);
    expect(html).toContain('FLOPs per layer');
    expect(html).toContain('Parameters per layer');
    expect(html).toContain('Share by layer type');
    expect(html).toContain('Choose a device to estimate latency.');
    // Shares are text beside the pie, not only colours.
    expect(html).toContain('99.9%');
  });
});
