/**
 * What the page shell needs of the lessons: the header's "Lessons" button, the Lesson panel and
 * presenter mode. The panel and presenter code load when first opened (not in the first load).
 */
import { lazy, Suspense } from 'react';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { ViewPlaceholder } from '../layout/lazy-views';

const LazyLessonPanel = lazy(() => import('./lesson-panel').then((m) => ({ default: m.LessonPanel })));
const LazyPresenterView = lazy(() => import('./presenter-view').then((m) => ({ default: m.PresenterView })));

/** The header button that shows or hides the Lesson panel. */
export function LessonsButton() {
  const open = useFlopLab((s) => s.lessonsOpen);
  const setOpen = useFlopLab((s) => s.setLessonsOpen);
  // Below 2xl the word hides behind an icon: with it the header no longer fit one row at 1280 px
  // (a second header row cost the playground 46 px). The accessible name stays "Lessons".
  return (
    <Button aria-expanded={open} aria-label="Lessons" title="Lessons: guided steps through the lecture" onClick={() => setOpen(!open)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M2 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H2z" /><path d="M22 4h-7a3 3 0 0 0-3 3v13a2 2 0 0 1 2-2h8z" />
      </svg>
      <span className="hidden 2xl:inline">Lessons</span>
    </Button>
  );
}

/** The Lesson panel when open (between the totals and the playground). */
export function LessonArea() {
  const open = useFlopLab((s) => s.lessonsOpen);
  if (!open) return null;
  return (
    <div className="px-4 pb-2">
      <Suspense fallback={<ViewPlaceholder what="the lesson" />}><LazyLessonPanel /></Suspense>
    </div>
  );
}

/** True while the Lesson panel is shown (the page then scrolls rather than squeezing the playground). */
export function useLessonsOpen(): boolean {
  return useFlopLab((s) => s.lessonsOpen);
}

/** True while presenter mode is on (the page then shows PresenterScreen only). */
export function usePresenter(): boolean {
  return useFlopLab((s) => s.presenter);
}

export function PresenterScreen() {
  return <Suspense fallback={<ViewPlaceholder what="presenter mode" />}><LazyPresenterView /></Suspense>;
}
