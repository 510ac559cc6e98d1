/**
 * Freezing off-screen views: a chart below the fold keeps its last drawing while the user edits,
 * and catches up as soon as it scrolls into view. Recharts redraws are the costliest part of an
 * edit (tens of ms per chart); skipping them for charts nobody sees keeps the page responsive.
 */
import { useEffect, useState, type RefObject } from 'react';

/**
 * True once the element has come on screen (or near it), and from then on. Where
 * IntersectionObserver is missing (server rendering, tests) it is true from the start.
 */
export function useSeenOnScreen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: MARGIN });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

/** How far outside the viewport a view already counts as visible (so it is fresh when reached). */
const MARGIN = '200px 0px';

/** True while the element is on screen (or near it); true until first measured and where IntersectionObserver is missing. */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setOnScreen(entry.isIntersecting);
    }, { rootMargin: MARGIN });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}

/** `value` while `live`, else the value last seen while live (the first value if never). */
export function useLatestWhile<T>(value: T, live: boolean): T {
  const [kept, setKept] = useState(value);
  // Storing what was seen during render (React's documented pattern): no effect, no extra commit.
  if (live && !Object.is(kept, value)) setKept(value);
  return live ? value : kept;
}
