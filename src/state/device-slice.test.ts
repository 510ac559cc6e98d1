import { beforeEach, describe, expect, it } from 'vitest';
import { initialFlopLabState, useFlopLab } from './store';

const state = () => useFlopLab.getState();

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
});

describe('custom device figures', () => {
  it('are taken within the engine range (1e-6 to 1e9)', () => {
    state().setCustomDevice({ peakGflops: 1e-6, bandwidthGBs: 1e9 });
    expect(state()).toMatchObject({ deviceId: 'custom', peakGflops: 1e-6, bandwidthGBs: 1e9, notice: null });
  });

  it('absurd figures (5e-324, 1e-300, 0, NaN, 1e10) are refused with the engine message, the device unchanged', () => {
    const before = { deviceId: state().deviceId, peakGflops: state().peakGflops, bandwidthGBs: state().bandwidthGBs };
    for (const device of [{ peakGflops: 5e-324, bandwidthGBs: 10 }, { peakGflops: 10, bandwidthGBs: 1e-300 },
      { peakGflops: 0, bandwidthGBs: 10 }, { peakGflops: Number.NaN, bandwidthGBs: 10 }, { peakGflops: 1e10, bandwidthGBs: 10 }]) {
      useFlopLab.setState({ notice: null });
      state().setCustomDevice(device);
      expect(state()).toMatchObject(before);
      expect(state().notice?.kind).toBe('error');
      expect(state().notice?.message).toMatch(/^These device figures are refused: Expected (peakGflops|bandwidthGBs) to be a positive number from 0.000001 to 1e\+9, but got /);
    }
  });
});
