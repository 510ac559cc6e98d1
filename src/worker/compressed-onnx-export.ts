/**
 * The compress job's downloads in the browser's terms: a file's gzip size with the native
 * CompressionStream, transferable buffers, and — for weights imported from an .onnx file — the
 * same file with the compressed weights in place (src/core/onnx/write-compressed.ts), or why
 * there is none.
 */
import { gzipBytes } from '../core/compress/gzip-size';
import type { CompressionResult } from '../core/compress/types';
import type { CompressedExport } from './api';
import { expectBusyFor, ONE_STEP_GRACE_MS } from './heartbeat';
import { importedOnnx } from './weight-store';

/** gzip size of one file with the browser's native CompressionStream (zlib's default level, as the CLI's node:zlib). */
export async function gzipSizeInBrowser(data: Uint8Array): Promise<number> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip')).getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return bytes;
}

/** The bytes of a view as an ArrayBuffer of exactly that length (transferable). */
export function exactBuffer(view: Uint8Array): ArrayBuffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) return view.buffer;
  return view.slice().buffer as ArrayBuffer;
}

/** The compressed .onnx, or null with the reason in `notes` (no notes when the weights did not come from an .onnx). */
export interface OnnxExportOutcome { exported: CompressedExport | null; notes: string[] }

/**
 * For weights imported from an .onnx file: the same file with the compressed weights in place,
 * or why there is none (structured pruning changed the shapes, or the writer refused).
 */
export async function onnxExportOf(result: CompressionResult): Promise<OnnxExportOutcome> {
  const held = importedOnnx();
  if (held === null) return { exported: null, notes: [] };
  if (result.structured) {
    return { exported: null, notes: ['No .onnx export: structured pruning changed the layers\' shapes, which the ONNX file keeps as they were. Prune without removing whole filters to get a compressed .onnx.'] };
  }
  const { writeCompressedOnnx } = await import('../core/onnx/write-compressed');
  // Serialising a ResNet-50 (100 MB) is one call that cannot yield.
  expectBusyFor(ONE_STEP_GRACE_MS);
  const written = writeCompressedOnnx(held.model, held.imported.weights, result);
  if (!written.ok) return { exported: null, notes: [`No .onnx export: ${written.error.message}`] };
  const bytes = written.value.bytes;
  const name = `${held.fileName.replace(/\.onnx$/i, '')}.compressed.onnx`;
  return {
    exported: {
      files: [{ name, data: exactBuffer(bytes) }],
      fileBytes: bytes.byteLength,
      gzipBytes: await gzipBytes([bytes], gzipSizeInBrowser),
      notes: written.value.notes,
      sourceBytes: held.fileBytes,
    },
    notes: [],
  };
}
