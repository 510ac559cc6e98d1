/**
 * The binary model files FlopLab reads besides model.json: ONNX (from PyTorch and other exporters)
 * and Keras's own `.keras` (Keras 3: a zip) and `.h5` (Keras 2: HDF5). Told apart by extension;
 * each reader then checks the bytes. Kept free of the readers themselves, so the page can route a
 * file without loading a protobuf or HDF5 library.
 */

export type BinaryModelKind = 'onnx' | 'keras' | 'h5';

/** Larger model files are refused with their size before anything is read (ResNet-50 is ~100 MB). */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;

/** The kind of a binary model file by its name, or null for any other file (model.json, .bin …). */
export function binaryModelKind(fileName: string): BinaryModelKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.keras')) return 'keras';
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5')) return 'h5';
  return null;
}

/** "512.0 MB" (MiB, one decimal), for size refusals. */
export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The refusal for a file over MAX_MODEL_FILE_BYTES, or null. */
export function modelFileSizeProblem(fileName: string, bytes: number): string | null {
  return bytes > MAX_MODEL_FILE_BYTES
    ? `${fileName} is ${megabytes(bytes)}: FlopLab reads model files up to ${megabytes(MAX_MODEL_FILE_BYTES)}.`
    : null;
}
