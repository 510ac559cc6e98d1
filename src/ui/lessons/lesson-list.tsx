import { useId, useState } from 'react';
import { parseLessonText } from '../../core/lessons/parse-lesson';
import { LESSONS } from '../../lessons/index';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';

/** The lessons in the lecture's order, each with its progress; import a lesson file; reset the progress. */
export function LessonList() {
  const progress = useFlopLab((s) => s.lessonProgress);
  const imported = useFlopLab((s) => s.importedLesson);
  const startLesson = useFlopLab((s) => s.startLesson);
  const reset = useFlopLab((s) => s.resetLessonProgress);
  const lessons = imported && !LESSONS.some((l) => l.id === imported.id) ? [...LESSONS, imported] : LESSONS;
  return (
    <div className="space-y-3">
      <h2 className="text-xl font-bold">Lessons</h2>
      <ol className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {lessons.map((lesson) => {
          const p = progress[lesson.id];
          const at = p ? Math.min(p.reached, lesson.steps.length - 1) : 0;
          return (
            <li key={lesson.id} className="flex min-w-0 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white p-2">
              <span className="min-w-0">
                <span className="block font-semibold">{lesson.title}</span>
                <span className="block text-sm text-slate-700">
                  {lesson.steps.length} steps{p ? `, reached step ${p.reached + 1}${p.done.length ? `, ${p.done.length} task${p.done.length > 1 ? 's' : ''} done` : ''}` : ''}
                </span>
              </span>
              <Button onClick={() => startLesson(lesson.id, at)} aria-label={`${p ? 'Continue' : 'Start'} ${lesson.title}`}>{p ? 'Continue' : 'Start'}</Button>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <ImportLesson />
        <Button variant="danger" onClick={reset} disabled={Object.keys(progress).length === 0}>Reset progress</Button>
      </div>
    </div>
  );
}

function ImportLesson() {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const importLesson = useFlopLab((s) => s.importLesson);
  const startLesson = useFlopLab((s) => s.startLesson);
  return (
    <div className="relative">
      <input id={id} type="file" accept=".json,application/json" className="peer sr-only"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > 1_000_000) { setError(`Expected a lesson file under 1 MB, but '${file.name.slice(0, 60)}' has ${file.size.toLocaleString('en-US')} bytes.`); return; }
          const lesson = parseLessonText(await file.text());
          if (!lesson.ok) { setError(lesson.error.message); return; }
          setError(null);
          importLesson(lesson.value);
          startLesson(lesson.value.id);
        }} />
      <label htmlFor={id} className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 peer-focus-visible:outline-3 peer-focus-visible:outline-[#e69f00]">
        Import lesson
      </label>
      {error && <p role="alert" className="mt-1 text-error">{error}</p>}
    </div>
  );
}
