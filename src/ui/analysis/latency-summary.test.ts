import { describe, expect, it } from 'vitest';
import type { LatencyReport, LayerLatency } from '../../core/cost-types';
import { ridgePointFlopsPerByte, summarizeLatency } from './latency-summary';

const layer = (name: string, rooflineMs: number, bound: LayerLatency['bound']): LayerLatency =>
  ({ name, naiveMs: 0, computeMs: 0, memoryMs: 0, rooflineMs, bytesMoved: 0, bound });

describe('summarizeLatency', () => {
  it('weighs bounds by time, not by layer count', () => {
    const latency: LatencyReport = {
      naiveMs: 2, rooflineMs: 10,
      layers: [layer('a', 6, 'compute'), layer('b', 1, 'memory'), layer('c', 3, 'memory'), layer('in', 0, 'none')],
    };
    expect(summarizeLatency(latency)).toEqual({
      naiveMs: 2, rooflineMs: 10, computeBoundLayers: 1, memoryBoundLayers: 2,
      memoryBoundMs: 4, computeBoundMs: 6, dominant: 'compute', rooflineOverNaive: 5,
    });
  });

  it('says none for a model without cost', () => {
    expect(summarizeLatency({ naiveMs: 0, rooflineMs: 0, layers: [] })).toMatchObject({ dominant: 'none', rooflineOverNaive: null });
  });
});

describe('ridgePointFlopsPerByte', () => {
  it('is peak over bandwidth: Raspberry Pi 4, 48 GFLOPS ÷ 12.8 GB/s = 3.75 FLOPs/byte', () => {
    expect(ridgePointFlopsPerByte(48, 12.8)).toBeCloseTo(3.75, 12);
  });
});
