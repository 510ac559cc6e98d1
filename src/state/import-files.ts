/**
 * Reading the files a user gives to "Import model": a TensorFlow.js model.json (with the weight
 * files its manifest lists, when given) or a FlopLab JSON config. Every failure is a value whose
 * message names the file and the problem; nothing here throws.
 */
import { parseFlopLabConfig } from '../core/config-schema';
import { parseModelJson } from '../core/import/model-json';
import { manifestPaths } from '../core/import/weights-manifest';
import { binaryModelKind, modelFileSizeProblem } from '../core/model-files';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { workerAvailable } from './analysis';
import { checkImportedGraph, importCountProblem } from './import-limits';
import { importModelFileInWorker, importModelInWorker } from './worker-client';

export interface ImportedModel {
  graph: ModelGraph;
  warnings: string[];
  /** The file the model came from, for the notice ("Imported model.json (12 layers)"). */
  fileName: string;
  hasWeights: boolean;
  /** The file's format when it was not a model.json (an ONNX import can be compressed back to ONNX). */
  source?: 'onnx' | 'keras';
}

/** Larger JSON files are refused before reading (a model.json is topology only). */
export const MAX_JSON_BYTES = 50 * 1024 * 1024;

export async function readImportFiles(files: File[]): Promise<Result<ImportedModel>> {
  const binary = files.find((f) => binaryModelKind(f.name) !== null);
  if (binary !== undefined) return importBinaryFile(binary);
  const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsonFiles.length === 0) {
    const names = files.map((f) => f.name).join(', ') || 'none';
    return parseError(`No model.json or FlopLab JSON file among the files given (${names}).`);
  }
  const file = jsonFiles.find((f) => f.name.toLowerCase() === 'model.json') ?? jsonFiles[0];
  if (file.size > MAX_JSON_BYTES) {
    return parseError(`Could not import ${file.name}: it is ${file.size} bytes, more than a model description can be.`);
  }
  const json = await readJson(file);
  if (!json.ok) return json;
  const tooMany = importCountProblem(json.value);
  if (tooMany) return parseError(`Could not import ${file.name}: ${tooMany}`);
  const result = isFlopLabConfig(json.value)
    ? importConfig(json.value)
    : await importModelJson(json.value, files.filter((f) => f !== file));
  return finishImport(file.name, result);
}

/** An .onnx, .keras or .h5 file: read in the worker (its parser is loaded only then). */
async function importBinaryFile(file: File): Promise<Result<ImportedModel>> {
  const tooLarge = modelFileSizeProblem(file.name, file.size);
  if (tooLarge !== null) return parseError(tooLarge);
  if (!workerAvailable()) {
    return parseError(`Could not import ${file.name}: reading ONNX and Keras files needs the background worker, which this browser could not start.`);
  }
  let result: Awaited<ReturnType<typeof importModelFileInWorker>>;
  try {
    result = await importModelFileInWorker(file);
  } catch {
    return parseError(`Could not read ${file.name}.`);
  }
  return finishImport(file.name, result);
}

/**
 * A reader's result as the import's: a failure's message names the file (the readers' messages
 * start with its name; others get it in front), and the graph must be one the store keeps.
 */
function finishImport(fileName: string, result: Result<Omit<ImportedModel, 'fileName'>>): Result<ImportedModel> {
  if (!result.ok) return parseError(result.error.message.startsWith(fileName) ? result.error.message : `Could not import ${fileName}: ${result.error.message}`);
  const kept = checkImportedGraph(result.value.graph);
  if (!kept.ok) return parseError(`Could not import ${fileName}: ${kept.error.message}`);
  return ok({ ...result.value, fileName });
}

async function readJson(file: File): Promise<Result<unknown>> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    return parseError(`Could not read ${file.name}.`);
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'syntax error';
    return parseError(`Could not import ${file.name}: it is not valid JSON (${detail}).`);
  }
}

/** A FlopLab config, tagged or bare ({ name, layers }); a Keras topology nests its layers in `config`. */
function isFlopLabConfig(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const j = json as Record<string, unknown>;
  return j.format === 'floplab' || (Array.isArray(j.layers) && !('modelTopology' in j) && !('class_name' in j));
}

function importConfig(json: unknown): Result<Omit<ImportedModel, 'fileName'>> {
  const parsed = parseFlopLabConfig(json);
  return parsed.ok ? ok({ graph: parsed.value, warnings: [], hasWeights: false }) : parsed;
}

async function importModelJson(json: unknown, others: File[]): Promise<Result<Omit<ImportedModel, 'fileName'>>> {
  const wanted = manifestPaths(json);
  const byName = new Map(others.map((f) => [f.name, f]));
  const given = wanted.map((path) => byName.get(baseName(path))).filter((f): f is File => f !== undefined);
  const warnings: string[] = [];
  const missing = wanted.filter((path) => !byName.has(baseName(path)));
  if (wanted.length > 0 && missing.length > 0) {
    warnings.push(`Weight files not given (${missing.map(baseName).join(', ')}): figures come from the architecture; compression needs the weights.`);
  }
  const weightFiles = missing.length === 0 ? await Promise.all(given.map(readBuffer)) : [];
  const parsed = await parseInWorkerOrHere(json, weightFiles);
  if (!parsed.ok) return parsed;
  return ok({ ...parsed.value, warnings: [...warnings, ...parsed.value.warnings] });
}

async function readBuffer(file: File): Promise<{ name: string; data: ArrayBuffer }> {
  return { name: file.name, data: await file.arrayBuffer() };
}

async function parseInWorkerOrHere(
  json: unknown, weightFiles: { name: string; data: ArrayBuffer }[],
): Promise<Result<{ graph: ModelGraph; warnings: string[]; hasWeights: boolean }>> {
  if (workerAvailable()) {
    try {
      return await importModelInWorker(json, weightFiles);
    } catch (error) {
      console.warn('FlopLab: import in the worker failed, reading the architecture here', error);
    }
  }
  const parsed = parseModelJson(json);
  if (!parsed.ok) return parsed;
  return ok({ graph: parsed.value.graph, warnings: parsed.value.warnings, hasWeights: false });
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function parseError(message: string) {
  return fail({ code: 'parse-error', message });
}
