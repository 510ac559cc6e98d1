/**
 * Presenter mode, for the projector: large type (html at 20 px, so every rem grows), high
 * contrast, and only the lesson step, the totals, the one view the step needs and a QR code of
 * the link. PageUp/PageDown (what presentation clickers send) move between steps anywhere.
 */
import { useEffect, useMemo } from 'react';
import { findDevice } from '../../core/devices';
import { currentLinks } from '../../state/lesson-link';
import { lessonById } from '../../state/lesson-slice';
import { useLatency } from '../../state/selectors';
import { useFlopLab } from '../../state/store';
import { TotalsBar } from '../analysis/totals-bar';
import { Inspector } from '../editor/inspector';
import { LazyAnalysisTab, LazyCompareTab, LazyCompressTab, LazyDistillTab, LazyEditorPanel, LazyView } from '../layout/lazy-views';
import { NoticeBanner } from '../layout/notice-banner';
import { inTextField, moveStep, onLessonArrowKey, stepDelta } from './lesson-keys';
import { LessonList } from './lesson-list';
import { LessonStepView } from './lesson-step-view';
import { PresenterToggle } from './presenter-toggle';
import { QrCode } from './qr-code';

export const PRESENTER_FONT_PX = 20;

export function PresenterView() {
  const lessonId = useFlopLab((s) => s.lessonId);
  const imported = useFlopLab((s) => s.importedLesson);
  const stepIndex = useFlopLab((s) => s.lessonStep);
  const lesson = lessonById(lessonId, imported);
  const view = lesson?.steps[stepIndex]?.view ?? 'analysis';
  usePresenterFont();
  usePageKeys();
  return (
    <div className="flex min-h-screen flex-col gap-3 bg-white p-3 text-slate-950">
      <header className="flex flex-wrap items-center gap-3 border-b-2 border-slate-900 pb-2">
        <h1 className="text-2xl font-extrabold text-accent-dark">FlopLab</h1>
        <span className="min-w-0 flex-1 truncate font-semibold">{lesson?.title ?? 'Lessons'}</span>
        <PresenterToggle />
      </header>
      <NoticeBanner />
      <div className="grid min-w-0 gap-4 md:grid-cols-[minmax(0,1fr)_auto]">
        <section aria-label="Lesson" className="min-w-0" onKeyDown={(e) => onLessonArrowKey(e, moveStep)}>
          {lesson ? <LessonStepView lesson={lesson} presenter /> : <LessonList />}
        </section>
        <aside aria-label="Share this model" className="justify-self-center">
          <PresenterQr />
        </aside>
      </div>
      <PresenterTotals />
      <section aria-label="View" className="min-w-0 rounded-lg border-2 border-slate-900 p-3">
        <LazyView what={`the ${view} view`}>
          {view === 'analysis' && <LazyAnalysisTab />}
          {view === 'compare' && <LazyCompareTab />}
          {view === 'compress' && <LazyCompressTab />}
          {view === 'distill' && <LazyDistillTab />}
          {view === 'editor' && (
            <div className="grid min-w-0 gap-3 md:grid-cols-2">
              <div className="flex h-[60vh] min-h-0 min-w-0 flex-col"><LazyEditorPanel /></div>
              <div aria-label="Inspector" role="region" className="min-w-0"><Inspector /></div>
            </div>
          )}
        </LazyView>
      </section>
    </div>
  );
}

/** The QR code of the current link, redrawn when the model, the lesson or the step changes. */
function PresenterQr() {
  const graph = useFlopLab((s) => s.graph);
  const step = useFlopLab((s) => s.lessonStep);
  const lessonId = useFlopLab((s) => s.lessonId);
  const deviceId = useFlopLab((s) => s.deviceId);
  // The store fields above are what the link is made of: recompute when one changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const links = useMemo(() => currentLinks(), [graph, step, lessonId, deviceId]);
  return <QrCode url={links.full} withoutModel={links.withoutModel} sizePx={260} />;
}

function PresenterTotals() {
  const report = useFlopLab((s) => s.report);
  const broken = useFlopLab((s) => s.errors.length > 0);
  const latency = useLatency();
  const deviceId = useFlopLab((s) => s.deviceId);
  const deviceName = deviceId === 'custom' ? 'a custom device' : findDevice(deviceId)?.name;
  return <TotalsBar report={report} latency={latency} stale={broken} deviceName={deviceName} />;
}

/** html at 20 px while presenting: Tailwind sizes are rem, so the whole page grows with it. */
function usePresenterFont() {
  useEffect(() => {
    const html = document.documentElement;
    const before = html.style.fontSize;
    html.style.fontSize = `${PRESENTER_FONT_PX}px`;
    return () => { html.style.fontSize = before; };
  }, []);
}

function usePageKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || inTextField(e.target)) return;
      const delta = stepDelta(e, true);
      // ←/→ only inside the Lesson region (handled there); PageUp/PageDown anywhere.
      if (delta === 0 || (e.key !== 'PageUp' && e.key !== 'PageDown')) return;
      e.preventDefault();
      moveStep(delta);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
