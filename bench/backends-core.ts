/**
 * The backend comparison behind bench/backends.bench.ts (Node) and bench/backends-browser.mjs
 * (headless Chromium): per backend and model, the first predict (weights prepared), the median
 * batch-1 predict (what "Measure" reports) and one fidelity pass (batch-8 probe through the
 * original and a second model, what the compression lab's "Comparing outputs" step does).
 */
import * as tf from '@tensorflow/tfjs';
import { findPreset } from '../src/core/presets/index';
import { selectBackend, type BackendName, type WasmFileUrls } from '../src/tf/backend';
import { buildTfModel } from '../src/tf/build-model';
import { measureFidelity } from '../src/tf/fidelity';
import { median, timePredict } from '../src/tf/measure';

export interface BackendRow {
  backend: string;
  model: string;
  firstPredictMs: number;
  medianPredictMs: number;
  fidelityMs: number | null;
}

function build(presetId: string, seed: number): tf.LayersModel {
  const built = buildTfModel(findPreset(presetId)!.build(), { seed });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** Times each preset on each backend; a backend that cannot start here is reported and skipped. */
export async function compareBackends(options: {
  backends: BackendName[]; presets: string[]; runs?: number;
  /** Presets whose fidelity pass is timed (on cpu MobileNetV1's takes minutes). */
  fidelityFor?: (backend: BackendName, presetId: string) => boolean;
  wasmUrls?: WasmFileUrls;
}): Promise<BackendRow[]> {
  const rows: BackendRow[] = [];
  for (const wanted of options.backends) {
    const got = await selectBackend('inference', { prefer: wanted, wasmUrls: options.wasmUrls });
    if (got !== wanted) {
      console.log(`${wanted}: cannot start here (got ${got}), skipped`);
      continue;
    }
    const backend = wanted === 'webgl' ? `webgl (${tf.env().getNumber('WEBGL_VERSION')})` : wanted;
    for (const presetId of options.presets) {
      const model = build(presetId, 1);
      const timed = await timePredict(model, { runs: options.runs ?? 5, warmup: 1, seed: 3 });
      let fidelityMs: number | null = null;
      if (options.fidelityFor?.(wanted, presetId)) {
        const other = build(presetId, 2);
        await timePredict(other, { runs: 0, warmup: 1 }); // both models prepared, as in the lab
        const t0 = performance.now();
        measureFidelity(model, other, { batch: 8, seed: 42 });
        fidelityMs = performance.now() - t0;
        other.dispose();
      }
      model.dispose();
      rows.push({
        backend, model: presetId, firstPredictMs: timed.warmupMs[0], medianPredictMs: median(timed.timesMs), fidelityMs,
      });
    }
  }
  return rows;
}

export function printRows(rows: BackendRow[]): void {
  for (const r of rows) {
    console.log(`${r.model.padEnd(14)} ${r.backend.padEnd(10)} first predict ${r.firstPredictMs.toFixed(1).padStart(8)} ms`
      + `  median predict ${r.medianPredictMs.toFixed(2).padStart(8)} ms`
      + (r.fidelityMs === null ? '' : `  fidelity pass (batch 8) ${r.fidelityMs.toFixed(0).padStart(6)} ms`));
  }
}
