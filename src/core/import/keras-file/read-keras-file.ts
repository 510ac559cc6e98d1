/**
 * Reads a Keras model file — a Keras 3 `.keras` zip or a legacy `.h5` (Keras 2, or Keras 3's
 * `model.save('x.h5')`) — into what the model.json importer gives: the FlopLab graph (through
 * the same Keras topology reader), its warnings, and the weights under their tfjs names
 * ('conv1/kernel', 'bn1/moving_mean', …), so analysis and compression work unchanged.
 * The format is told by the bytes (zip or HDF5), not by the file name.
 */
import type { ModelGraph } from '../../model';
import { fail, ok, type Result } from '../../result';
import { isRecord } from '../../shapes/checks';
import { parseModelJson } from '../model-json';
import type { NamedWeight } from '../weights-manifest';
import { isHdf5, openHdf5, type Hdf5Reader } from './hdf5-reader';
import { isZip, readKerasArchive } from './keras-archive';
import { readKeras2Weights } from './keras2-weights';
import { readKeras3Weights } from './keras3-weights';
import { checkWeightShapes } from './layer-arrays';

/** The topology as tensorflowjs_converter writes it in a model.json's modelTopology (written back on export). */
export interface KerasModelTopology {
  keras_version: string | null;
  backend: string | null;
  model_config: Record<string, unknown>;
}

export interface KerasFileImport {
  graph: ModelGraph;
  /** Non-fatal notes, as the model.json importer gives them (plus weights not read). */
  warnings: string[];
  format: 'keras' | 'h5';
  modelTopology: KerasModelTopology;
  /** The weights in tfjs naming, or why they could not be read; null when not asked for. */
  weights: Result<NamedWeight[]> | null;
}

export interface ReadKerasOptions {
  /** Read and check the weights too (default true); analysis alone needs only the topology. */
  weights?: boolean;
}

const refuse = (message: string) => fail({ code: 'parse-error', message });
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/**
 * The graph of a Keras model config, through the model.json importer. `where` is the config's
 * place in the file ('config.json' or 'model_config'), for messages.
 */
function parseTopology(modelTopology: KerasModelTopology, label: string, where: string) {
  const { class_name: className, registered_name: registered } = modelTopology.model_config;
  if (typeof className === 'string' && !MODEL_CLASSES.has(className)) {
    const as = typeof registered === 'string' ? ` (registered as '${registered}')` : '';
    return refuse(`${label}: Expected a Sequential or Functional model, but got a model of class '${className}'${as}: a subclassed model's layers are in its Python code, not in ${where}.`);
  }
  const parsed = parseModelJson({ modelTopology });
  if (!parsed.ok) return fail({ ...parsed.error, message: `${label}: ${parsed.error.message.replace(/^modelTopology\.model_config/, where)}` });
  return parsed;
}

function withShapesChecked(graph: ModelGraph, read: Result<{ weights: NamedWeight[]; warnings: string[] }>, warnings: string[], label: string): Result<NamedWeight[]> {
  if (!read.ok) return fail({ ...read.error, message: `${label}: ${read.error.message}` });
  warnings.push(...read.value.warnings);
  const shapes = checkWeightShapes(graph, read.value.weights);
  if (!shapes.ok) return fail({ ...shapes.error, message: `${label}: ${shapes.error.message}` });
  return ok(read.value.weights);
}

async function readKerasZip(bytes: Uint8Array, label: string, readWeights: boolean): Promise<Result<KerasFileImport>> {
  const archive = readKerasArchive(bytes, label, readWeights);
  if (!archive.ok) return archive;
  const { config, metadata, weightsH5, unreadWeights } = archive.value;
  const { compile_config: _compile, ...modelConfig } = config;
  const modelTopology: KerasModelTopology = { keras_version: text(metadata?.keras_version), backend: null, model_config: modelConfig };
  const parsed = parseTopology(modelTopology, label, 'config.json');
  if (!parsed.ok) return parsed;
  const { graph } = parsed.value;
  const warnings = [...parsed.value.warnings];
  let weights: Result<NamedWeight[]> | null = null;
  if (readWeights) {
    if (!weightsH5) {
      const why = unreadWeights.length > 0 ? ` (${unreadWeights.join(', ')} is not read: save with the default weights_format='h5')` : '';
      weights = refuse(`${label}: Expected model.weights.h5 in the archive, but it has none${why}.`);
    } else {
      const h5 = await openHdf5(weightsH5, `${label}: model.weights.h5`);
      const topology = { class_name: String(config.class_name), config: config.config };
      weights = h5.ok ? withShapesChecked(graph, readKeras3Weights(h5.value, topology, graph), warnings, label) : h5;
    }
  }
  return ok({ graph, warnings, format: 'keras', modelTopology, weights });
}

/** model_config (a JSON string attribute) and the Keras version of a legacy .h5 model file. */
function h5Topology(h5: Hdf5Reader, label: string): Result<KerasModelTopology> {
  const attrs = h5.attributes('/') ?? {};
  const raw = attrs.model_config;
  if (typeof raw !== 'string') {
    const weightsOnly = h5.attributes('/')?.layer_names !== undefined;
    return refuse(`${label}: no model_config attribute: Expected a Keras model saved by model.save('….h5')${weightsOnly ? ', but this is a weights-only file (model.save_weights)' : ''}.`);
  }
  let modelConfig: unknown;
  try {
    modelConfig = JSON.parse(raw);
  } catch (e) {
    return refuse(`${label}: model_config is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(modelConfig)) return refuse(`${label}: model_config: Expected a JSON object ({ class_name, config }).`);
  return ok({ keras_version: text(attrs.keras_version), backend: text(attrs.backend), model_config: modelConfig });
}

async function readKerasH5(bytes: Uint8Array, label: string, readWeights: boolean): Promise<Result<KerasFileImport>> {
  const h5 = await openHdf5(bytes, label);
  if (!h5.ok) return h5;
  const modelTopology = h5Topology(h5.value, label);
  if (!modelTopology.ok) return modelTopology;
  const parsed = parseTopology(modelTopology.value, label, 'model_config');
  if (!parsed.ok) return parsed;
  const { graph } = parsed.value;
  const warnings = [...parsed.value.warnings];
  const weights = readWeights ? withShapesChecked(graph, readKeras2Weights(h5.value, graph), warnings, label) : null;
  return ok({ graph, warnings, format: 'h5', modelTopology: modelTopology.value, weights });
}

/**
 * Reads a `.keras` or `.h5` Keras model file. `fileName` names it in messages. Bytes that are
 * neither a zip nor HDF5, a damaged archive, a missing or malformed config: one error value.
 * Weights that cannot be read do not fail the import: `weights` holds that error.
 */
export async function readKerasFile(bytes: Uint8Array, fileName: string, options: ReadKerasOptions = {}): Promise<Result<KerasFileImport>> {
  const readWeights = options.weights ?? true;
  if (isZip(bytes)) return readKerasZip(bytes, fileName, readWeights);
  if (isHdf5(bytes)) return readKerasH5(bytes, fileName, readWeights);
  return refuse(`${fileName}: Expected a Keras model file (a .keras zip archive or an HDF5 .h5 file), but its first bytes are neither.`);
}
