/**
 * The wasm backend's binaries as files of this app (Vite copies them into the build and gives
 * their same-origin URLs), so the worker never fetches code from a CDN and the CSP can stay
 * 'self'. Passed to tf/backend.ts, which stays free of Vite-only syntax (it also runs in Node).
 */
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { WasmFileUrls } from '../tf/backend';

export const WASM_URLS: WasmFileUrls = {
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
};
