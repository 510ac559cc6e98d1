/**
 * Between the store and the share format: what of the store a link (or the saved work) holds,
 * putting such a state back into the store, and the share URL itself.
 */
import { parseFlopLabConfig } from '../core/config-schema';
import { CUSTOM_DEVICE_ID } from './device-slice';
import { useFlopLab } from './store';
import type { FlopLabState } from './store-types';
import { trainedOfCurrent } from './trained-of';
import { encodeShareState, SHARE_PARAM, type ShareState } from './url-codec';

/** The part of the store a share link reproduces. */
export function shareStateOf(s: FlopLabState): ShareState {
  const custom = s.deviceId === CUSTOM_DEVICE_ID;
  return {
    graph: s.graph,
    presetId: s.presetId,
    deviceId: s.deviceId,
    customDevice: custom ? { peakGflops: s.peakGflops, bandwidthGBs: s.bandwidthGBs } : null,
    convention: s.convention,
    metric: s.metric,
    tab: s.tab,
    selectedLayer: s.selectedLayer,
    weightsLeftBehind: trainedOfCurrent(s)?.source === 'trained' || trainedOfCurrent(s)?.source === 'imported' || undefined,
  };
}

/**
 * What to share or save: the current work, unless a field is out of the schema's range (a
 * half-typed value), which no link could carry: then the last good model instead.
 */
export function shareableState(s: FlopLabState): ShareState {
  const state = shareStateOf(s);
  if (s.reportGraph === null || parseFlopLabConfig(state.graph).ok) return state;
  const graph = s.reportGraph;
  const selectedLayer = graph.layers.some((l) => l.name === state.selectedLayer) ? state.selectedLayer : null;
  return { ...state, graph, selectedLayer };
}

/**
 * Makes `state` the current work. `recordHistory` keeps the previous model undoable (a link
 * pasted into an open page); on start-up there is nothing to undo.
 */
export function applyShareState(state: ShareState, opts: { recordHistory?: boolean } = {}): void {
  const store = useFlopLab.getState();
  // View and device first, so the analysis that setGraph starts uses the right convention (an
  // analysis the convention change starts is overtaken by it and dropped).
  store.setConvention(state.convention);
  store.setMetric(state.metric);
  store.setTab(state.tab);
  if (state.customDevice) store.setCustomDevice(state.customDevice);
  else store.setDevice(state.deviceId);
  store.setGraph(state.graph, { presetId: state.presetId, recordHistory: opts.recordHistory ?? false });
  useFlopLab.getState().selectLayer(state.selectedLayer);
}

/** A URL that reproduces the current model, device and view: this page + '#s=v1.…'. */
export function shareUrl(): string {
  const encoded = encodeShareState(shareableState(useFlopLab.getState()));
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${SHARE_PARAM}=${encoded}`;
}
