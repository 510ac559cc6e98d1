import { useEffect } from 'react';
import { summarizeCompression } from '../../core/lessons/compression-summary';
import { useFlopLab } from '../../state/store';
import { weightsKey } from '../../state/weights-key';
import type { CompressDone } from '../../worker/api';

/** Hands a finished compression to the lesson tasks (compressionRatioAtLeast, stageUsed, …), keyed by the model it was for. */
export function useRecordCompression(result: CompressDone): void {
  const record = useFlopLab((s) => s.recordCompression);
  useEffect(() => { record(weightsKey(result.graph), summarizeCompression(result)); }, [result, record]);
}
