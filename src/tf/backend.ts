/**
 * The one place that picks the TensorFlow.js backend. `selectBackend(purpose, options)` switches
 * tfjs to the fastest backend that has every kernel the purpose needs, and returns its name:
 *
 * 1. 'webgl' — only on a real GPU (a software renderer such as SwiftShader or llvmpipe is slower
 *    than wasm); in a worker only where OffscreenCanvas exists. Never in Node.
 * 2. 'wasm' (XNNPACK, SIMD where the engine has it) — for inference, and for training when every
 *    layer of `options.graph` has its gradient kernels in wasm (dense-style models: the wasm
 *    backend lacks Conv2DBackpropFilter and the depthwise gradients).
 * 3. 'cpu' — always works.
 *
 * A backend that fails to start is skipped. The wasm backend's code is loaded only when it is
 * chosen. In the browser its .wasm files must be served by the app itself: the caller passes
 * their URLs (`wasmUrls`, from Vite `?url` imports in src/worker); in Node the backend finds
 * them in node_modules/@tensorflow/tfjs-backend-wasm/dist by itself.
 *
 * The choice is global to tfjs (one backend at a time per thread): build models after calling
 * this, and call it again before every job, as jobs may want different backends.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, ModelGraph } from '../core/model';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
/** 'inference': predict only. 'training': gradients too (fit, custom training loops). */
export type BackendPurpose = 'inference' | 'training';

/**
 * URLs of the wasm backend's binaries, keyed by the file names tfjs asks for. The threaded build
 * is never used (it needs cross-origin isolation and a blob: worker, which the CSP forbids).
 */
export interface WasmFileUrls {
  'tfjs-backend-wasm.wasm': string;
  'tfjs-backend-wasm-simd.wasm': string;
}

export interface SelectBackendOptions {
  /** The model to train ('training'): wasm is used only when it can compute all its gradients. */
  graph?: ModelGraph;
  /** Browser: where the wasm binaries are (same origin). Ignored in Node. */
  wasmUrls?: WasmFileUrls;
  /** Try this backend first (benchmarks, tests); the usual order follows if it cannot start. */
  prefer?: BackendName;
}

/**
 * Layer types whose forward and backward kernels all exist in the wasm backend (tfjs 4.22).
 * Convolutions are missing: wasm has no Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter
 * or DepthwiseConv2dNativeBackpropInput.
 */
const WASM_TRAINABLE_TYPES: ReadonlySet<LayerSpec['type']> = new Set<LayerSpec['type']>([
  'InputLayer', 'Dense', 'Flatten', 'Reshape', 'Dropout', 'Activation', 'ReLU', 'LeakyReLU', 'Softmax',
  'BatchNormalization', 'Add', 'Concatenate', 'MaxPooling2D', 'AveragePooling2D',
  'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'ZeroPadding2D',
]);

/** True when the wasm backend can train every layer of `graph`. */
export function wasmCanTrain(graph: ModelGraph): boolean {
  return graph.layers.every((layer) => WASM_TRAINABLE_TYPES.has(layer.type));
}

/** Renderer strings of WebGL implemented on the CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

/** True when `renderer` (WEBGL_debug_renderer_info's) names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' && typeof (globalThis as { document?: unknown }).document === 'undefined'
    && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';
}

/**
 * The WebGL renderer's name in this thread, or null when there is no WebGL here (Node, a worker
 * without OffscreenCanvas, WebGL disabled).
 */
export function webglRenderer(): string | null {
  if (isNode()) return null;
  let canvas: OffscreenCanvas | HTMLCanvasElement;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  else return null;
  try {
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

let hardwareWebgl: boolean | null = null;

function hasHardwareWebgl(): boolean {
  if (hardwareWebgl === null) {
    const renderer = webglRenderer();
    hardwareWebgl = renderer !== null && !isSoftwareRenderer(renderer);
  }
  return hardwareWebgl;
}

/** The backends to try for `purpose`, fastest first (always ending with 'cpu'). */
export function backendOrder(purpose: BackendPurpose, options: SelectBackendOptions, webglIsHardware: boolean): BackendName[] {
  const order: BackendName[] = [];
  if (options.prefer) order.push(options.prefer);
  if (webglIsHardware) order.push('webgl');
  if (purpose === 'inference' || (options.graph !== undefined && wasmCanTrain(options.graph))) order.push('wasm');
  order.push('cpu');
  return [...new Set(order)];
}

let wasmLoaded: Promise<void> | null = null;

/** Loads and registers the wasm backend (once); in the browser it fetches the binaries from `urls`. */
function loadWasm(urls: WasmFileUrls | undefined): Promise<void> {
  wasmLoaded ??= import('@tensorflow/tfjs-backend-wasm').then((wasm) => {
    // Single-threaded: the threaded build spawns blob: workers (blocked by our CSP).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!isNode()) {
      if (!urls) throw new Error('the wasm backend needs the URLs of its .wasm files in the browser');
      // tfjs wants an entry for every binary; the threaded one is never loaded (threads are off).
      wasm.setWasmPaths({ ...urls, 'tfjs-backend-wasm-threaded-simd.wasm': urls['tfjs-backend-wasm-simd.wasm'] });
    }
  });
  return wasmLoaded;
}

async function start(name: BackendName, options: SelectBackendOptions): Promise<boolean> {
  if (name === 'wasm') await loadWasm(options.wasmUrls);
  if (!tf.findBackendFactory(name)) return false;
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  // A tiny op: a backend that initialised but cannot run (a lost WebGL context) fails here.
  const probe = tf.tidy(() => tf.add(tf.ones([4]), tf.ones([4])));
  try { await probe.data(); } finally { probe.dispose(); }
  return true;
}

const broken = new Set<BackendName>();

/**
 * Switches tfjs to the fastest backend that can do `purpose` here and returns its name. Never
 * rejects: 'cpu' is the last resort. Example: `await selectBackend('training', { graph })`.
 */
export async function selectBackend(purpose: BackendPurpose, options: SelectBackendOptions = {}): Promise<BackendName> {
  const order = backendOrder(purpose, options, !isNode() && hasHardwareWebgl());
  for (const name of order) {
    if (broken.has(name)) continue;
    if (tf.getBackend() === name && tf.findBackend(name)) return name;
    try {
      if (await start(name, options)) return name;
    } catch (error) {
      // This backend cannot start here (no WebGL context, wasm blocked): try the next one.
      console.warn(`FlopLab: the ${name} backend cannot start here, trying the next one:`, error);
    }
    broken.add(name);
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
