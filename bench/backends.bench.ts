/**
 * tfjs backends in Node: wasm (XNNPACK, SIMD) against cpu for a measurement and a fidelity pass.
 * src/tf/backend.ts picks wasm for inference on these figures. The browser's figures (with
 * software WebGL) come from bench/backends-browser.mjs. Run: `npm run bench -- backends`.
 */
import { compareBackends, printRows } from './backends-core';

export default async function backendsBench(): Promise<void> {
  printRows(await compareBackends({
    backends: ['wasm', 'cpu'], presets: ['lenet-5', 'mobilenet-v1'], runs: 3,
    // cpu's MobileNetV1 fidelity pass alone takes ~100 s here: timed on wasm only.
    fidelityFor: (backend, presetId) => backend === 'wasm' || presetId === 'lenet-5',
  }));
}
