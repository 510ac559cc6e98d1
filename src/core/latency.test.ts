import { describe, expect, it } from 'vitest';
import { DEVICE_PRESETS, findDevice } from './devices';
import { bytesMoved, estimateLatency, type DeviceRates } from './latency';
import { layer, reportOf, stack } from './test-helpers';

describe('estimateLatency', () => {
  const vggFc = reportOf(stack([25_088], layer('Dense', 'fc', { units: 4096 })));

  it('naive time is FLOPs / peak FLOPS', () => {
    const l = estimateLatency(vggFc, { peakGflops: 1000, bandwidthGBs: 100 });
    expect(l.naiveMs).toBeCloseTo(205_520_896 / 1e12 * 1e3, 12); // 0.2055 ms
  });

  it('roofline takes the slower of compute and memory per layer; a big Dense is memory-bound', () => {
    const l = estimateLatency(vggFc, { peakGflops: 1000, bandwidthGBs: 100 });
    const fc = l.layers[1];
    // weights 102,764,544 × 4 + input 25,088 × 4 + output 4,096 × 4 = 411,174,912 B
    expect(fc.bytesMoved).toBe(411_174_912);
    expect(fc.memoryMs).toBeCloseTo(4.11174912, 10);
    expect(fc.computeMs).toBeCloseTo(0.205520896, 10);
    expect(fc.bound).toBe('memory');
    expect(fc.rooflineMs).toBe(fc.memoryMs);
    expect(l.layers[0]).toMatchObject({ bound: 'none', bytesMoved: 0, rooflineMs: 0 });
    expect(l.rooflineMs).toBeCloseTo(4.11174912, 10);
  });

  it('a 3×3 convolution on a fast-memory device is compute-bound', () => {
    const r = reportOf(stack([56, 56, 64], layer('Conv2D', 'c', { filters: 128, padding: 'same' })));
    const l = estimateLatency(r, { peakGflops: 100, bandwidthGBs: 100 });
    expect(l.layers[1].bound).toBe('compute');
    expect(bytesMoved(r.layers[1])).toBe((3 * 3 * 64 * 128 + 128) * 4 + 56 * 56 * 64 * 4 + 56 * 56 * 128 * 4);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 5e-324, 1e-9, 1e308])('refuses a peak of %s without NaN or Infinity', (peak) => {
    const l = estimateLatency(vggFc, { peakGflops: peak, bandwidthGBs: 100 });
    expect(l.error).toMatchObject({ code: 'invalid-value', field: 'peakGflops' });
    expect([l.naiveMs, l.rooflineMs]).toEqual([0, 0]);
    expect(estimateLatency(vggFc, { peakGflops: 10, bandwidthGBs: peak }).error?.field).toBe('bandwidthGBs');
  });

  it('refuses a missing device or string figures as values', () => {
    expect(estimateLatency(vggFc, null as unknown as DeviceRates).error?.field).toBe('peakGflops');
    expect(estimateLatency(vggFc, { peakGflops: '10', bandwidthGBs: 1 } as unknown as DeviceRates).error?.field).toBe('peakGflops');
  });

  it('accepts the ends of the range: 1e-6 GFLOPS and 1e9 GFLOPS', () => {
    const slow = estimateLatency(vggFc, { peakGflops: 1e-6, bandwidthGBs: 1e-6 });
    expect(slow.error).toBeUndefined();
    expect(slow.naiveMs).toBeCloseTo(205_520_896, 0); // 205,520,896 FLOPs at 1,000 FLOP/s = 205,520.896 s
    expect(estimateLatency(vggFc, { peakGflops: 1e9, bandwidthGBs: 1e9 }).error).toBeUndefined();
  });
});

describe('DEVICE_PRESETS', () => {
  it('has the required devices, each with positive figures and their sources', () => {
    const ids = DEVICE_PRESETS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['raspberry-pi-4', 'raspberry-pi-5', 'apple-m2-gpu', 'jetson-orin-nano', 'rtx-4090', 'a100', 'h100']) {
      expect(findDevice(id)).toBeDefined();
    }
    for (const d of DEVICE_PRESETS) {
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.peakGflops).toBeGreaterThan(0);
      expect(d.bandwidthGBs).toBeGreaterThan(0);
      expect(d.peakSource.length).toBeGreaterThan(10);
      expect(d.bandwidthSource.length).toBeGreaterThan(10);
    }
    expect(findDevice('nope')).toBeUndefined();
  });

  it('derived peaks agree with their stated arithmetic', () => {
    expect(findDevice('raspberry-pi-4')?.peakGflops).toBe(4 * 1.5 * 8);
    expect(findDevice('raspberry-pi-5')?.peakGflops).toBeCloseTo(4 * 2.4 * 16, 9);
    expect(findDevice('jetson-orin-nano')?.peakGflops).toBe(1024 * 0.625 * 2);
  });
});
