import { describe, expect, it } from 'vitest';
import type { LatencyReport } from '../../core/cost-types';
import { buildLayerRows, DEFAULT_SORT, nextSort, sortLayerRows } from './layer-rows';
import { normalReport } from './test-fixtures';

const latency: LatencyReport = {
  naiveMs: 1, rooflineMs: 4,
  layers: [
    { name: 'input', naiveMs: 0, computeMs: 0, memoryMs: 0, rooflineMs: 0, bytesMoved: 0, bound: 'none' },
    { name: 'conv2', naiveMs: 0.9, computeMs: 0.9, memoryMs: 2.5, rooflineMs: 2.5, bytesMoved: 10, bound: 'memory' },
    { name: 'gap', naiveMs: 0.05, computeMs: 0.05, memoryMs: 1, rooflineMs: 1, bytesMoved: 5, bound: 'memory' },
    { name: 'dense', naiveMs: 0.05, computeMs: 0.5, memoryMs: 0.1, rooflineMs: 0.5, bytesMoved: 1, bound: 'compute' },
  ],
};

describe('buildLayerRows', () => {
  it('joins costs with latency by name and computes memory and latency share', () => {
    const rows = buildLayerRows(normalReport, latency);
    expect(rows[1]).toMatchObject({
      index: 1, name: 'conv2', macs: 231_211_008, memoryBytes: 73_856 * 4 + 1_605_632,
      latencyShare: 2.5 / 4, bound: 'memory',
    });
    expect(rows[3]).toMatchObject({ latencyShare: 0.5 / 4, bound: 'compute' });
  });

  it('leaves latency columns empty without a latency report', () => {
    expect(buildLayerRows(normalReport, null)[1]).toMatchObject({ latencyShare: null, bound: null, rooflineMs: null });
  });
});

describe('sortLayerRows', () => {
  const rows = buildLayerRows(normalReport, latency);
  const names = (key: Parameters<typeof sortLayerRows>[1]['key'], direction: 'ascending' | 'descending', metric: 'macs' | 'flops' = 'macs') =>
    sortLayerRows(rows, { key, direction }, metric).map((r) => r.name);

  it('sorts by the chosen metric: MACs put GAP with the zero-MAC input, FLOPs above Dense', () => {
    expect(names('ops', 'descending', 'macs')).toEqual(['conv2', 'dense', 'input', 'gap']);
    expect(names('ops', 'descending', 'flops')).toEqual(['conv2', 'gap', 'dense', 'input']);
  });

  it('keeps execution order for ties and sorts shapes by element count', () => {
    expect(names('params', 'ascending')).toEqual(['input', 'gap', 'dense', 'conv2']);
    expect(names('outputShape', 'descending')).toEqual(['conv2', 'input', 'gap', 'dense']);
  });

  it('does not mutate its input', () => {
    const before = rows.map((r) => r.name);
    sortLayerRows(rows, { key: 'name', direction: 'descending' }, 'macs');
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});

describe('nextSort', () => {
  it('starts figures descending, text ascending, and flips on a second click', () => {
    expect(nextSort(DEFAULT_SORT, 'params')).toEqual({ key: 'params', direction: 'descending' });
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'params', direction: 'descending' }, 'params')).toEqual({ key: 'params', direction: 'ascending' });
  });
});
