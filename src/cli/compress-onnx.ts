/**
 * `floplab compress <model.onnx> [flags] --out <dir>`: compresses the kernels of an ONNX model
 * (PyTorch's export, say) with the same pipeline and flags as a TensorFlow.js model, and writes
 * `<dir>/<basename>.onnx` (core/onnx/write-compressed.ts: int8/uint8 + DequantizeLinear where it
 * can, float32 on the compressed grid otherwise). Prints the same report as for tfjs models, plus
 * the ONNX file's size and gzip size before and after (pruned zeros shrink it only once compressed).
 * Exit 0, or 2 with one line on stderr. No tfjs: nothing is trained or evaluated.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { runPipeline } from '../core/compress/pipeline';
import type { CompressionPlan, CompressionResult } from '../core/compress/types';
import { formatBytes } from '../core/format';
import type { ModelProto } from '../core/onnx/gen/onnx_pb';
import { importOnnx } from '../core/onnx/import-onnx';
import { onnxKerasWeights } from '../core/onnx/keras-weights';
import { decodeOnnx } from '../core/onnx/read-model';
import type { OnnxImport } from '../core/onnx/types';
import { writeCompressedOnnx, type WrittenInitializer, type WrittenOnnx } from '../core/onnx/write-compressed';
import type { ExportedModel } from '../tf/export-files';
import type { ParsedArgs } from './args';
import { type CliIo, reportProblem } from './cli-io';
import { compressText } from './compress-output';
import { readModelBytes } from './read-model-bytes';
import type { CompressJson } from './compress-types';
import { gzipSizeParallel } from './node-gzip';

/** --json for an ONNX model: the tfjs report plus the .onnx files and how each kernel was stored. */
export interface CompressOnnxJson extends CompressJson {
  onnx: {
    file: string;
    /** The input .onnx and its gzip size. */
    fileBytesBefore: number;
    gzipBytesBefore: number;
    /** The written .onnx and its gzip size (also after.fileBytes and after.gzipBytes). */
    fileBytesAfter: number;
    gzipBytesAfter: number;
    initializers: WrittenInitializer[];
    notes: string[];
  };
}

type Loaded = { ok: true; bytes: Uint8Array; model: ModelProto; imported: OnnxImport } | { ok: false; message: string };

/** Reads (size-checked, regular files only), decodes and maps the .onnx at `path`; every failure is one sentence. */
async function loadOnnx(path: string): Promise<Loaded> {
  const name = basename(path);
  const bytes = await readModelBytes(path);
  if (!bytes.ok) return { ok: false, message: bytes.error.message };
  const model = decodeOnnx(bytes.value, name);
  if (!model.ok) return { ok: false, message: model.error.message };
  const imported = importOnnx(model.value, name);
  if (!imported.ok) return { ok: false, message: imported.error.message.startsWith(name) ? imported.error.message : `${name}: ${imported.error.message}` };
  return { ok: true, bytes: bytes.value, model: model.value, imported: imported.value };
}

/** Why the flags cannot apply to an ONNX model, or null. */
function onnxFlagProblem(flags: ParsedArgs['flags'], file: string): string | null {
  if (flags['retrain-epochs'] !== undefined) {
    return `Option --retrain-epochs: FlopLab retrains TensorFlow.js models on the digits; it does not train ${file} (an ONNX model). Compress it without --retrain-epochs.`;
  }
  if (flags.structured) {
    return `Option --structured removes whole filters, which changes the graph: FlopLab writes ${file} back with unstructured pruning, k-means and quantization only.`;
  }
  return null;
}

/** Runs `compress` on an ONNX model (the flags and plan already checked by compress.ts); returns the exit code. */
export async function runCompressOnnx(path: string, flags: ParsedArgs['flags'], plan: CompressionPlan, outDir: string, io: CliIo): Promise<number> {
  const file = basename(path);
  const flagProblem = onnxFlagProblem(flags, file);
  if (flagProblem) return reportProblem(io, flagProblem);
  const outPath = join(outDir, file);
  if (resolve(outPath) === resolve(path)) return reportProblem(io, `Expected --out to be another folder than ${file}'s: writing ${outPath} would replace the model.`);
  const loaded = await loadOnnx(path);
  if (!loaded.ok) return reportProblem(io, loaded.message);
  const { bytes, model, imported } = loaded;
  const gzipBefore = Promise.resolve(gzipSizeParallel(bytes));
  gzipBefore.catch(() => {}); // awaited below; not an unhandled rejection when the run stops early
  const result = await runPipeline(onnxKerasWeights(model, imported), plan, {}, { graph: imported.graph });
  if (!result.ok) return reportProblem(io, result.error.message);
  const written = writeCompressedOnnx(model, imported.weights, result.value);
  if (!written.ok) return reportProblem(io, `${file}: ${written.error.message}`);
  const gzipAfter = Promise.resolve(gzipSizeParallel(written.value.bytes));
  gzipAfter.catch(() => {});
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(outPath, written.value.bytes);
  } catch (e) {
    return reportProblem(io, `Cannot write to ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const summary = summarize(result.value, written.value, file, bytes.length, await gzipBefore, await gzipAfter);
  io.out(flags.json ? `${JSON.stringify(summary)}\n` : onnxText(summary, result.value, written.value, outPath));
  return 0;
}

function summarize(result: CompressionResult, written: WrittenOnnx, file: string, fileBytesBefore: number, gzipBefore: number, gzipAfter: number): CompressOnnxJson {
  return {
    before: { bytes: result.totals.bytesBefore, gzipBytes: gzipBefore },
    after: { bytes: result.totals.bytesAfter, gzipBytes: gzipAfter, fileBytes: written.bytes.length },
    ratio: result.totals.ratio,
    stages: result.stages.map((s) => ({ name: s.name, bytes: s.bytes })),
    layers: result.perLayer.map((l) => ({
      name: l.name, sparsity: l.sparsity, clusters: l.clusters, bits: l.bits, mse: l.mse,
      sqnrDb: Number.isFinite(l.sqnrDb) ? l.sqnrDb : null,
    })),
    onnx: {
      file, fileBytesBefore, gzipBytesBefore: gzipBefore, fileBytesAfter: written.bytes.length, gzipBytesAfter: gzipAfter,
      initializers: written.initializers, notes: written.notes,
    },
  };
}

/** The tfjs report (compress-output.ts) with the .onnx files in place of model.json + weights. */
function onnxText(s: CompressOnnxJson, result: CompressionResult, written: WrittenOnnx, outPath: string): string {
  // compressText reads only the files' names (its 'Wrote' line, replaced here), their size and the export's reasons.
  const asExport = { weightFiles: [], fileBytes: written.bytes.length, storesMoreThanInApp: false, reasons: [] } as unknown as ExportedModel;
  const lines = compressText(s, result, asExport, '').trimEnd().split('\n').filter((l) => !l.startsWith('Wrote '));
  const o = s.onnx;
  const count = (storage: WrittenInitializer['storage']) => o.initializers.filter((i) => i.storage === storage).length;
  // float32 always shown; a file's float16, bfloat16 or float64 kernels stay in their own type.
  const floats = (['float32', 'float16', 'bfloat16', 'float64'] as const).filter((t) => t === 'float32' || count(t) > 0).map((t) => `${count(t)} ${t}`).join(', ');
  const casts = [...new Set(o.initializers.filter((i) => (i.storage === 'int8' || i.storage === 'uint8') && i.weightType !== 'float32').map((i) => i.weightType))];
  lines.push(
    `ONNX file: ${formatBytes(o.fileBytesBefore)} (gzip ${formatBytes(o.gzipBytesBefore)}) → ${formatBytes(o.fileBytesAfter)} (gzip ${formatBytes(o.gzipBytesAfter)})`,
    `Kernels stored: ${count('int8')} int8 + ${count('uint8')} uint8 with DequantizeLinear${casts.length ? ` (then Cast to ${casts.join(', ')})` : ''}, ${floats}`,
    ...o.notes.map((n) => `Note: ${n}`),
    `Wrote ${outPath}`,
  );
  return `${lines.join('\n')}\n`;
}
