import { describe, expect, it } from 'vitest';
import type { LatencyReport } from '../../core/cost-types';
import { latencyBars, layerBars, OTHER_TYPES, shareByType } from './chart-data';
import { layerCost, normalReport } from './test-fixtures';

describe('layerBars', () => {
  it('drops zero layers and keeps execution order under the limit', () => {
    const series = layerBars(normalReport.layers.map((l) => ({ name: l.name, value: l.macs })));
    expect(series.bars).toEqual([{ name: 'conv2', value: 231_211_008 }, { name: 'dense', value: 1_280 }]);
    expect(series).toMatchObject({ nonZeroCount: 2, leftOut: null });
  });

  it('keeps the largest layers in order and sums the rest beside the chart beyond the limit', () => {
    const items = [5, 1, 9, 2, 7].map((value, i) => ({ name: `l${i}`, value }));
    const series = layerBars(items, { maxBars: 3, keepLargest: 2, showAll: false });
    expect(series.bars).toEqual([{ name: 'l2', value: 9 }, { name: 'l4', value: 7 }]);
    expect(series.leftOut).toEqual({ count: 3, total: 8 });
    expect(layerBars(items, { maxBars: 3, keepLargest: 2, showAll: true }).bars).toHaveLength(5);
  });
});

describe('latencyBars', () => {
  it('keeps the layers with the largest roofline time and sums both estimates of the rest', () => {
    const latency: LatencyReport = {
      naiveMs: 0, rooflineMs: 0,
      layers: [0, 3, 1, 2].map((ms, i) => ({
        name: `l${i}`, naiveMs: ms / 2, computeMs: ms / 2, memoryMs: ms, rooflineMs: ms, bytesMoved: 0, bound: 'memory' as const,
      })),
    };
    const series = latencyBars(latency, { maxBars: 2, keepLargest: 1, showAll: false });
    expect(series.bars).toEqual([{ name: 'l1', naiveMs: 1.5, rooflineMs: 3, bound: 'memory' }]);
    expect(series.leftOut).toEqual({ count: 2, total: { naiveMs: 1.5, rooflineMs: 3 } });
  });
});

describe('shareByType', () => {
  it('sums per type, largest first, with fractions of the total', () => {
    const shares = shareByType(normalReport, (l) => l.flops);
    expect(shares.map((s) => s.type)).toEqual(['Conv2D', 'GlobalAveragePooling2D', 'Dense']);
    expect(shares[0].fraction).toBeCloseTo(462_422_016 / 462_825_984, 12);
    expect(shares.reduce((s, x) => s + x.fraction, 0)).toBeCloseTo(1, 12);
  });

  it('puts the smallest types into "Other types" beyond the slice limit', () => {
    const report = {
      ...normalReport,
      layers: ['Conv2D', 'Dense', 'MaxPooling2D', 'Add'].map((type, i) =>
        layerCost({ name: `l${i}`, type: type as 'Conv2D', flops: 10 - i })),
    };
    const shares = shareByType(report, (l) => l.flops, 3);
    expect(shares).toEqual([
      { type: 'Conv2D', value: 10, fraction: 10 / 34 },
      { type: 'Dense', value: 9, fraction: 9 / 34 },
      { type: OTHER_TYPES, value: 15, fraction: 15 / 34 },
    ]);
  });

  it('is empty when everything is zero', () => {
    expect(shareByType(normalReport, () => 0)).toEqual([]);
  });
});
