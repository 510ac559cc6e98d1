/**
 * The views (Analysis, Compare, Compress) and the charts load when first needed: none of them is
 * part of the first paint, so their code (Recharts, KaTeX, the compression lab) stays out of the
 * page's first chunk (issue 7: ≤ 200 KB of gzipped JS before the totals show).
 */
import { lazy, Suspense, type ReactNode } from 'react';

export const LazyAnalysisTab = lazy(() => import('./analysis-tab').then((m) => ({ default: m.AnalysisTab })));
export const LazyCompareTab = lazy(() => import('./compare-tab').then((m) => ({ default: m.CompareTab })));
export const LazyCompressTab = lazy(() => import('./compress-tab').then((m) => ({ default: m.CompressTab })));

/** A small placeholder while a view's code is on its way. */
export function ViewPlaceholder({ what }: { what: string }) {
  return <p role="status" className="text-base text-slate-600">Loading {what}…</p>;
}

export function LazyView({ what, children }: { what: string; children: ReactNode }) {
  return <Suspense fallback={<ViewPlaceholder what={what} />}>{children}</Suspense>;
}
