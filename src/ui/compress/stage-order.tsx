import { IconButton } from '../common/button';
import { DEEP_COMPRESSION_ORDER, moveStage, STAGE_LABELS, type PlanForm } from './plan-form';

/** The pipeline's stages in the user's order: each can be switched off or moved up and down. */
export function StageOrder({ form, onChange }: { form: PlanForm; onChange(next: PlanForm): void }) {
  const isDeepCompression = form.order.every((k, i) => k === DEEP_COMPRESSION_ORDER[i]);
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 p-3">
      <legend className="px-1 font-semibold">Stage order</legend>
      <ol aria-label="Compression stages" className="flex flex-col gap-1">
        {form.order.map((kind, i) => (
          <li key={kind} className="flex items-center gap-2 rounded bg-slate-50 px-2 py-1">
            <span aria-hidden="true" className="w-5 text-right tabular-nums text-slate-500">{i + 1}.</span>
            <input
              id={`stage-${kind}`} type="checkbox" className="h-5 w-5 accent-accent"
              checked={form.enabled[kind]}
              onChange={(e) => onChange({ ...form, enabled: { ...form.enabled, [kind]: e.target.checked } })}
            />
            <label htmlFor={`stage-${kind}`} className="flex-1 font-medium">{STAGE_LABELS[kind]}</label>
            <IconButton label={`Move ${STAGE_LABELS[kind]} up`} disabled={i === 0} onClick={() => onChange({ ...form, order: moveStage(form.order, i, -1) })}>↑</IconButton>
            <IconButton label={`Move ${STAGE_LABELS[kind]} down`} disabled={i === form.order.length - 1} onClick={() => onChange({ ...form, order: moveStage(form.order, i, 1) })}>↓</IconButton>
          </li>
        ))}
      </ol>
      <p className="text-xs text-slate-600">
        {isDeepCompression
          ? 'Deep Compression\'s order: prune → share → quantize the codebook → Huffman.'
          : 'Each stage works on the previous stage\'s output.'}
      </p>
    </fieldset>
  );
}
