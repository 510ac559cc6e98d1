import type { CompressionPlan } from '../core/compress/types';
import type { ModelGraph } from '../core/model';
import type { CompressResult, JobCancelled, ProgressCallback } from './api';

// Placeholder until src/core/compress/pipeline.ts lands.
export async function compressGraph(
  _graph: ModelGraph, _plan: CompressionPlan, _signal: AbortSignal, _onProgress?: ProgressCallback,
): Promise<CompressResult | JobCancelled> {
  return { status: 'failed', cancelled: false, error: { code: 'invalid-value', message: 'Compression is not ready yet.' } };
}
