/** The device slice: which device latency is estimated for, with its peak rate and bandwidth. */
import { DEVICE_PRESETS, findDevice } from '../core/devices';
import { deviceRatesError } from '../core/latency';
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
    // The engine's range (a denormal peak makes every time Infinity, shown as "0.00 ms" or worse):
    // the inputs refuse such figures inline; a calibration or a caller that sends one is told.
    const refused = deviceRatesError({ peakGflops, bandwidthGBs });
    if (refused) {
      get().showNotice({ kind: 'error', message: `These device figures are refused: ${refused.message}` });
      return;
    }
    set({ deviceId: CUSTOM_DEVICE_ID, peakGflops, bandwidthGBs });
  },
});
