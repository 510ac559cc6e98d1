/**
 * Draws its children only once their place has come near the screen: a chart below the fold is
 * not built when the Analysis tab opens (mounting Recharts is hundreds of ms for a big model),
 * and each chart that scrolls in is built in a task of its own.
 */
import { useRef, type ReactNode } from 'react';
import { useSeenOnScreen } from './use-when-visible';

export function MountWhenSeen({ heightPx, children }: { heightPx: number; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const seen = useSeenOnScreen(place);
  if (seen) return <>{children}</>;
  return <div ref={place} style={{ height: heightPx }} aria-hidden="true" />;
}
