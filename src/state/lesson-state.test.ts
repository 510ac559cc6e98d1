import { beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../core/presets/index';
import type { Lesson } from '../core/lessons/schema';
import { findLesson } from '../lessons/index';
import { lessonFragment, readLessonLink } from './lesson-link';
import { LESSON_PROGRESS_KEY, loadLessonProgress, saveLessonProgress, withStepSeen } from './lesson-progress';
import { RESTORE_PREVIOUS_LABEL } from './lesson-slice';
import { analysisSettled, initialFlopLabState, useFlopLab } from './store';

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
  useFlopLab.getState().setGraph(findPreset('alexnet')!.build(), { presetId: 'alexnet', recordHistory: false });
});

describe('lesson links', () => {
  it('read id, 1-based step, presenter, beside a share payload', () => {
    const link = readLessonLink('#lesson=pooling&step=2&presenter=1&s=v1.abc');
    expect(link).toMatchObject({ lesson: { ok: true, value: { id: 'pooling' } }, step: 1, presenter: true });
    expect(readLessonLink('#s=v1.abc')).toBeNull();
    expect(readLessonLink('#presenter=1&s=v1.abc')).toEqual({ lesson: null, step: 0, presenter: true });
  });
  it('refuse an unknown lesson and a step out of range with a message', () => {
    expect(readLessonLink('#lesson=nope')!.lesson).toMatchObject({ ok: false, error: { message: expect.stringContaining("'nope'") } });
    expect(readLessonLink('#lesson=pooling&step=9')!.lesson).toMatchObject({ ok: false, error: { message: expect.stringContaining('1 to 2') } });
    expect(readLessonLink('#lesson=pooling&step=0')!.lesson).toMatchObject({ ok: false });
  });
  it('carry an imported lesson packed in the link (round trip)', () => {
    const mine: Lesson = { format: 'floplab-lesson', version: 1, id: 'mine', title: 'Mine', steps: [{ title: 'A', text: 'x {{macs}}' }, { title: 'B', text: 'y' }] };
    const link = readLessonLink(`#${lessonFragment(mine, 1)}`)!;
    expect(link.lesson).toEqual({ ok: true, value: mine });
    expect(link.step).toBe(1);
    expect(lessonFragment(findLesson('separable')!, 0, { presenter: true, share: 'v1.x' })).toBe('lesson=separable&step=1&presenter=1&s=v1.x');
  });
});

describe('lesson slice', () => {
  it('a step that sets up a model keeps the previous work one step away (Undo and the notice)', async () => {
    useFlopLab.getState().startLesson('separable');
    const s = useFlopLab.getState();
    expect(s.graph.name).toBe('Normal 7×7 convolution');
    expect(s.selectedLayer).toBe('conv');
    expect(s.notice?.action?.label).toBe(RESTORE_PREVIOUS_LABEL);
    expect(s.canUndo).toBe(true);
    s.undo();
    expect(useFlopLab.getState().graph.name).toBe('AlexNet');
    await analysisSettled();
  });
  it('Next keeps the student\'s model when the step sets up none; a step with a model sets it up', () => {
    const store = useFlopLab.getState();
    store.startLesson('pooling');
    store.removeLayer('conv2');
    useFlopLab.getState().goToStep(1);
    expect(useFlopLab.getState().graph.layers.map((l) => l.name)).toEqual(['input', 'conv1']);
    useFlopLab.getState().goToStep(0);
    expect(useFlopLab.getState().graph.layers.map((l) => l.name)).toEqual(['input', 'conv1', 'conv2']);
  });
  it('a link opened at a later step sets up the model in force there', () => {
    useFlopLab.getState().startLesson('counting-flops', 3);
    expect(useFlopLab.getState()).toMatchObject({ lessonStep: 3, presetId: 'lenet-5', selectedLayer: 'c3' });
  });
});

describe('progress', () => {
  it('is kept under its own key, tolerates junk, and resets', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v), removeItem: (k: string) => void mem.delete(k) };
    const p = withStepSeen(withStepSeen({}, 'pooling', 1), 'pooling', 1, true);
    saveLessonProgress(storage, p);
    expect([...mem.keys()]).toEqual([LESSON_PROGRESS_KEY]);
    expect(loadLessonProgress(storage)).toEqual({ pooling: { reached: 1, done: [1] } });
    mem.set(LESSON_PROGRESS_KEY, '{"pooling":{"reached":-1}}');
    expect(loadLessonProgress(storage)).toEqual({});
    saveLessonProgress(storage, {});
    expect(mem.size).toBe(0);
  });
});
