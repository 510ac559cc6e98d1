/**
 * What the distill and sensitivity commands read: a trained model from disk or a trained preset
 * (its weights under public/, from a checkout's root, as the digits file), a student graph from
 * a file or a preset, and the digits laid out for a graph. Problems are one-line messages.
 */
import { join } from 'node:path';
import type { Digits } from '../core/digits/format';
import type { ModelGraph } from '../core/model';
import { findPreset } from '../core/presets';
import { fail, ok, type Result } from '../core/result';
import { digitsForGraph, readDigitsFile, type DigitsTensors } from '../tf/digits-data';
import { readModelFiles, type ModelOnDisk } from '../tf/model-files';
import { loadModelFile } from './load-model';

const problem = (message: string) => fail({ code: 'invalid-value', message });

/** The folder the app serves (trained presets' weights and the digits): ./public of the checkout. */
export const PUBLIC_DIR = 'public';

/** A trained model: `--teacher <model.json | folder>` or `--teacher-preset <id>` (exactly one). */
export async function trainedModelFrom(path: string | undefined, presetId: string | undefined, role: string): Promise<Result<ModelOnDisk>> {
  if ((path === undefined) === (presetId === undefined)) return problem(`Expected exactly one of --${role} <model.json> and --${role}-preset <id>.`);
  if (path !== undefined) return readModelFiles(path);
  const preset = findPreset(presetId!);
  if (!preset?.trained) return problem(`Expected --${role}-preset to name a preset with trained weights, but got '${presetId}'.`);
  return readModelFiles(join(PUBLIC_DIR, preset.trained.modelPath));
}

/** A student architecture: `--student <model.json | floplab config>` or `--student-preset <id>` (weights, if any, are not used). */
export async function studentGraphFrom(path: string | undefined, presetId: string | undefined): Promise<Result<ModelGraph>> {
  if ((path === undefined) === (presetId === undefined)) return problem('Expected exactly one of --student <model.json | config> and --student-preset <id>.');
  if (presetId !== undefined) {
    const preset = findPreset(presetId);
    return preset ? ok(preset.build()) : problem(`Expected --student-preset to name a preset, but got '${presetId}'.`);
  }
  const loaded = await loadModelFile(path!);
  return loaded.ok ? ok(loaded.value.graph) : loaded;
}

/** The digits file of the checkout (public/data/digits.bin). */
export const readAppDigits = (): Promise<Result<Digits>> => readDigitsFile(join(PUBLIC_DIR, 'data', 'digits.bin'));

/** The digits laid out for `graph`, or why they do not fit it (naming `role`). */
export function digitsFor(graph: ModelGraph, digits: Digits, role: string): Result<DigitsTensors> {
  const data = digitsForGraph(graph, digits);
  return data.ok ? data : problem(`The ${role}: ${data.error.message}`);
}

/** The checkout's digits laid out for `graph`: readAppDigits then digitsFor, one Result. */
export async function appDigitsFor(graph: ModelGraph, role = 'model'): Promise<Result<DigitsTensors>> {
  const digits = await readAppDigits();
  return digits.ok ? digitsFor(graph, digits.value, role) : digits;
}
