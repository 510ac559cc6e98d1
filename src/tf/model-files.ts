/**
 * Node only (CLI, scripts, tests): a trained model on disk as a TensorFlow.js layers-model
 * (model.json + weights files). Reading goes through the same parser and weights reader as the
 * CLI's import (parseModelJson, readWeightsFromDir: paths stay inside the model's folder), then
 * builds the graph with tfjs and sets the weights by name, so the model that runs is the graph
 * FlopLab counts. Never imported by the worker or the page.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parseModelJson } from '../core/import/model-json';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { buildTfModel } from './build-model';
import { setNamedWeights } from './export-model';
import type { ExportedModel } from './export-files';
import { readWeightsFromDir } from './weights-files';

export interface ModelOnDisk {
  graph: ModelGraph;
  /** Built from `graph` with the file's weights; the caller disposes it. */
  model: tf.LayersModel;
  warnings: string[];
}

const readError = (message: string) => fail({ code: 'parse-error', message });

/** Builds `graph` with tfjs and sets `weights` by name; a missing or extra tensor is an error value. */
export function modelWithWeights(graph: ModelGraph, weights: { name: string; shape: number[]; data: Float32Array }[], label: string): Result<tf.LayersModel> {
  const built = buildTfModel(graph, { weights: 'zeros' });
  if (!built.ok) return built;
  const model = built.value;
  const wanted = new Map(model.weights.map((w) => [w.originalName, w.shape]));
  const bad = weights.find((w) => wanted.has(w.name) && wanted.get(w.name)!.join() !== w.shape.join());
  const missing = bad ? [] : setNamedWeights(model, weights);
  if (bad || missing.length > 0) {
    model.dispose();
    return bad
      ? readError(`${label}: Expected weight '${bad.name}' to have shape [${wanted.get(bad.name)!.join(', ')}], but got [${bad.shape.join(', ')}].`)
      : readError(`${label}: Expected weights for every layer, but '${missing[0]}' is missing (the model has no trained weights to evaluate).`);
  }
  return ok(model);
}

/** Reads model.json (or a folder holding one) and its weights into a built tfjs model. */
export async function readModelFiles(path: string): Promise<Result<ModelOnDisk>> {
  let file = path;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code !== 'EISDIR') return readError(`Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    file = join(path, 'model.json');
    try { text = await readFile(file, 'utf8'); } catch { return readError(`Cannot read ${path}: it is a folder without a model.json.`); }
  }
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) { return readError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`); }
  const parsed = parseModelJson(json);
  if (!parsed.ok) return parsed;
  if (!parsed.value.weightsManifest || parsed.value.weightsManifest.length === 0) {
    return readError(`${file}: Expected a weightsManifest (trained weights), but the model.json has none.`);
  }
  const weights = await readWeightsFromDir(file, parsed.value.weightsManifest);
  if (!weights.ok) return weights;
  const model = modelWithWeights(parsed.value.graph, weights.value, file);
  if (!model.ok) return model;
  return ok({ graph: parsed.value.graph, model: model.value, warnings: parsed.value.warnings });
}

/** Writes an export (exportLayersModel) into `dir` as model.json + its weights files. */
export async function writeModelFiles(dir: string, exported: ExportedModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(exported.modelJson)}\n`);
  for (const f of exported.weightFiles) await writeFile(join(dir, f.name), f.data);
}
