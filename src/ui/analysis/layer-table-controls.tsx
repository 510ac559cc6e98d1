import { useId } from 'react';
import type { FlopConvention } from '../../core/cost-types';
import type { Metric } from './layer-rows';

export interface LayerTableControlsProps {
  metric: Metric;
  onMetricChange(metric: Metric): void;
  convention: FlopConvention;
  onConventionChange(convention: FlopConvention): void;
}

const METRICS: { value: Metric; label: string }[] = [
  { value: 'macs', label: 'MACs' },
  { value: 'flops', label: 'FLOPs' },
];

/** The MACs/FLOPs switch (radio group "Count") and the "Detailed FLOPs" convention checkbox. */
export function LayerTableControls({ metric, onMetricChange, convention, onConventionChange }: LayerTableControlsProps) {
  const group = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-base">
      <fieldset className="flex items-center gap-1" role="radiogroup" aria-label="Count">
        <legend className="sr-only">Count</legend>
        <span aria-hidden="true" className="mr-2 font-medium text-slate-700">Count</span>
        {METRICS.map((m) => (
          <label
            key={m.value}
            className={`relative cursor-pointer rounded-md px-3 py-1 ring-1 ring-slate-300 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-700 ${
              metric === m.value ? 'bg-blue-800 text-white' : 'bg-white text-slate-800 hover:bg-slate-100'}`}
          >
            <input
              // Transparent over the whole pill: clicks land on the radio itself, focus ring shows on the pill.
              type="radio" className="absolute inset-0 cursor-pointer opacity-0" name={group} value={m.value}
              checked={metric === m.value} onChange={() => onMetricChange(m.value)}
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-col">
        <label className="flex cursor-pointer items-center gap-2">
          <input
            type="checkbox" className="size-5 accent-blue-800"
            checked={convention === 'detailed'} aria-describedby={`${group}-hint`}
            onChange={(e) => onConventionChange(e.target.checked ? 'detailed' : 'default')}
          />
          Detailed FLOPs
        </label>
        <span id={`${group}-hint`} className="pl-7 text-sm text-slate-600">adds bias, BatchNorm, activations, Add, Softmax</span>
      </div>
    </div>
  );
}
