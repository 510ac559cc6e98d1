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
  return <Button aria-expanded={open} onClick={() => setOpen(!open)}>Lessons</Button>;
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

/** True while presenter mode is on (the page then shows PresenterScreen only). */
export function usePresenter(): boolean {
  return useFlopLab((s) => s.presenter);
}

export function PresenterScreen() {
  return <Suspense fallback={<ViewPlaceholder what="presenter mode" />}><LazyPresenterView /></Suspense>;
}
