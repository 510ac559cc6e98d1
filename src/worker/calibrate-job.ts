/** "Calibrate this browser": measured matmul GFLOPS and elementwise-add bandwidth on the chosen backend. */
import { selectBackend } from '../tf/backend';
import { calibrate } from '../tf/measure';
import type { CalibrateResult, JobCancelled, ProgressCallback } from './api';
import { CANCELLED } from './jobs';
import { WASM_URLS } from './wasm-urls';

export async function calibrateBrowser(signal: AbortSignal, onProgress?: ProgressCallback): Promise<CalibrateResult | JobCancelled> {
  onProgress?.({ fraction: 0, message: 'Starting TensorFlow.js…' });
  const backend = await selectBackend('inference', { wasmUrls: WASM_URLS });
  const measured = await calibrate({
    signal,
    onProgress: (fraction) => onProgress?.({
      fraction,
      message: fraction <= 0.5 ? `Timing matrix multiplies (${backend})…` : `Timing a large elementwise add (${backend})…`,
    }),
  });
  if (measured === null) return CANCELLED;
  return { status: 'done', cancelled: false, ...measured };
}
