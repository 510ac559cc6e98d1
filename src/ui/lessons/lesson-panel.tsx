/**
 * The region "Lesson" beside the playground: the list of lessons, or the open lesson's step.
 * ←/→ move between steps while the focus is in the panel (not in a text field).
 */
import type { KeyboardEvent } from 'react';
import { lessonById } from '../../state/lesson-slice';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { moveStep, onLessonArrowKey } from './lesson-keys';
import { LessonList } from './lesson-list';
import { LessonStepView } from './lesson-step-view';
import { PresenterToggle } from './presenter-toggle';

export function LessonPanel() {
  const lessonId = useFlopLab((s) => s.lessonId);
  const imported = useFlopLab((s) => s.importedLesson);
  const setOpen = useFlopLab((s) => s.setLessonsOpen);
  const showList = useFlopLab((s) => s.showLessonList);
  const lesson = lessonById(lessonId, imported);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (lesson) onLessonArrowKey(e, moveStep);
  };
  return (
    <section aria-label="Lesson" onKeyDown={onKeyDown} data-testid="lesson-panel"
      className="max-h-[40vh] min-w-0 overflow-y-auto rounded-lg border-2 border-accent bg-white p-3 shadow-sm max-lg:max-h-none">
      <div className="mb-1 flex flex-wrap items-center justify-end gap-2 sm:float-right sm:ml-3">
        {lesson && <Button size="sm" onClick={showList}>All lessons</Button>}
        <PresenterToggle />
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)} aria-label="Close lessons">✕</Button>
      </div>
      {lesson ? <LessonStepView lesson={lesson} /> : <LessonList />}
    </section>
  );
}
