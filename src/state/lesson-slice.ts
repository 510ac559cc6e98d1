/**
 * The lesson slice: which lesson and step are open, presenter mode, an imported lesson and the
 * progress kept in this browser. Opening a step that sets up a model follows the rule for links:
 * the student's previous model stays one step away (Undo, and "Restore your previous model").
 */
import { setupStepIndex, stepModel } from '../core/lessons/lesson-model';
import type { CompressionSummary } from '../core/lessons/compression-summary';
import type { Lesson } from '../core/lessons/schema';
import { findLesson, LESSONS } from '../lessons/index';
import { loadLessonProgress, progressStorage, saveLessonProgress, withStepSeen, type LessonProgress } from './lesson-progress';
import type { SliceCreator, Tab } from './store-types';

export const RESTORE_PREVIOUS_LABEL = 'Restore your previous model';

export interface LessonSlice {
  /** The Lesson panel (and the list of lessons) is shown. */
  lessonsOpen: boolean;
  lessonId: string | null;
  /** 0-based. */
  lessonStep: number;
  /** A lesson imported from a file or a link (shown beside the shipped ones). */
  importedLesson: Lesson | null;
  presenter: boolean;
  lessonProgress: LessonProgress;
  /** The Compress tab's last finished result, summarised for lesson tasks, and the model it was for (weightsKey). */
  lessonCompression: { key: string; summary: CompressionSummary } | null;
  setLessonsOpen(open: boolean): void;
  /** Back to the list of lessons (the model stays). */
  showLessonList(): void;
  /** Opens a lesson at a step (clamped), setting up the model in force at that step. */
  startLesson(id: string, step?: number, opts?: { setUpModel?: boolean; keepPrevious?: boolean }): void;
  /** Moves to another step of the open lesson; a step with its own model sets it up. */
  goToStep(step: number): void;
  setPresenter(on: boolean): void;
  importLesson(lesson: Lesson): void;
  markTaskDone(): void;
  resetLessonProgress(): void;
  recordCompression(key: string, summary: CompressionSummary): void;
}

type LessonSliceDeps = { storage: typeof progressStorage };

/** A lesson by id: the shipped ones, then the imported one. */
export function lessonById(id: string | null, imported: Lesson | null): Lesson | undefined {
  if (id === null) return undefined;
  return findLesson(id) ?? (imported?.id === id ? imported : undefined);
}

export function createLessonSlice(deps: LessonSliceDeps = { storage: progressStorage }): SliceCreator<LessonSlice> {
  return (set, get) => {
    const seen = (progress: LessonProgress) => {
      saveLessonProgress(deps.storage(), progress);
      set({ lessonProgress: progress });
    };
    /** Sets up the model of step `setupIndex` (undoably) and the step's view and selection. */
    const setUp = (lesson: Lesson, setupIndex: number, step: number, keepPrevious = true) => {
      const s = get();
      const model = setupIndex >= 0 ? stepModel(lesson, setupIndex) : null;
      if (model && JSON.stringify(model.graph) !== JSON.stringify(s.graph)) {
        const previous = { graph: s.graph, presetId: s.presetId };
        s.setGraph(model.graph, { presetId: model.presetId, recordHistory: keepPrevious });
        // Nothing to bring back when the page had no work of the user's (a first visit by link).
        if (keepPrevious) get().showNotice({
          kind: 'info',
          message: `The lesson opened the model '${model.graph.name}'. It replaced your model '${previous.graph.name}': Undo or the button brings yours back.`,
          action: { label: RESTORE_PREVIOUS_LABEL, run: () => get().setGraph(previous.graph, { presetId: previous.presetId, recordHistory: true }) },
        });
      }
      const target = lesson.steps[step];
      if (target.view && target.view !== 'editor') get().setTab(target.view as Tab);
      const select = target.select ?? (model ? null : undefined);
      if (select !== undefined && (select === null || get().graph.layers.some((l) => l.name === select))) get().selectLayer(select);
    };
    return {
      lessonsOpen: false,
      lessonId: null,
      lessonStep: 0,
      importedLesson: null,
      presenter: false,
      lessonProgress: loadLessonProgress(deps.storage()),
      lessonCompression: null,
      setLessonsOpen(open) {
        set({ lessonsOpen: open, ...(open ? {} : { presenter: false }) });
      },
      showLessonList() {
        set({ lessonId: null, lessonStep: 0 });
      },
      startLesson(id, step = 0, opts = {}) {
        const lesson = lessonById(id, get().importedLesson);
        if (!lesson) return;
        const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
        set({ lessonsOpen: true, lessonId: lesson.id, lessonStep: at });
        if (opts.setUpModel !== false) setUp(lesson, setupStepIndex(lesson, at), at, opts.keepPrevious ?? true);
        seen(withStepSeen(get().lessonProgress, lesson.id, at));
      },
      goToStep(step) {
        const lesson = lessonById(get().lessonId, get().importedLesson);
        if (!lesson || step < 0 || step >= lesson.steps.length || step === get().lessonStep) return;
        set({ lessonStep: step });
        setUp(lesson, lesson.steps[step].model ? step : -1, step);
        seen(withStepSeen(get().lessonProgress, lesson.id, step));
      },
      setPresenter(on) {
        set({ presenter: on, ...(on ? { lessonsOpen: true } : {}) });
      },
      importLesson(lesson) {
        set({ importedLesson: lesson });
      },
      markTaskDone() {
        const { lessonId, lessonStep, lessonProgress } = get();
        if (lessonId === null || lessonProgress[lessonId]?.done.includes(lessonStep)) return;
        seen(withStepSeen(lessonProgress, lessonId, lessonStep, true));
      },
      resetLessonProgress() {
        seen({});
      },
      recordCompression(key, summary) {
        set({ lessonCompression: { key, summary } });
      },
    };
  };
}

export { LESSONS };
