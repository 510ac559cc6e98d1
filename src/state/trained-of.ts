/**
 * Which accuracy belongs to a model (pure functions of the state; no store import, so the totals
 * bar can use them without pulling more into the page's first chunk).
 */
import type { ModelGraph } from '../core/model';
import type { FlopLabState, TrainedInfo } from './store-types';
import { weightsKey } from './weights-key';

/** The trained info of the current graph, or null (no trained weights, or the graph was edited since). */
export function trainedOfCurrent(state: FlopLabState): TrainedInfo | null {
  return state.trained !== null && state.trained.key === weightsKey(state.graph) ? state.trained : null;
}

/** The accuracy last measured for `graph` in this session (Compare's A), or null. */
export function knownAccuracyOf(state: FlopLabState, graph: ModelGraph): TrainedInfo | null {
  if (state.knownAccuracies.length === 0) return null;
  const key = weightsKey(graph);
  return state.knownAccuracies.find((k) => k.key === key) ?? null;
}
