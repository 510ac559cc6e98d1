import { formatRatio, type SeparableSwap } from './compare-deltas';
import { formatCount } from '../../core/format';
import { Katex } from './formula-view';
import { formatExact, formatPercent } from './unit-scale';

const WHY = `A normal convolution mixes space and channels in one step: each of the Cout filters reads a K×K×Cin block
for every output pixel, K²·Cin·Cout MACs per pixel. The separable one splits the job: a depthwise K×K filter runs
on each input channel separately (K²·Cin per pixel, no channel mixing), then a 1×1 pointwise convolution mixes the
channels (Cin·Cout per pixel). Dividing (K²·Cin + Cin·Cout) by K²·Cin·Cout gives 1/Cout + 1/K².`;

/** One Conv2D ↔ SeparableConv2D swap: MACs before/after, saving, measured ratio and the formula. */
export function SwapCard({ swap }: { swap: SeparableSwap }) {
  const [kh, kw] = swap.kernel;
  const from = swap.direction === 'to-separable' ? 'Conv2D' : 'SeparableConv2D';
  const to = swap.direction === 'to-separable' ? 'SeparableConv2D' : 'Conv2D';
  const saves = swap.savingMacs >= 0;
  const formulaMatches = Math.abs(swap.measuredRatio - swap.formulaRatio) < 1e-9;
  return (
    <article className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="separable-swap" data-layer={swap.name}>
      <h4 className="text-lg font-semibold text-slate-900">
        {swap.name === swap.nameB ? swap.name : `${swap.name} → ${swap.nameB}`}: {from} → {to}{' '}
        <span className="font-normal text-slate-600">({kh}×{kw} kernel, {swap.cin} → {swap.cout} channels)</span>
      </h4>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
        <dt className="font-medium text-slate-700">MACs before</dt>
        <dd className="tabular-nums">{formatExact(swap.macsBefore)} ({formatCount(swap.macsBefore)})</dd>
        <dt className="font-medium text-slate-700">MACs after</dt>
        <dd className="tabular-nums">
          {formatExact(swap.macsAfter)} ({formatCount(swap.macsAfter)})
          {swap.depthwiseMacs !== null && swap.pointwiseMacs !== null && (
            <span className="text-slate-600">
              {' '}= depthwise {formatExact(swap.depthwiseMacs)} + pointwise {formatExact(swap.pointwiseMacs)}
            </span>
          )}
        </dd>
        <dt className="font-medium text-slate-700">{saves ? 'Saving' : 'Extra cost'}</dt>
        <dd className="tabular-nums font-semibold" data-testid="swap-saving" data-value={swap.savingMacs}>
          {formatExact(Math.abs(swap.savingMacs))} MACs ({formatPercent(Math.abs(swap.savingFraction))} {saves ? 'fewer' : 'more'}
          {swap.measuredRatio > 0 && `; the separable layer does ${formatRatio(1 / swap.measuredRatio)}× less work`})
        </dd>
        <dt className="font-medium text-slate-700">Measured ratio</dt>
        <dd className="tabular-nums" data-testid="swap-measured-ratio" data-value={swap.measuredRatio}>
          separable ÷ normal = {formatExact(swap.separableMacs)} ÷ {formatExact(swap.convMacs)} = {formatRatio(swap.measuredRatio)}
        </dd>
      </dl>
      <div className="mt-3 rounded-md bg-slate-50 px-3 py-2">
        <div className="text-base font-medium text-slate-700">Predicted ratio</div>
        <Katex latex={swap.formulaLatex} />
        <p className="font-mono text-base text-slate-800" data-testid="swap-formula">{swap.formulaText}</p>
        {!formulaMatches && (
          <p className="text-sm text-slate-600">
            The measured ratio differs from the formula because the two layers do not have the same output size
            (or the depth multiplier is not 1).
          </p>
        )}
      </div>
      <p className="mt-2 max-w-prose text-base text-slate-700"><span className="font-medium">Why: </span>{WHY}</p>
    </article>
  );
}
