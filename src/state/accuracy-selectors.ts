/** Accuracy selectors: the held weights' test accuracy, only while the current graph is theirs. */
import { useFlopLab } from './store';
import type { TrainedInfo } from './store-types';
import { trainedOfCurrent } from './trained-of';

export { knownAccuracyOf, trainedOfCurrent } from './trained-of';

export function useTrained(): TrainedInfo | null {
  return useFlopLab(trainedOfCurrent);
}
