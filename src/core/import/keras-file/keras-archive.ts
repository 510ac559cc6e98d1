/**
 * Unzips a Keras 3 `.keras` file (keras/src/saving/saving_lib.py): a zip of `config.json`
 * (the serialised model), `metadata.json` ({ keras_version, date_saved }) and
 * `model.weights.h5` (the variables; `model.weights.npz` when saved with weights_format='npz').
 */
import { unzipSync } from 'fflate';
import { fail, ok, type Result } from '../../result';
import { isRecord } from '../../shapes/checks';

export interface KerasArchive {
  /** config.json, parsed: { class_name, config, module?, registered_name?, build_config?, … }. */
  config: Record<string, unknown>;
  /** metadata.json, parsed (null when absent or unreadable). */
  metadata: Record<string, unknown> | null;
  /** The bytes of model.weights.h5, or null when the archive has none. */
  weightsH5: Uint8Array | null;
  /** Other weights files that are not read (model.weights.npz), for the warning. */
  unreadWeights: string[];
}

/**
 * Largest model.weights.h5 unzipped. The size is the one the zip's central directory declares,
 * checked in unzipSync's filter, before anything is inflated: fflate then inflates into a buffer
 * of exactly that size (more output is dropped), so a lying size cannot allocate more.
 */
export const MAX_KERAS_WEIGHTS_BYTES = 1024 * 1024 * 1024;
/** Largest config.json / metadata.json unzipped (checked the same way). */
export const MAX_KERAS_CONFIG_BYTES = 64 * 1024 * 1024;

const WANTED = new Set(['config.json', 'metadata.json', 'model.weights.h5']);

/** True when `bytes` start like a zip archive (a local file header, or an empty archive's end record). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
    && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

const parseJson = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/**
 * Reads the parts of a `.keras` archive (model.weights.h5 only when `withWeights`; it is then
 * null). Not a zip, a damaged zip, no config.json, or a config.json that is not a JSON object:
 * one error value naming the file (`label`).
 */
export function readKerasArchive(bytes: Uint8Array, label: string, withWeights = true): Result<KerasArchive> {
  const refuse = (why: string) => fail({ code: 'parse-error', message: `${label}: ${why}` });
  if (!isZip(bytes)) return refuse('not a zip archive: Expected a Keras 3 .keras file (a zip of config.json and model.weights.h5).');
  const unreadWeights: string[] = [];
  let tooBig: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.startsWith('model.weights.') && !WANTED.has(f.name)) unreadWeights.push(f.name);
        if (!WANTED.has(f.name) || (!withWeights && f.name === 'model.weights.h5')) return false;
        const max = f.name === 'model.weights.h5' ? MAX_KERAS_WEIGHTS_BYTES : MAX_KERAS_CONFIG_BYTES;
        if (f.originalSize > max) {
          tooBig = `Expected ${f.name} to be at most ${max} bytes unzipped, but the archive says ${f.originalSize} (not inflated).`;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    return refuse(`damaged zip archive (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (tooBig) return refuse(tooBig);
  const configBytes = files['config.json'];
  if (!configBytes) return refuse('no config.json in the archive: Expected a Keras 3 .keras file (saved by model.save).');
  let config: unknown;
  try {
    config = parseJson(configBytes);
  } catch (e) {
    return refuse(`config.json is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(config)) return refuse('config.json: Expected a serialised model ({ class_name, config }), but got ' + (Array.isArray(config) ? 'a list.' : `${typeof config}.`));
  let metadata: Record<string, unknown> | null;
  try {
    const m = files['metadata.json'] ? parseJson(files['metadata.json']) : null;
    metadata = isRecord(m) ? m : null;
  } catch {
    metadata = null; // metadata only gives the Keras version
  }
  return ok({ config, metadata, weightsH5: files['model.weights.h5'] ?? null, unreadWeights });
}
