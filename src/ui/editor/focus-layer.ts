/**
 * Puts keyboard focus back on a layer's row after React has re-rendered the stack (a move can
 * take the focused button out of the document for a moment). `control` is the accessible name
 * of the button to focus in that row; by default the row's select button.
 */
export function focusLayerRow(name: string, control?: string | null): void {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`li[data-layer="${CSS.escape(name)}"]`);
    const wanted = control ? row?.querySelector<HTMLElement>(`[aria-label="${CSS.escape(control)}"]:not([disabled])`) : null;
    const el = wanted ?? row?.querySelector<HTMLElement>('[data-layer-select]');
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  });
}
