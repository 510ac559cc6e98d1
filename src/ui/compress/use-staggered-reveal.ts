import { useEffect, useState } from 'react';

/**
 * How many of `count` sections to show: one more per macrotask after the first paint. Each
 * Recharts chart mounts with several synchronous re-renders (its store settles in layout
 * effects), so mounting them all at once is one long main-thread task; one per task keeps every
 * task short and the page responsive. `resetKey` starts over (new results).
 */
export function useStaggeredReveal(count: number, resetKey: unknown): number {
  const [state, setState] = useState({ key: resetKey, shown: 1 });
  if (state.key !== resetKey) setState({ key: resetKey, shown: 1 });
  const shown = state.key === resetKey ? state.shown : 1;
  useEffect(() => {
    if (shown >= count) return;
    const timer = setTimeout(() => setState((s) => ({ ...s, shown: s.shown + 1 })), 16);
    return () => clearTimeout(timer);
  }, [shown, count]);
  return shown;
}
