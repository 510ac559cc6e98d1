import { useEffect } from 'react';
import { evaluateTask } from '../../core/lessons/task-check';
import type { LessonTask, TemplateContext } from '../../core/lessons/template-types';
import { groupDigits } from '../../core/lessons/template';
import { useDistillJob } from '../../state/distill-slice';
import { useFlopLab } from '../../state/store';
import { weightsKey } from '../../state/weights-key';

/** The figure a task is judged on, as the student reads it: a ratio "12.3×", an accuracy "96.1 %", a count "41,200". */
function currentText(task: LessonTask, value: number): string {
  if (task.kind === 'compressionRatioAtLeast') return `${value.toFixed(1)}×`;
  if (task.kind === 'compressedAccuracyAtLeast' || task.kind === 'distillGapAtLeast') return `${(value * 100).toFixed(1)} %`;
  return groupDigits(value);
}

/** The step's task and whether the live model meets it (green when done); a met task is recorded in the progress. */
export function TaskStatus({ task, context }: { task: LessonTask; context: TemplateContext | null }) {
  const lastCompression = useFlopLab((s) => s.lessonCompression);
  // A compression result counts only for the model it was made on.
  const compression = context && lastCompression && lastCompression.key === weightsKey(context.graph) ? lastCompression.summary : null;
  const distill = useDistillJob((s) => s.result);
  const distillGapRecovered = distill?.status === 'done' ? distill.gapRecovered : null;
  const state = context ? evaluateTask(task, context.report, context.graph, { compression, distillGapRecovered }) : { done: false };
  const stale = useFlopLab((s) => s.errors.length > 0 || s.analysisPending);
  const done = state.done && !stale;
  const markTaskDone = useFlopLab((s) => s.markTaskDone);
  useEffect(() => { if (done) markTaskDone(); }, [done, markTaskDone]);
  return (
    <div data-testid="task-status" data-value={done ? 'done' : 'todo'} role="status"
      className={`rounded-md border-2 p-3 ${done ? 'border-emerald-700 bg-emerald-50 text-emerald-900' : 'border-slate-400 bg-white text-slate-900'}`}>
      <p className="font-semibold">{done ? '✓ Task done: ' : 'Task: '}{task.prompt}</p>
      {state.current !== undefined && <p className="tabular-nums">Now: {currentText(task, state.current)}</p>}
    </div>
  );
}
