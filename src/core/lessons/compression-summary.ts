/**
 * What a lesson task knows of the Compress tab's last result: plain data, filled by the UI from
 * the worker's answer (summarizeCompression) and judged by evaluateCompressionTask.
 */

/** The stages a compression plan can run (core/compress StageKind). */
export const COMPRESSION_STAGES = ['prune', 'share', 'quantize', 'huffman'] as const;
export type CompressionStageName = (typeof COMPRESSION_STAGES)[number];

export interface CompressionSummary {
  /** The stages run, in order. */
  stages: CompressionStageName[];
  bytesBefore: number;
  bytesAfter: number;
  /** bytesBefore / bytesAfter (Infinity when nothing is left). */
  ratio: number;
  /** Test accuracy of the compressed model, 0..1; null without a trained digits model. */
  accuracyAfter: number | null;
}

/** The fields of a finished compression a summary is made from (the worker's CompressDone has them). */
export interface CompressionOutcome {
  stages: readonly { name: string }[];
  totals: { bytesBefore: number; bytesAfter: number };
  accuracy?: { after: number } | null;
}

/** A summary of a finished compression: the stages run (the 'original' entry left out), sizes and accuracy. */
export function summarizeCompression(outcome: CompressionOutcome): CompressionSummary {
  const stages = outcome.stages.map((s) => s.name).filter((n): n is CompressionStageName => (COMPRESSION_STAGES as readonly string[]).includes(n));
  const { bytesBefore, bytesAfter } = outcome.totals;
  const ratio = bytesAfter > 0 ? bytesBefore / bytesAfter : Infinity;
  return { stages, bytesBefore, bytesAfter, ratio, accuracyAfter: outcome.accuracy?.after ?? null };
}
