import { parseFlopLabConfig } from '../config-schema';
import type { ModelGraph } from '../model';
import { findPreset } from '../presets/index';
import type { Lesson } from './schema';

/** The model a step sets up, with the preset it came from; null when the step sets up none. */
export function stepModel(lesson: Lesson, stepIndex: number): { graph: ModelGraph; presetId: string | null } | null {
  const setup = lesson.steps[stepIndex]?.model;
  if (!setup) return null;
  if ('preset' in setup) {
    const preset = findPreset(setup.preset);
    return preset ? { graph: preset.build(), presetId: preset.id } : null;
  }
  const graph = parseFlopLabConfig(setup.graph);
  return graph.ok ? { graph: graph.value, presetId: null } : null;
}

/** The step whose set-up is in force at `stepIndex`: the nearest at or before it (-1: none). */
export function setupStepIndex(lesson: Lesson, stepIndex: number): number {
  for (let i = Math.min(stepIndex, lesson.steps.length - 1); i >= 0; i--) if (lesson.steps[i].model) return i;
  return -1;
}
