/**
 * Writes a compressed model as a TensorFlow.js layers-model: model.json (topology + weights
 * manifest) and one weights file, loadable by tf.loadLayersModel. The manifest's own
 * quantization is used where the in-app scheme maps onto it exactly, so the files really shrink:
 *   per-tensor affine or symmetric b-bit grid (also a quantized k-means codebook, whose values
 *   all lie on its grid) → uint8 (b ≤ 8) or uint16 (b ≤ 16) with value = code·scale + min;
 *   float16 → float16.
 * Everything else is stored as float32, and the export says it stores more than the in-app
 * format: per-channel scales (the manifest has one scale per tensor), unquantized k-means
 * codebooks (arbitrary centroids are not an affine grid), and the sparse layout of pruned
 * weights (the manifest is dense; gzip recovers part of it).
 * This file needs no tfjs (only its file format), so the CLI writes models without loading it.
 */
import type { CompressionResult, StorageFormat, TensorEncoding, WeightTensor } from '../core/compress/types';
import type { WeightsManifestEntry } from '../core/import/weights-manifest';
import { float32ToFloat16Bits } from '../core/compress/float16';
import { countZeros } from '../core/compress/prune';
import { concatBytes } from './weights-io';

export interface ExportTensor extends WeightTensor {
  encoding?: TensorEncoding;
  /** Size in the app's storage format, to say when the file is bigger (see exportTensorsOf). */
  inAppBytes?: number;
  inAppFormat?: StorageFormat;
}

/** The tensors of a pipeline result with their encodings and in-app sizes, ready for exportLayersModel. */
export function exportTensorsOf(result: CompressionResult): ExportTensor[] {
  const byTensor = new Map(result.perLayer.map((l) => [l.tensor, l]));
  return result.weights.map((w) => {
    const l = byTensor.get(w.name);
    return l ? { ...w, encoding: l.encoding, inAppBytes: l.bytesAfter, inAppFormat: l.format } : w;
  });
}

export interface ExportedModel {
  modelJson: {
    format: 'layers-model';
    generatedBy: string;
    convertedBy: string;
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: WeightsManifestEntry[] }[];
  };
  weightFiles: { name: string; data: Uint8Array }[];
  /** Bytes of the weights files (model.json not included). */
  fileBytes: number;
  /** True when some tensor is written in a bigger format than the in-app one; `reasons` say which and why. */
  storesMoreThanInApp: boolean;
  reasons: string[];
}

export const WEIGHTS_FILE_NAME = 'group1-shard1of1.bin';

/**
 * Builds model.json + weights for `tensors` (any order; tfjs matches weights by name).
 * `generatedBy` is the model.json's field of that name (tfjs does not read it).
 */
export function exportModelFiles(modelTopology: unknown, tensors: ExportTensor[], generatedBy: string): ExportedModel {
  const entries: WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  const reasons: string[] = [];
  for (const t of tensors) {
    const { entry, bytes, reason } = encodeTensor(t);
    entries.push(entry);
    chunks.push(bytes);
    const bigger = t.inAppBytes !== undefined && bytes.byteLength > t.inAppBytes;
    const sizes = bigger ? ` (${bytes.byteLength} bytes in the file, ${t.inAppBytes} in the app's ${t.inAppFormat ?? ''} format)` : '';
    if (reason) reasons.push(`'${t.name}': ${reason}${sizes}`);
    else if (bigger) reasons.push(`'${t.name}': ${entry.quantization?.dtype ?? 'float32'} values stored densely${sizes}; the manifest has no sparse layout or codebook indices`);
  }
  const data = concatBytes(chunks);
  return {
    modelJson: {
      format: 'layers-model', generatedBy, convertedBy: 'FlopLab compression lab',
      modelTopology, weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: entries }],
    },
    weightFiles: [{ name: WEIGHTS_FILE_NAME, data }],
    fileBytes: data.byteLength,
    storesMoreThanInApp: reasons.length > 0,
    reasons,
  };
}

function encodeTensor(t: ExportTensor): { entry: WeightsManifestEntry; bytes: Uint8Array; reason?: string } {
  const base = { name: t.name, shape: t.shape, dtype: 'float32' as const };
  const enc = t.encoding;
  // No encoding: a tensor the pipeline does not compress (bias, BatchNorm), float32 in app too.
  if (!enc) return { entry: base, bytes: new Uint8Array(Float32Array.from(t.data).buffer) };
  if (enc.kind === 'affine') {
    const dtype = enc.bits <= 8 ? 'uint8' : 'uint16';
    const codes = dtype === 'uint8' ? Uint8Array.from(enc.codes) : Uint16Array.from(enc.codes);
    const reason = enc.bits < 8 || (enc.bits > 8 && enc.bits < 16) ? `${enc.bits}-bit codes padded to ${dtype} (the manifest has no ${enc.bits}-bit type)` : undefined;
    return { entry: { ...base, quantization: { dtype, scale: enc.scale, min: enc.min } }, bytes: new Uint8Array(codes.buffer), reason };
  }
  if (enc.kind === 'float16') {
    const halves = Uint16Array.from(t.data, (v) => float32ToFloat16Bits(v));
    return { entry: { ...base, quantization: { dtype: 'float16' } }, bytes: new Uint8Array(halves.buffer) };
  }
  const floats = Float32Array.from(t.data);
  const bytes = new Uint8Array(floats.buffer);
  if (enc.kind === 'per-channel') return { entry: base, bytes, reason: `per-channel ${enc.bits}-bit values stored as float32 (the manifest has one scale per tensor)` };
  if (enc.kind === 'codebook') return { entry: base, bytes, reason: `${enc.codebook.length}-entry k-means codebook stored as float32 values (centroids are not an affine grid; quantize the codebook to export indices)` };
  const zeros = countZeros(t.data);
  if (zeros > t.data.length / 4) return { entry: base, bytes, reason: `${Math.round((100 * zeros) / t.data.length)}% zeros stored dense (the manifest has no sparse layout)` };
  return { entry: base, bytes };
}
