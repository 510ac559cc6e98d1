/**
 * Keras model files for the CLI: a Keras 3 `.keras` zip or a legacy `.h5`. `analyze` reads
 * the topology only; `compress` also reads the weights from the file (no weights files beside
 * it) and writes a TensorFlow.js model.json back, as for a model.json.
 */
import { basename } from 'node:path';
import { analyzeModel } from '../core/analyze';
import { readKerasFile, type KerasFileImport } from '../core/import/keras-file/read-keras-file';
import type { ModelGraph } from '../core/model';
import { ok, type Result } from '../core/result';
import type { ExportTensor } from '../tf/export-files';
import { checkWeightsAgainstGraph } from './check-weights';
import type { LoadedModel } from './load-model';
import { readModelBytes } from './read-model-bytes';



/** Reads a .keras / .h5 file; `weights: false` reads only the topology (what analyze needs). */
export async function loadKerasFile(path: string, options: { weights: boolean }): Promise<Result<KerasFileImport>> {
  const bytes = await readModelBytes(path);
  if (!bytes.ok) return bytes;
  return readKerasFile(bytes.value, basename(path), options);
}

/** A Keras file as load-model.ts's LoadedModel (topology only: what analyze needs). */
export async function loadKerasModel(path: string): Promise<Result<LoadedModel>> {
  const loaded = await loadKerasFile(path, { weights: false });
  if (!loaded.ok) return loaded;
  const { graph, warnings, format, modelTopology } = loaded.value;
  return ok({ graph, warnings, weightsManifest: null, format, path, modelTopology });
}

type Loaded = { ok: true; graph: ModelGraph; topology: unknown; weights: ExportTensor[] } | { ok: false; message: string };

/**
 * The topology to write into model.json: rebuilt from the graph by tfjs, because tfjs-layers
 * cannot load a Keras 3 config (batch_shape, DTypePolicy objects) nor nested models as Keras
 * writes them. Weight names stay 'layer/weight' (the layers keep their names).
 */
async function tfjsTopology(graph: ModelGraph): Promise<Result<unknown>> {
  // PROD silences tfjs's "install tfjs-node" banner: the CLI's output is its report.
  (await import('@tensorflow/tfjs')).env().set('PROD', true);
  const { buildTfModel } = await import('../tf/build-model');
  const { topologyOf } = await import('../tf/export-model');
  const built = buildTfModel(graph, { weights: 'zeros' });
  if (!built.ok) return built;
  try {
    return ok(topologyOf(built.value));
  } finally {
    built.value.dispose();
  }
}

/**
 * What `compress` needs from a Keras file: the graph, a topology tfjs loads (see tfjsTopology)
 * and the file's weights, checked against the graph as weights files beside a model.json are.
 */
export async function loadKerasForCompress(path: string): Promise<Loaded> {
  const loaded = await loadKerasFile(path, { weights: true });
  if (!loaded.ok) return { ok: false, message: loaded.error.message };
  const { graph, weights } = loaded.value;
  if (!weights || !weights.ok) return { ok: false, message: weights ? weights.error.message : `${path} has no weights.` };
  if (weights.value.length === 0) return { ok: false, message: `${path} has no weights: there is nothing to compress.` };
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return { ok: false, message: `${path}: ${analysis.errors[0].message}` };
  const checked = checkWeightsAgainstGraph(graph, analysis.report, weights.value);
  if (!checked.ok) return { ok: false, message: `${path}: ${checked.message}` };
  const topology = await tfjsTopology(graph);
  if (!topology.ok) return { ok: false, message: `${path}: cannot write a TensorFlow.js model.json for this model: ${topology.error.message}` };
  return { ok: true, graph, topology: topology.value, weights: weights.value };
}
