/** What `floplab compress` reports, shared by the command (compress.ts) and its text output (compress-output.ts). */

/** The --json object (issue 4). */
export interface CompressJson {
  /** accuracy: test accuracy 0..1, for a model the digits fit (issue 8). */
  before: { bytes: number; gzipBytes: number; accuracy?: number };
  /** accuracy: of the final model, after the last stage and its retraining. */
  after: { bytes: number; gzipBytes: number; fileBytes: number; accuracy?: number };
  ratio: number;
  stages: { name: string; bytes: number }[];
  layers: { name: string; sparsity: number; clusters: number | null; bits: number; mse: number; sqnrDb: number | null }[];
}
