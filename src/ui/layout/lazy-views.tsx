/**
 * The views (Analysis, Compare, Compress), the charts and the editor (palette and Layers stack,
 * with dnd-kit and the list virtualiser) load after the first totals are painted: their code
 * stays out of the page's first chunk (issue 7: ≤ 200 KB of gzipped JS before the totals show).
 */
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useFlopLab } from '../../state/store';

export const LazyEditorPanel = lazy(() => import('../editor/editor-panel').then((m) => ({ default: m.EditorPanel })));
export const LazyAnalysisTab = lazy(() => import('./analysis-tab').then((m) => ({ default: m.AnalysisTab })));
export const LazyCompareTab = lazy(() => import('./compare-tab').then((m) => ({ default: m.CompareTab })));
export const LazyCompressTab = lazy(() => import('./compress-tab').then((m) => ({ default: m.CompressTab })));
/** The Share box (with its QR code generator) opens on demand. */
export const LazyShareBox = lazy(() => import('./share-box').then((m) => ({ default: m.ShareBox })));
export const LazyTrainTab = lazy(() => import('./train-tab').then((m) => ({ default: m.TrainTab })));
export const LazyDistillTab = lazy(() => import('./distill-tab').then((m) => ({ default: m.DistillTab })));

/** A small placeholder while a view's code is on its way. */
export function ViewPlaceholder({ what }: { what: string }) {
  return <p role="status" className="text-base text-slate-600">Loading {what}…</p>;
}

export function LazyView({ what, children }: { what: string; children: ReactNode }) {
  return <Suspense fallback={<ViewPlaceholder what={what} />}>{children}</Suspense>;
}

/**
 * True from the first frame painted after the first figures are in (or there is nothing to
 * analyse: an empty or broken model), and from then on.
 */
export function useFirstFiguresPainted(): boolean {
  const ready = useFlopLab((s) => s.report !== null || s.errors.length > 0 || s.graph.layers.length === 0);
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer = 0;
    // A timeout queued in the next animation frame runs after that frame is painted.
    const frame = requestAnimationFrame(() => { timer = window.setTimeout(() => setPainted(true)); });
    return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
  }, [ready, painted]);
  return painted;
}
