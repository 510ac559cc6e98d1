/**
 * `floplab compress <model.json> [--prune S] [--global] [--structured] [--kmeans K]
 * [--init linear|density|forgy|kmeans++] [--bits B] [--per-channel] [--symmetric] [--huffman]
 * --out <dir> [--json]`: compresses a TensorFlow.js model's real weights and writes a
 * model.json + weights that tf.loadLayersModel loads. Exit 0, or 2 with one line on stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeModel } from '../core/analyze';
import { digitsFit } from '../core/digits/fit';
import { binaryModelKind } from '../core/model-files';
import { runPipeline } from '../core/compress/pipeline';
import { gzipBytes } from '../core/compress/gzip-size';
import type { CompressionResult } from '../core/compress/types';
import type { ModelGraph } from '../core/model';
import { readWeightsFromDir } from '../tf/weights-files';
import { exportModelFiles, exportTensorsOf, type ExportedModel, type ExportTensor } from '../tf/export-files';
import { parseArgs } from './args';
import { checkManifestDtypes, checkWeightsAgainstGraph } from './check-weights';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { COMPRESS_FLAGS, planFromFlags } from './compress-plan';
import { compressText } from './compress-output';
import type { CompressJson } from './compress-types';
import { loadModelFile } from './load-model';
import { gzipSizeParallel } from './node-gzip';

export type { CompressJson } from './compress-types';

export const COMPRESS_USAGE = `Usage: floplab compress <model.json | model.onnx | model.keras | model.h5> [options] --out <dir>

Prunes, shares (k-means) and quantizes the kernels of a TensorFlow.js Layers model (its weights
files beside model.json), in Deep Compression's order, and writes a loadable model.json +
weights to <dir>. Biases and BatchNorm stay float32. An ONNX model is written back as
<dir>/<name>.onnx: quantized kernels as int8/uint8 with DequantizeLinear (or floats on the grid).
A Keras .keras / .h5 file's weights are read from the file and written as a TensorFlow.js model.

Options:
  --prune S          magnitude pruning: each kernel at least S zeros (0 ≤ S < 1)
  --global           one magnitude threshold across all kernels (with --prune)
  --structured       remove whole filters by L1 norm, and the next layer's inputs (with --prune)
  --kmeans K         weight sharing: at most K values per kernel (2..256), zeros kept
  --init I           k-means initialisation: linear (default), density, forgy, kmeans++
  --bits B           quantize to B bits (1..16, per-tensor affine by default) or 'float16';
                     after --kmeans the codebook is quantized
  --per-channel      one scale per output channel (with --bits)
  --symmetric        symmetric quantization (with --bits)
  --huffman          add the Huffman-coding stage to the size report
  --retrain-epochs N retrain N epochs on the digits after pruning and after sharing (a model
                     the digits fit; its JSON then has before/after accuracy on the test digits)
  --out <dir>        where model.json and the weights file are written
  --json             print one JSON object
`;

/** Runs the command; returns the exit code. */
export async function runCompress(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, COMPRESS_FLAGS);
  if (!args.ok) return reportProblem(io, args.message);
  const { positionals, flags } = args.value;
  if (flags.help) { io.out(COMPRESS_USAGE); return 0; }
  if (positionals.length !== 1) return reportProblem(io, `Expected one model.json, but got ${positionals.length} file arguments.`);
  if (typeof flags.out !== 'string') return reportProblem(io, 'Option --out <dir> is required (where the compressed model is written).');
  const plan = planFromFlags(flags);
  if (!plan.ok) return reportProblem(io, plan.message);
  const [path] = positionals;
  const kind = binaryModelKind(path);
  if (kind === 'onnx') return (await import('./compress-onnx')).runCompressOnnx(path, flags, plan.value, flags.out, io);
  const loaded = kind === 'keras' || kind === 'h5' ? await (await import('./load-keras-file')).loadKerasForCompress(path) : await loadModel(path);
  if (!loaded.ok) return reportProblem(io, loaded.message);
  const { graph, topology, weights } = loaded;
  // Issue 8: a model the digits fit is compressed with test accuracy (and --retrain-epochs); tfjs loads only then.
  const onDigits = digitsFit(graph).ok || flags['retrain-epochs'] !== undefined
    ? await (await import('./compress-accuracy')).compressOnDigits(graph, weights, plan.value, flags) : null;
  if (onDigits && !onDigits.ok) return reportProblem(io, onDigits.error.message);
  const accuracy = onDigits?.value ?? null;
  // The original's gzip size (each tensor's float32 bytes, as before) runs on zlib's thread pool
  // while the pipeline computes on this one.
  const gzipBefore = Promise.all(weights.map((w) => gzipSizeParallel(float32Bytes(w.data)))).then((sizes) => sizes.reduce((a, b) => a + b, 0));
  gzipBefore.catch(() => {}); // awaited below; not an unhandled rejection when the run stops early
  const result = accuracy ? { ok: true as const, value: accuracy.compression } : await runPipeline(weights, plan.value, {}, { graph });
  if (!result.ok) return reportProblem(io, result.error.message);
  const exported = exportModelFiles(await topologyFor(result.value, topology), exportTensorsOf(result.value), GENERATED_BY);
  // The written file's gzip size, on the thread pool while the files are written.
  const gzipAfter = gzipBytes(exported.weightFiles.map((f) => f.data), gzipSizeParallel);
  gzipAfter.catch(() => {});
  try {
    await mkdir(flags.out, { recursive: true });
    await writeFile(join(flags.out, 'model.json'), JSON.stringify(exported.modelJson));
    for (const f of exported.weightFiles) await writeFile(join(flags.out, f.name), f.data);
  } catch (e) {
    return reportProblem(io, `Cannot write to ${flags.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const summary = summarize(result.value, exported, await gzipBefore, await gzipAfter);
  if (accuracy) {
    summary.before.accuracy = accuracy.before;
    summary.after.accuracy = accuracy.after;
  }
  io.out(flags.json ? `${JSON.stringify(summary)}\n` : compressText(summary, result.value, exported, flags.out));
  return 0;
}

/** The model.json's generatedBy: the CLI writes the tfjs-layers format without loading tfjs. */
const GENERATED_BY = 'FlopLab command line';

type Loaded = { ok: true; graph: ModelGraph; topology: unknown; weights: ExportTensor[] } | { ok: false; message: string };

/** The model (a model.json, or a folder holding one) and the weights files beside it. */
async function loadModel(path: string): Promise<Loaded> {
  const loaded = await loadModelFile(path);
  if (!loaded.ok) return { ok: false, message: loaded.error.message };
  const { graph, weightsManifest, modelTopology } = loaded.value;
  if (!weightsManifest || weightsManifest.every((g) => g.weights.length === 0)) {
    return { ok: false, message: `${path} has no weights (no weightsManifest): there is nothing to compress.` };
  }
  // The engine refuses absurd layer arguments (units: 1e308) before a byte of weights is read.
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return { ok: false, message: `${path}: ${analysis.errors[0].message}` };
  const dtypes = checkManifestDtypes(weightsManifest);
  if (!dtypes.ok) return { ok: false, message: `${path}: ${dtypes.message}` };
  const weights = await readWeightsFromDir(loaded.value.path, weightsManifest);
  if (!weights.ok) return { ok: false, message: weights.error.message };
  const checked = checkWeightsAgainstGraph(graph, analysis.report, weights.value);
  if (!checked.ok) return { ok: false, message: `${path}: ${checked.message}` };
  return { ok: true, graph, topology: modelTopology, weights: weights.value };
}

/** The original topology, or one rebuilt from the new graph when structured pruning changed it. */
async function topologyFor(result: CompressionResult, original: unknown): Promise<unknown> {
  if (!result.structured || Object.keys(result.structured.removed).length === 0) return original;
  // PROD silences tfjs's "install tfjs-node" banner on the cpu backend: the CLI's output is its report.
  (await import('@tensorflow/tfjs')).env().set('PROD', true);
  const { buildTfModel } = await import('../tf/build-model');
  const { topologyOf } = await import('../tf/export-model');
  const built = buildTfModel(result.structured.graph, { weights: 'zeros' });
  if (!built.ok) return original;
  const topology = topologyOf(built.value);
  built.value.dispose();
  return topology;
}

const float32Bytes = (data: Float32Array) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

function summarize(result: CompressionResult, exported: ExportedModel, gzipBefore: number, gzipAfter: number): CompressJson {
  return {
    before: { bytes: result.totals.bytesBefore, gzipBytes: gzipBefore },
    after: { bytes: result.totals.bytesAfter, gzipBytes: gzipAfter, fileBytes: exported.fileBytes },
    ratio: result.totals.ratio,
    stages: result.stages.map((s) => ({ name: s.name, bytes: s.bytes })),
    layers: result.perLayer.map((l) => ({
      name: l.name, sparsity: l.sparsity, clusters: l.clusters, bits: l.bits, mse: l.mse,
      sqnrDb: Number.isFinite(l.sqnrDb) ? l.sqnrDb : null,
    })),
  };
}
