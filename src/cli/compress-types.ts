/** What `floplab compress` reports, shared by the command (compress.ts) and its text output (compress-output.ts). */

/** The --json object (issue 4). */
export interface CompressJson {
  before: { bytes: number; gzipBytes: number };
  after: { bytes: number; gzipBytes: number; fileBytes: number };
  ratio: number;
  stages: { name: string; bytes: number }[];
  layers: { name: string; sparsity: number; clusters: number | null; bits: number; mse: number; sqnrDb: number | null }[];
}
