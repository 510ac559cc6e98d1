/**
 * The live curves' data: one point per batch (loss, at epochs done so far) and one per epoch
 * (mean loss, train and test accuracy). Batch losses are thinned to at most MAX_BATCH_POINTS
 * (every k-th kept, k doubling) so a long run stays cheap to draw.
 */
import type { EpochRecord, TrainJobProgress } from '../worker/api';

export interface CurveData {
  batches: { epoch: number; loss: number }[];
  epochs: EpochRecord[];
}

export const EMPTY_CURVES: CurveData = { batches: [], epochs: [] };
export const MAX_BATCH_POINTS = 400;

/** Adds a progress event's points (returns a new object; the input is unchanged). */
export function addProgress(data: CurveData, p: TrainJobProgress): CurveData {
  if (p.record) return { ...data, epochs: [...data.epochs, p.record] };
  if (!p.batch) return data;
  let batches = [...data.batches, p.batch];
  if (batches.length > MAX_BATCH_POINTS) batches = batches.filter((_, i) => i % 2 === 0);
  return { ...data, batches };
}
