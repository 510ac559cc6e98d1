/**
 * "Make separable" / "Make normal": swaps a Conv2D for a SeparableConv2D with the same filters,
 * kernel, strides and padding (and back), and says what the swap does to the MACs.
 */
import type { Conv2DSpec, LayerSpec, SeparableConv2DSpec } from '../../core/model';
import { separableRatio, toConv, toSeparable } from '../../core/separable';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';

/**
 * The swap changes the layer's type, which gives the inspector fresh fields (the button that had
 * the focus is gone): put the focus on the swapped layer's own swap button, so it never drops to
 * the page and pressing it again swaps back.
 */
function focusSwapButton(name: string): void {
  requestAnimationFrame(() => {
    const inspector = document.querySelector<HTMLElement>('[data-inspector-layer]');
    if (inspector?.dataset.inspectorLayer !== name) return;
    inspector.querySelector<HTMLElement>('[data-separable-swap]')?.focus();
  });
}

export function SeparableSwap({ layer }: { layer: Conv2DSpec | SeparableConv2DSpec }) {
  const storeReplace = useFlopLab((s) => s.replaceLayer);
  const replaceLayer = (name: string, next: LayerSpec) => {
    storeReplace(name, next);
    focusSwapButton(next.name);
  };
  const [kh, kw] = layer.kernelSize;
  const ratio = kh === kw ? separableRatio(kh, layer.filters) : null;
  const formula = ratio === null ? null
    : `1/Cout + 1/K² = 1/${layer.filters} + 1/${kh * kw} = ${ratio.toFixed(3)}`;
  if (layer.type === 'Conv2D') {
    return (
      <div className="flex flex-col gap-1 rounded-md border border-slate-300 bg-slate-50 p-2">
        <Button data-separable-swap variant="primary" onClick={() => replaceLayer(layer.name, toSeparable(layer))}>Make separable</Button>
        <p className="text-sm text-slate-700">
          Depthwise {kh}×{kw} then pointwise 1×1 with the same filters, strides and padding.
          {formula && <> MACs × ({formula}).</>}
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1 rounded-md border border-slate-300 bg-slate-50 p-2">
      <Button data-separable-swap onClick={() => replaceLayer(layer.name, toConv(layer))}>Make normal</Button>
      <p className="text-sm text-slate-700">
        Back to one {kh}×{kw} Conv2D.{ratio !== null && <> MACs × {(1 / ratio).toFixed(1)} (1 / {ratio.toFixed(3)}).</>}
      </p>
    </div>
  );
}
