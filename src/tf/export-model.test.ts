import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runPipeline } from '../core/compress/pipeline';
import { smallConvNet } from '../core/compress/test-models';
import type { CompressionPlan, CompressionResult } from '../core/compress/types';
import { exportLayersModel, exportTensorsOf, loadExportedModel, namedWeightsOf, setNamedWeights, topologyOf, type ExportTensor } from './export-model';
import { measureFidelity } from './fidelity';
import { buildOrThrow } from './test-helpers';

let original: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const built = buildOrThrow(smallConvNet(), { seed: 3 });
  original = built;
});
afterAll(() => original.dispose());

function tensorsOf(result: CompressionResult): ExportTensor[] {
  return exportTensorsOf(result);
}

async function compress(plan: CompressionPlan): Promise<CompressionResult> {
  const r = await runPipeline(namedWeightsOf(original), plan);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The in-app compressed model: the original architecture with the compressed weights set. */
function inAppModel(result: CompressionResult): tf.LayersModel {
  const built = buildOrThrow(smallConvNet(), { seed: 3 });
  expect(setNamedWeights(built, result.weights)).toEqual([]);
  return built;
}

const plans: [string, CompressionPlan, string][] = [
  ['prune → share → quantize 8 → Huffman', { stages: [{ kind: 'prune', sparsity: 0.5 }, { kind: 'share', k: 16 }, { kind: 'quantize', bits: 8 }, { kind: 'huffman' }] }, 'uint8'],
  ['12-bit symmetric per tensor', { stages: [{ kind: 'quantize', bits: 12, symmetric: true }] }, 'uint16'],
  ['float16', { stages: [{ kind: 'quantize', bits: 'float16' }] }, 'float16'],
  ['per-channel 4-bit', { stages: [{ kind: 'quantize', bits: 4, perChannel: true }] }, 'float32'],
];

describe('exportLayersModel', () => {
  it.each(plans)('%s: loads with tf.loadLayersModel and matches the in-app compressed model', async (_label, plan, kernelDtype) => {
    const result = await compress(plan);
    const exported = exportLayersModel(topologyOf(original), tensorsOf(result));
    const entry = exported.modelJson.weightsManifest[0].weights.find((w) => w.name === 'conv1/kernel');
    expect(entry?.quantization?.dtype ?? 'float32').toBe(kernelDtype);
    const before = tf.memory().numTensors;
    const loaded = await loadExportedModel(exported);
    const app = inAppModel(result);
    // Weights equal the in-app ones (to float rounding of the manifest's code·scale + min).
    const loadedWeights = new Map(namedWeightsOf(loaded).map((w) => [w.name, w.data]));
    for (const w of result.weights) {
      const got = loadedWeights.get(w.name) as Float32Array;
      let worst = 0;
      for (let i = 0; i < w.data.length; i++) worst = Math.max(worst, Math.abs(got[i] - w.data[i]));
      expect(worst).toBeLessThanOrEqual(1e-6);
    }
    const f = measureFidelity(app, loaded);
    expect(f.relativeError).toBeLessThan(1e-5);
    expect(f.top1Agreement).toBe(1);
    loaded.dispose();
    app.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shrinks the files with manifest quantization (8-bit ≈ ¼ of float32) and flags what it cannot express', async () => {
    const float32 = exportLayersModel(topologyOf(original), namedWeightsOf(original));
    const eight = exportLayersModel(topologyOf(original), tensorsOf(await compress({ stages: [{ kind: 'quantize', bits: 8 }] })));
    expect(float32.fileBytes).toBe(namedWeightsOf(original).reduce((s, w) => s + 4 * w.data.length, 0));
    expect(eight.fileBytes).toBeLessThan(float32.fileBytes * 0.3);
    expect(eight.storesMoreThanInApp).toBe(false);
    const shared = exportLayersModel(topologyOf(original), tensorsOf(await compress({ stages: [{ kind: 'share', k: 16 }] })));
    expect(shared.storesMoreThanInApp).toBe(true);
    expect(shared.reasons.join(' ')).toMatch(/codebook/);
    const deep = exportLayersModel(topologyOf(original), tensorsOf(await compress(plans[0][1])));
    expect(deep.storesMoreThanInApp).toBe(true);
    expect(deep.reasons.join(' ')).toMatch(/'conv1\/kernel': uint8 values stored densely \(\d+ bytes in the file, \d+ in the app's (bitmask|relative-index) format\)/);
  });
});
