/**
 * After a layer is added from the palette, the keyboard focus moves to the new layer's first
 * field in the inspector (its first hyperparameter; the Name field when it has none), so the
 * next keys a keyboard user types set its size instead of tabbing across the page to reach it.
 */
import { useFlopLab } from '../../state/store';

/** Frames to wait for the inspector to show the newly selected layer before giving up. */
const MAX_FRAMES = 10;

const FIELD = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

/** Focuses the selected layer's first field once the inspector shows that layer. */
export function focusNewLayerField(): void {
  const wanted = useFlopLab.getState().selectedLayer;
  if (wanted === null) return;
  let frames = 0;
  const tryFocus = () => {
    const inspector = document.querySelector<HTMLElement>('[data-inspector-layer]');
    if (inspector?.dataset.inspectorLayer !== wanted) {
      if (++frames < MAX_FRAMES) requestAnimationFrame(tryFocus);
      return;
    }
    const field = inspector.querySelector<HTMLElement>(`[data-inspector-fields] :is(${FIELD})`)
      ?? inspector.querySelector<HTMLElement>(FIELD);
    field?.focus();
    field?.scrollIntoView({ block: 'nearest' });
  };
  requestAnimationFrame(tryFocus);
}
