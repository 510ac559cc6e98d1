/**
 * The page: header (title, preset, import, history, share, export), notice, totals, then three
 * columns: palette + layer stack, the inspector, and the Analysis / Compare / Compress tabs.
 */
import { useEffect, useRef } from 'react';
import { findDevice } from '../core/devices';
import { useFlopLab } from '../state/store';
import { useLatency } from '../state/selectors';
import { TotalsBar } from './analysis/totals-bar';
import { MAIN_CONTENT_ID, SkipLink } from './common/skip-link';
import { TabList, type TabDef } from './common/tabs';
import { Inspector } from './editor/inspector';
import type { Tab } from '../state/store-types';
import { Header } from './layout/header';
import { LessonArea, PresenterScreen, useLessonsOpen, usePresenter } from './lessons/lazy-lessons';
import {
  LazyAnalysisTab, LazyCompareTab, LazyCompressTab, LazyDistillTab, LazyEditorPanel, LazyTrainTab, LazyView, useFirstFiguresPainted, ViewPlaceholder,
} from './layout/lazy-views';
import { NoticeBanner } from './layout/notice-banner';
import { PageDropZone } from './layout/page-drop-zone';
import { useUndoShortcuts } from './layout/use-undo-shortcuts';
import { WorkerAlert } from './measure/worker-alert';

const TABS: readonly TabDef<Tab>[] = [
  { id: 'analysis', label: 'Analysis' },
  { id: 'compare', label: 'Compare' },
  { id: 'compress', label: 'Compress' },
  { id: 'train', label: 'Train' },
  { id: 'distill', label: 'Distill' },
];

export function App() {
  useUndoShortcuts();
  // The totals come first; the editor and the views load once they are painted.
  const ready = useFirstFiguresPainted();
  // Presenter mode (issue 10): the lesson step, the totals and the step's one view only.
  const presenter = usePresenter();
  // With the Lesson panel open the page scrolls: the playground keeps its height instead of collapsing.
  const lessonsOpen = useLessonsOpen();
  if (presenter) return <PresenterScreen />;
  return (
    <div className={`flex min-h-screen flex-col ${lessonsOpen ? '' : 'lg:h-screen'}`}>
      <SkipLink />
      <Header />
      <NoticeBanner />
      <WorkerAlert />
      <Totals />
      <LessonArea />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className={`focus:outline-none grid min-h-0 ${lessonsOpen ? 'lg:h-[max(30rem,calc(100vh-4rem))]' : ''} flex-1 grid-cols-1 gap-3 px-4 pb-3 lg:grid-cols-[19rem_16rem_minmax(0,1fr)] 2xl:grid-cols-[23rem_19rem_minmax(0,1fr)]`}>
        <div className="flex min-h-0 flex-col rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 max-lg:h-[70vh]">
          {ready ? <LazyView what="the editor"><LazyEditorPanel /></LazyView> : <ViewPlaceholder what="the editor" />}
        </div>
        <aside aria-label="Inspector" className="min-h-0 overflow-y-auto rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
          <Inspector />
        </aside>
        <Tabs ready={ready} />
      </main>
      <PageDropZone />
    </div>
  );
}

function Totals() {
  const report = useFlopLab((s) => s.report);
  const broken = useFlopLab((s) => s.errors.length > 0);
  const latency = useLatency();
  const deviceId = useFlopLab((s) => s.deviceId);
  const empty = useFlopLab((s) => s.graph.layers.length === 0);
  const deviceName = deviceId === 'custom' ? 'a custom device' : findDevice(deviceId)?.name;
  return (
    <div className="px-4 py-2">
      <TotalsBar report={report} latency={latency} stale={broken} deviceName={deviceName}
        emptyHint={empty ? 'The model is empty: add an Input layer from the palette to start (or pick a Preset).' : undefined} />
    </div>
  );
}

function Tabs({ ready }: { ready: boolean }) {
  const tab = useFlopLab((s) => s.tab);
  const setTab = useFlopLab((s) => s.setTab);
  // The three tabs share one scroll box: each opens at its top, not where the last one was left.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0;
  }, [tab]);
  return (
    <section className="flex min-h-0 min-w-0 flex-col">
      <TabList tabs={TABS} value={tab} onChange={setTab} label="Views" idPrefix="views" />
      <div
        ref={panel}
        role="tabpanel"
        id={`views-panel-${tab}`}
        aria-labelledby={`views-tab-${tab}`}
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto rounded-b-lg border border-t-0 border-slate-300 bg-white p-4"
      >
        {!ready ? <ViewPlaceholder what="the figures" /> : (
          <LazyView what={`the ${tab} view`}>
            {tab === 'analysis' && <LazyAnalysisTab />}
            {tab === 'compare' && <LazyCompareTab />}
            {tab === 'compress' && <LazyCompressTab />}
            {tab === 'train' && <LazyTrainTab />}
            {tab === 'distill' && <LazyDistillTab />}
          </LazyView>
        )}
      </div>
    </section>
  );
}

