import type { Lesson } from '../../core/lessons/schema';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { LessonText } from './lesson-text';
import { PredictBox } from './predict-box';
import { TaskStatus } from './task-status';
import { useStepContext } from './use-step-context';

/** One step: heading, text with the engine's figures, predict-first question, task, and the step buttons. */
export function LessonStepView({ lesson, presenter = false }: { lesson: Lesson; presenter?: boolean }) {
  const stepIndex = useFlopLab((s) => s.lessonStep);
  const goToStep = useFlopLab((s) => s.goToStep);
  const context = useStepContext();
  const step = lesson.steps[stepIndex];
  if (!step) return null;
  return (
    <div className={`grid min-w-0 gap-3 ${presenter ? '2xl:grid-cols-2' : 'lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]'}`}>
      <div className="min-w-0 space-y-2">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{lesson.title} · step {stepIndex + 1} of {lesson.steps.length}</p>
        <h2 className="text-xl font-bold text-slate-950" id="lesson-step-heading">{step.title}</h2>
        <LessonText text={step.text} context={context} />
      </div>
      <div className="min-w-0 space-y-2">
        {/* Keyed by step: a guess belongs to its question. */}
        {step.predict && <PredictBox key={`${lesson.id}-${stepIndex}`} question={step.predict} context={context} />}
        {step.task && <TaskStatus task={step.task} context={context} />}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => goToStep(stepIndex - 1)} disabled={stepIndex === 0} aria-keyshortcuts="ArrowLeft"><span aria-hidden="true">←</span> Previous step</Button>
          <Button variant="primary" onClick={() => goToStep(stepIndex + 1)} disabled={stepIndex === lesson.steps.length - 1} aria-keyshortcuts="ArrowRight">Next step <span aria-hidden="true">→</span></Button>
        </div>
      </div>
    </div>
  );
}
