/**
 * The weights manifest of a TensorFlow.js `model.json` (plain data, as tfjs io writes it) and the
 * decoded form every consumer uses. See tfjs-core src/io/types.ts (WeightsManifestGroupConfig).
 */
import { z } from 'zod';

/** How a weight is stored when quantized: value = q · scale + min (uint8/uint16), or IEEE half. */
export interface WeightQuantization {
  dtype: 'uint8' | 'uint16' | 'float16';
  scale?: number;
  min?: number;
}

export interface WeightsManifestEntry {
  /** e.g. 'conv1/kernel' */
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  group?: string;
  quantization?: WeightQuantization;
}

/** One group: its weights lie, in order, in the concatenation of the files named in `paths`. */
export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** A decoded weight: float32 values in the manifest's (row-major) order. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

const quantizationSchema = z.object({
  dtype: z.enum(['uint8', 'uint16', 'float16']),
  scale: z.number().optional(),
  min: z.number().optional(),
}).loose();

const entrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
  group: z.string().optional(),
  quantization: quantizationSchema.optional(),
}).loose();

/** zod schema of the `weightsManifest` array of a model.json. */
export const weightsManifestSchema = z.array(z.object({
  paths: z.array(z.string()),
  weights: z.array(entrySchema),
}).loose());

/** The weight file paths a model.json's weightsManifest lists ([] when none or malformed). */
export function manifestPaths(json: unknown): string[] {
  const manifest = (json as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group: unknown) => {
    const paths = (group as { paths?: unknown } | null)?.paths;
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
  });
}
