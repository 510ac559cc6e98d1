/** The device slice: which device latency is estimated for, with its peak rate and bandwidth. */
import { DEVICE_PRESETS, findDevice } from '../core/devices';
import type { DeviceSlice, SliceCreator } from './store-types';

export const CUSTOM_DEVICE_ID = 'custom';

/** The device a fresh page estimates for: the first preset the engine lists. */
export function defaultDevice(): { deviceId: string; peakGflops: number; bandwidthGBs: number } {
  const device = DEVICE_PRESETS[0];
  return { deviceId: device.id, peakGflops: device.peakGflops, bandwidthGBs: device.bandwidthGBs };
}

export const createDeviceSlice: SliceCreator<DeviceSlice> = (set, get) => ({
  ...defaultDevice(),
  setDevice(id) {
    if (id === CUSTOM_DEVICE_ID) {
      set({ deviceId: CUSTOM_DEVICE_ID });
      return;
    }
    const device = findDevice(id);
    if (!device) {
      get().showNotice({ kind: 'error', message: `There is no device called '${id}'.` });
      return;
    }
    set({ deviceId: device.id, peakGflops: device.peakGflops, bandwidthGBs: device.bandwidthGBs });
  },
  setCustomDevice({ peakGflops, bandwidthGBs }) {
    // A rate must be positive to divide by; the inputs refuse others, this keeps the store sane.
    if (!(peakGflops > 0) || !(bandwidthGBs > 0) || !Number.isFinite(peakGflops) || !Number.isFinite(bandwidthGBs)) return;
    set({ deviceId: CUSTOM_DEVICE_ID, peakGflops, bandwidthGBs });
  },
});
