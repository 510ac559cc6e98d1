/**
 * Reads a model file for the CLI and tells the two formats apart: a FlopLab config
 * (`{ format: 'floplab', … }`) or a TensorFlow.js Layers model.json (or a bare Keras topology).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFlopLabConfig } from '../core/config-schema';
import { parseModelJson } from '../core/import/model-json';
import { binaryModelKind } from '../core/model-files';
import type { WeightsManifestGroup } from '../core/import/weights-manifest';
import type { ModelGraph } from '../core/model';
import { fail, ok, type Result } from '../core/result';
import { isRecord } from '../core/shapes/checks';
import { readOpenFile } from '../tf/weights-files';

export interface LoadedModel {
  graph: ModelGraph;
  warnings: string[];
  /** The weights manifest of a model.json (null for a FlopLab config or a topology without one). */
  weightsManifest: WeightsManifestGroup[] | null;
  format: 'floplab' | 'model-json' | 'keras' | 'h5' | 'onnx';
  /** The file that was read (a folder's model.json); weights files are found beside it. */
  path: string;
  /** The Keras topology as written in a model.json (null for a FlopLab config), to write back on export. */
  modelTopology: unknown;
}


/** Which format a parsed JSON file is, or null when it is neither. */
export function detectFormat(json: unknown): 'floplab' | 'model-json' | null {
  if (!isRecord(json)) return null;
  if (json.format === 'floplab') return 'floplab';
  if ('modelTopology' in json || json.format === 'layers-model' || ('class_name' in json && 'config' in json)) return 'model-json';
  return null;
}

/** Parses the text of a model file (either format). `label` names the file in messages and is its `path`. */
export function parseModelText(text: string, label: string): Result<LoadedModel> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail({ code: 'parse-error', message: `${label} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
  }
  const format = detectFormat(json);
  if (format === 'floplab') {
    const parsed = parseFlopLabConfig(json);
    if (!parsed.ok) return parsed;
    return ok({ graph: parsed.value, warnings: [], weightsManifest: null, format, path: label, modelTopology: null });
  }
  if (format === 'model-json') {
    const parsed = parseModelJson(json);
    if (!parsed.ok) return parsed;
    const modelTopology = (json as { modelTopology?: unknown }).modelTopology ?? json;
    return ok({ ...parsed.value, format, path: label, modelTopology });
  }
  const hint = isRecord(json) && typeof json.format === 'string' ? ` (its format is '${json.format}')` : '';
  return fail({
    code: 'parse-error',
    message: `${label}: unknown format${hint}: Expected a TensorFlow.js Layers model.json (with modelTopology) or a FlopLab config (with "format": "floplab").`,
  });
}

/** A Keras 3 .keras or legacy .h5 file (by name; its reader checks the bytes). */
const isKerasFile = (path: string) => ['keras', 'h5'].includes(binaryModelKind(path) ?? '');

const errorCode = (e: unknown): string | undefined => (e as { code?: string }).code;

/** Largest model file read (a model.json holds the topology and manifest, not the weights). */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

type TextRead = { ok: true; text: string } | { ok: false; code: string };

/**
 * Reads a regular file of at most MAX_MODEL_FILE_BYTES as UTF-8: opened without blocking (a FIFO
 * given as the model cannot hang the CLI) and checked on the open handle. EISDIR for a folder.
 */
async function readModelText(path: string): Promise<TextRead> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, code: errorCode(e) ?? 'unreadable' };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { ok: false, code: 'EISDIR' };
    if (!stat.isFile()) return { ok: false, code: 'not a regular file' };
    if (stat.size > MAX_MODEL_FILE_BYTES) return { ok: false, code: `larger than ${MAX_MODEL_FILE_BYTES / 1024 / 1024} MB` };
    return { ok: true, text: new TextDecoder().decode(await readOpenFile(handle, stat.size)) };
  } catch (e) {
    return { ok: false, code: errorCode(e) ?? 'unreadable' };
  } finally {
    await handle.close();
  }
}

/**
 * Reads and parses a model file from disk; a folder means the model.json inside it (as tfjs
 * saves a model). An unreadable file, a FIFO or device, or a file over 64 MB is an error naming it.
 */
export async function loadModelFile(path: string): Promise<Result<LoadedModel>> {
  if (isKerasFile(path)) return (await import('./load-keras-file')).loadKerasModel(path);
  if (binaryModelKind(path) === 'onnx') return (await import('./load-onnx-file')).loadOnnxModel(path);
  let label = path;
  let read = await readModelText(path);
  if (!read.ok && read.code === 'EISDIR') {
    label = join(path, 'model.json');
    read = await readModelText(label);
    if (!read.ok) return fail({ code: 'parse-error', message: `Cannot read ${path}: it is a folder without a model.json.` });
  }
  if (!read.ok) {
    const reason = read.code === 'ENOENT' ? 'no such file' : read.code;
    return fail({ code: 'parse-error', message: `Cannot read ${path}: ${reason}.` });
  }
  return parseModelText(read.text, label);
}
