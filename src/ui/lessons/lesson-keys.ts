import { useFlopLab } from '../../state/store';

/** True when a key press belongs to a text field (arrow keys there move the caret, not the lesson). */
export function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}

/** The step move of a key: −1, +1 or 0 (no modifiers; ←/→ always, PageUp/PageDown when `pages`). */
export function stepDelta(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, pages: boolean): number {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return 0;
  if (e.key === 'ArrowRight' || (pages && e.key === 'PageDown')) return 1;
  if (e.key === 'ArrowLeft' || (pages && e.key === 'PageUp')) return -1;
  return 0;
}

/** ←/→ in the Lesson region: the previous or next step, unless the key belongs to a text field. */
export function onLessonArrowKey(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; target: EventTarget | null; defaultPrevented: boolean; preventDefault(): void }, move: (delta: number) => void): void {
  if (e.defaultPrevented || inTextField(e.target)) return;
  const delta = stepDelta(e, false);
  if (delta === 0) return;
  e.preventDefault();
  move(delta);
}

/** Moves the open lesson by `delta` steps (no-op past either end). */
export function moveStep(delta: number): void {
  const s = useFlopLab.getState();
  s.goToStep(s.lessonStep + delta);
}
