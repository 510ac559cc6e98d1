/** Moves keyboard focus to a layer's row in the stack after React has re-rendered it. */
export function focusLayerRow(name: string): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-layer-select="${CSS.escape(name)}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'nearest' });
  });
}
