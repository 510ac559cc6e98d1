/**
 * The shape of the FlopLab store (see /tmp/floplab-ui-brief.md, "The store"). One store made of
 * slices; each slice file owns its fields and the actions next to them.
 */
import type { StateCreator } from 'zustand';
import type { CostReport, FlopConvention } from '../core/cost-types';
import type { PixelScale } from '../core/digits/fit';
import type { LayerSpec, LayerType, ModelGraph } from '../core/model';
import type { FlopLabError } from '../core/result';
import type { LessonSlice } from './lesson-slice';

export type Metric = 'macs' | 'flops';
export type Tab = 'analysis' | 'compare' | 'compress' | 'train' | 'distill';

/** One undo step: the model as it was, with the preset it came from. */
export interface HistoryEntry {
  graph: ModelGraph;
  presetId: string | null;
}

export interface SetGraphOptions {
  presetId?: string | null;
  /** Push the current model on the undo stack first (default true). */
  recordHistory?: boolean;
}

export interface ModelSlice {
  /** The user's latest edit, even when broken. */
  graph: ModelGraph;
  /** The last good report (kept while the graph is broken). */
  report: CostReport | null;
  /** The graph `report` was computed from. */
  reportGraph: ModelGraph | null;
  /** Errors of the current graph ([] when fine). */
  errors: FlopLabError[];
  /** True while an analysis of the current graph is on its way. */
  analysisPending: boolean;
  presetId: string | null;
  selectedLayer: string | null;
  past: HistoryEntry[];
  future: HistoryEntry[];
  canUndo: boolean;
  canRedo: boolean;
  setGraph(graph: ModelGraph, opts?: SetGraphOptions): void;
  loadPreset(id: string): void;
  updateLayer(name: string, patch: Partial<LayerSpec>): void;
  replaceLayer(name: string, spec: LayerSpec): void;
  addLayer(type: LayerType, index?: number): void;
  removeLayer(name: string): void;
  moveLayer(fromIndex: number, toIndex: number): void;
  duplicateLayer(name: string): void;
  selectLayer(name: string | null): void;
  undo(): void;
  redo(): void;
}

export interface ViewSlice {
  convention: FlopConvention;
  metric: Metric;
  tab: Tab;
  setConvention(convention: FlopConvention): void;
  setMetric(metric: Metric): void;
  setTab(tab: Tab): void;
}

export interface DeviceSlice {
  /** A DEVICE_PRESETS id or 'custom'. */
  deviceId: string;
  peakGflops: number;
  bandwidthGBs: number;
  setDevice(id: string): void;
  setCustomDevice(device: { peakGflops: number; bandwidthGBs: number }): void;
}

export interface PinnedModel {
  graph: ModelGraph;
  report: CostReport;
}

export interface ComparisonSlice {
  /** Comparison "A". */
  pinned: PinnedModel | null;
  pinComparison(): void;
  clearComparison(): void;
}

/** A button in a notice ("Restore your previous model"); the notice closes when it runs. */
export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Notice {
  kind: 'error' | 'info';
  message: string;
  action?: NoticeAction;
}

export interface NoticeSlice {
  notice: Notice | null;
  /** Shows `notice`, its text bounded (user text such as layer names is cut short). */
  showNotice(notice: Notice): void;
  dismissNotice(): void;
}

export interface ImportSlice {
  /** True while files are being read and parsed. */
  importing: boolean;
  /** Successful imports so far: a watcher tells a finished import by this count (the model may be equal to the one before). */
  importsDone: number;
  importFiles(files: File[]): Promise<void>;
}

/** Where the worker's trained weights came from. */
export type TrainedWeightsSource = 'preset' | 'trained' | 'imported';

/** Trained weights held by the worker, and their test accuracy. */
export interface TrainedInfo {
  /** weightsKey of the graph they belong to. */
  key: string;
  /** Test-split accuracy, 0..1, unrounded. */
  accuracy: number;
  /** Test digits it was measured on. */
  examples: number;
  source: TrainedWeightsSource;
}

export interface AccuracySlice {
  trained: TrainedInfo | null;
  /** The latest accuracies measured in this session, by model (Compare shows A's and B's). */
  knownAccuracies: TrainedInfo[];
  /** How the digits' grey levels are fed: 0..1 (default) or 0..255 (models trained that way). */
  pixelScale: PixelScale;
  recordTrained(graph: ModelGraph, accuracy: number, source: TrainedWeightsSource, examples?: number): void;
  forgetTrained(): void;
  setPixelScale(scale: PixelScale): void;
}

export type FlopLabState = ModelSlice & ViewSlice & DeviceSlice & ComparisonSlice & NoticeSlice & ImportSlice & AccuracySlice & LessonSlice;

/** A slice creator of the whole store (zustand's slices pattern). */
export type SliceCreator<Slice> = StateCreator<FlopLabState, [], [], Slice>;
