/**
 * Lesson progress in this browser, under its own key (never the work's): the furthest step seen
 * and the tasks met, per lesson id. Unreadable or foreign content counts as no progress.
 */
import '../core/zod-csp';
import { z } from 'zod';
import type { WorkStorage } from './persistence';

export const LESSON_PROGRESS_KEY = 'floplab.lessons';

const progressSchema = z.record(z.string().max(60), z.strictObject({
  /** Furthest step opened, 0-based. */
  reached: z.number().int().min(0).max(100),
  /** Steps whose task was met, 0-based. */
  done: z.array(z.number().int().min(0).max(100)).max(100),
}));

export type LessonProgress = z.infer<typeof progressSchema>;

/** localStorage, or null where it is unavailable (the store imports this file: no imports of the store here). */
export function progressStorage(): WorkStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The saved progress ({} when none or unreadable). */
export function loadLessonProgress(storage: WorkStorage | null): LessonProgress {
  try {
    const text = storage?.getItem(LESSON_PROGRESS_KEY);
    if (!text) return {};
    const parsed = progressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Saves the progress; a full or blocked storage loses only the progress (never throws). */
export function saveLessonProgress(storage: WorkStorage | null, progress: LessonProgress): void {
  try {
    if (Object.keys(progress).length === 0) storage?.removeItem(LESSON_PROGRESS_KEY);
    else storage?.setItem(LESSON_PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Progress is a convenience; the work itself is saved under its own key.
  }
}

/** `progress` with step `step` of `lessonId` seen (and its task met when `taskDone`). */
export function withStepSeen(progress: LessonProgress, lessonId: string, step: number, taskDone = false): LessonProgress {
  const old = progress[lessonId] ?? { reached: 0, done: [] };
  const done = taskDone && !old.done.includes(step) ? [...old.done, step].sort((a, b) => a - b) : old.done;
  const reached = Math.max(old.reached, step);
  if (reached === old.reached && done === old.done && progress[lessonId]) return progress;
  return { ...progress, [lessonId]: { reached, done } };
}
