import type { CostReport } from '../cost-types';
import type { ModelGraph } from '../model';
import type { CompressionSummary } from './compression-summary';
import { quantityOf } from './quantity';
import type { LessonTask } from './schema';

/** Whether a task is met, with the figure it was judged on (to show "now 41.2 M"). */
export interface TaskState {
  done: boolean;
  /** The quantity the task compares, now; absent for type checks. */
  current?: number;
}

/** What the page's jobs last produced, for the tasks that read them (absent: none yet). */
export interface LessonResults {
  /** The Compress tab's last result on the current model (null: none, or it was for another model). */
  compression?: CompressionSummary | null;
  /** The Distill tab's last run: (distilled − alone) / (teacher − alone), a fraction; null when undefined. */
  distillGapRecovered?: number | null;
}

/**
 * Evaluates a lesson task on the live model: pure, from the analysis report of `graph` (the
 * report of the last good model; a broken model is judged on that). A task naming a layer the
 * model lacks is simply not done. Compression and distillation tasks read `results`.
 */
export function evaluateTask(task: LessonTask, report: CostReport, graph: ModelGraph, results: LessonResults = {}): TaskState {
  switch (task.kind) {
    case 'totalBelow':
    case 'layerBelow': {
      const q = quantityOf(report, task.quantity, task.kind === 'layerBelow' ? task.layer : undefined, graph);
      if (!q.ok) return { done: false };
      return { done: q.value.value < task.value, current: q.value.value };
    }
    case 'layerIs':
      return { done: graph.layers.some((l) => l.name === task.layer && l.type === task.type) && report.layers.some((l) => l.name === task.layer) };
    case 'hasLayer':
      return { done: report.layers.filter((l) => l.type === task.type).length >= task.count };
    case 'compressionRatioAtLeast':
    case 'compressedAccuracyAtLeast':
    case 'stageUsed':
      return evaluateCompressionTask(task, results.compression ?? null);
    case 'distillGapAtLeast': {
      const gap = results.distillGapRecovered;
      if (gap === undefined || gap === null) return { done: false };
      return { done: gap >= task.value, current: gap };
    }
  }
}

type CompressionTask = Extract<LessonTask, { kind: 'compressionRatioAtLeast' | 'compressedAccuracyAtLeast' | 'stageUsed' }>;

/** A compression task on the last result's summary; without a result it is not done. */
export function evaluateCompressionTask(task: CompressionTask, compression: CompressionSummary | null): TaskState {
  if (!compression) return { done: false };
  switch (task.kind) {
    case 'compressionRatioAtLeast':
      return { done: compression.ratio >= task.value, current: compression.ratio };
    case 'compressedAccuracyAtLeast':
      if (compression.accuracyAfter === null) return { done: false };
      return { done: compression.accuracyAfter >= task.value, current: compression.accuracyAfter };
    case 'stageUsed':
      return { done: compression.stages.includes(task.stage) };
  }
}
