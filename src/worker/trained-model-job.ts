/**
 * Trained weights in and out of the worker: loading a trained preset the app serves
 * (public/models/<id>/model.json + weights) and writing the held weights of a graph as a
 * TensorFlow.js model.json + weights file (for a download, or for the page to save and restore
 * through importModel after a reload).
 */
import { manifestPaths } from '../core/import/weights-manifest';
import type { ModelGraph } from '../core/model';
import { selectBackend } from '../tf/backend';
import { buildTfModel } from '../tf/build-model';
import { exportLayersModel, topologyOf } from '../tf/export-model';
import type { WeightFile } from './api';
import type { ExportWeightsResult, TrainedPresetResult } from './digits-api';
import { failedJob } from './digits-model';
import { importModelJson } from './import-job';
import { againstLocation } from './location-url';
import { WASM_URLS } from './wasm-urls';
import { importedWeightsFor } from './weight-store';

const loadError = (url: string, why: string) => failedJob({ code: 'parse-error', message: `Cannot load the trained model ${url}: ${why}` });

/** Fetches a model.json and the weights files its manifest lists (relative to it), and keeps the weights. */
export async function loadTrainedModel(modelUrl: string, fetchFile: typeof fetch = fetch): Promise<TrainedPresetResult> {
  let json: unknown;
  const base = againstLocation(modelUrl);
  try {
    const response = await fetchFile(base.href);
    if (!response.ok) return loadError(modelUrl, `HTTP ${response.status}.`);
    json = await response.json();
  } catch (e) {
    return loadError(modelUrl, e instanceof Error ? e.message : String(e));
  }
  const files: WeightFile[] = [];
  for (const path of manifestPaths(json)) {
    const url = new URL(path, base);
    // Weights files sit beside the model.json; a manifest pointing elsewhere is refused.
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname.replace(/[^/]*$/, ''))) {
      return loadError(modelUrl, `Expected weights path '${path}' to sit beside model.json, but it does not.`);
    }
    try {
      const response = await fetchFile(url.href);
      if (!response.ok) return loadError(modelUrl, `HTTP ${response.status} for ${path}.`);
      files.push({ name: path.split('/').pop() ?? path, data: await response.arrayBuffer() });
    } catch (e) {
      return loadError(modelUrl, e instanceof Error ? e.message : String(e));
    }
  }
  const imported = importModelJson(json, files);
  if (!imported.ok) return failedJob(imported.error);
  if (!imported.value.hasWeights) return loadError(modelUrl, imported.value.warnings.join(' ') || 'it has no weights.');
  return { status: 'done', cancelled: false, graph: imported.value.graph };
}

/** model.json + weights of the weights held for `graph`, or 'no-weights'. */
export async function exportHeldWeights(graph: ModelGraph): Promise<ExportWeightsResult> {
  await selectBackend('inference', { wasmUrls: WASM_URLS });
  const built = buildTfModel(graph, { seed: 1 });
  if (!built.ok) return failedJob(built.error);
  try {
    const model = built.value;
    const held = importedWeightsFor(model.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] })));
    if (held === null) return { status: 'no-weights', cancelled: false };
    const exported = exportLayersModel(topologyOf(model), held);
    const modelJson = new TextEncoder().encode(JSON.stringify(exported.modelJson));
    const files: WeightFile[] = [
      { name: 'model.json', data: modelJson.buffer as ArrayBuffer },
      ...exported.weightFiles.map((f) => ({ name: f.name, data: f.data.slice().buffer as ArrayBuffer })),
    ];
    return { status: 'done', cancelled: false, files };
  } finally {
    built.value.dispose();
  }
}
