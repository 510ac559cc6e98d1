/**
 * Lesson links: '#lesson=<id>&step=<n>' (1-based) opens a shipped lesson at a step, '#lx=<packed
 * lesson>' carries an imported one, 'presenter=1' turns presenter mode on; all combine with the
 * share payload '&s=v1.…' (url-codec.ts), whose model then wins over the step's set-up. Parsing is
 * strict: an unknown id, a bad step or a damaged lesson gives a message, never a throw.
 */
import { parseLesson } from '../core/lessons/parse-lesson';
import type { Lesson } from '../core/lessons/schema';
import { fail, ok, type Result } from '../core/result';
import { findLesson } from '../lessons/index';
import { MAX_INFLATED_BYTES, packText, unpackText } from './packed-text';
import { lessonById } from './lesson-slice';
import { shareableState } from './share';
import { useFlopLab } from './store';
import { encodeShareState, SHARE_PARAM } from './url-codec';

export interface LessonLink {
  /** The lesson to open (shipped, or carried by the link); null for 'presenter=1' alone. */
  lesson: Result<Lesson> | null;
  /** 0-based. */
  step: number;
  presenter: boolean;
}

const MAX_LESSON_CHARS = 200_000;

function params(fragment: string): Map<string, string> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const map = new Map<string, string>();
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !map.has(part.slice(0, eq))) map.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return map;
}

/** The lesson part of a fragment; null when it has none (no lesson, no presenter=1). */
export function readLessonLink(fragment: string): LessonLink | null {
  const p = params(fragment);
  const id = p.get('lesson');
  const packed = p.get('lx');
  const presenter = p.get('presenter') === '1';
  if (id === undefined && packed === undefined) return presenter ? { lesson: null, step: 0, presenter } : null;
  const stepText = p.get('step') ?? '1';
  const stepNumber = /^\d{1,3}$/.test(stepText) ? Number(stepText) : NaN;
  let lesson: Result<Lesson>;
  if (packed !== undefined) lesson = unpackLesson(packed);
  else {
    const found = findLesson(decodeURIComponent(id ?? ''));
    lesson = found ? ok(found) : linkError(`Expected the link to name a lesson, but got '${(id ?? '').slice(0, 40)}'.`);
  }
  if (lesson.ok && !(stepNumber >= 1 && stepNumber <= lesson.value.steps.length)) {
    lesson = linkError(`Expected the link's step to be 1 to ${lesson.value.steps.length}, but got '${stepText.slice(0, 10)}'.`);
  }
  return { lesson, step: Number.isNaN(stepNumber) ? 0 : stepNumber - 1, presenter };
}

function unpackLesson(packed: string): Result<Lesson> {
  if (packed.length > MAX_LESSON_CHARS) return linkError(`Expected the link's lesson to be at most ${MAX_LESSON_CHARS} characters, but it has ${packed.length}.`);
  const text = unpackText(packed, MAX_INFLATED_BYTES);
  if (!text.ok) return linkError(`The link's lesson could not be read (${text.error.message}).`);
  try {
    return parseLesson(JSON.parse(text.value));
  } catch {
    return linkError("Expected the link's lesson to be JSON, but it is not.");
  }
}

/**
 * The fragment of a lesson link (without '#'): a shipped lesson by id, an imported one packed in
 * the link; `share` is an encoded share payload ('v1.…') to add, or null for the lesson alone.
 */
export function lessonFragment(lesson: Lesson, step: number, opts: { presenter?: boolean; share?: string | null } = {}): string {
  const shipped = findLesson(lesson.id) === lesson;
  const parts = [shipped ? `lesson=${lesson.id}` : `lx=${packText(JSON.stringify(lesson))}`, `step=${step + 1}`];
  if (opts.presenter) parts.push('presenter=1');
  if (opts.share) parts.push(`${SHARE_PARAM}=${opts.share}`);
  return parts.join('&');
}

/**
 * Opens the lesson a link names. `withModel` false when the link also carried a model (the share
 * payload's model is the one to show); `keepPrevious` false when the page holds no work of the
 * user's (a first visit: nothing to undo back to). A bad lesson part is reported and changes nothing.
 */
export function openLessonLink(link: LessonLink, opts: { withModel: boolean; keepPrevious?: boolean }): void {
  const store = useFlopLab.getState();
  if (link.lesson === null) {
    store.setPresenter(link.presenter);
    return;
  }
  if (!link.lesson.ok) {
    store.showNotice({ kind: 'error', message: `This lesson link is damaged: ${link.lesson.error.message}` });
    return;
  }
  const lesson = link.lesson.value;
  if (!findLesson(lesson.id)) store.importLesson(lesson);
  useFlopLab.getState().startLesson(lesson.id, link.step, { setUpModel: opts.withModel, keepPrevious: opts.keepPrevious ?? true });
  if (link.presenter) useFlopLab.getState().setPresenter(true);
}

/** A lesson link pasted into the open page opens its lesson (the model rule applies as on start). */
export function watchLessonLinks(): void {
  window.addEventListener('hashchange', () => {
    const link = readLessonLink(window.location.hash);
    if (link === null) return;
    const withModel = !params(window.location.hash).has(SHARE_PARAM);
    clearLessonParams();
    openLessonLink(link, { withModel });
  });
}

/** Drops the lesson parameters from the address bar (the share payload, if any, is boot's). */
export function clearLessonParams(): void {
  const { pathname, search, hash } = window.location;
  const kept = hash.replace(/^#/, '').split('&').filter((part) => !/^(lesson|lx|step|presenter)=/.test(part)).join('&');
  window.history.replaceState(window.history.state, '', `${pathname}${search}${kept ? `#${kept}` : ''}`);
}

function linkError(message: string) {
  return fail({ code: 'parse-error', message });
}

/**
 * The links to share now: `full` opens the model, device and view (and the open lesson at its
 * step); `withoutModel` is the lesson link alone (null when no lesson is open).
 */
export function currentLinks(): { full: string; withoutModel: string | null } {
  const s = useFlopLab.getState();
  const { origin, pathname, search } = window.location;
  const base = `${origin}${pathname}${search}#`;
  const share = encodeShareState(shareableState(s));
  const lesson = lessonById(s.lessonId, s.importedLesson);
  if (!lesson) return { full: `${base}${SHARE_PARAM}=${share}`, withoutModel: null };
  return { full: base + lessonFragment(lesson, s.lessonStep, { share }), withoutModel: base + lessonFragment(lesson, s.lessonStep) };
}
