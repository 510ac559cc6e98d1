import { useId, useState } from 'react';
import type { LatencyReport } from '../../core/cost-types';
import { DEVICE_PRESETS, findDevice } from '../../core/devices';
import { formatMs } from '../../core/format';
import { deviceRatesError, MAX_DEVICE_RATE, MIN_DEVICE_RATE } from '../../core/latency';
import { ridgePointFlopsPerByte, summarizeLatency } from './latency-summary';
import { formatPercent } from './unit-scale';

export interface DeviceRates { peakGflops: number; bandwidthGBs: number }

export interface DevicePickerProps {
  /** A DEVICE_PRESETS id or 'custom'. */
  deviceId: string;
  peakGflops: number;
  bandwidthGBs: number;
  onDeviceChange(id: string): void;
  onCustomChange(device: DeviceRates): void;
  /** Optional: the estimate on this device, summarised under the inputs. */
  latency?: LatencyReport | null;
}

const CUSTOM = 'custom';

/** A number input's text, kept while the user types; re-synced when the value changes from outside. */
function useDraft(value: number): [string, (s: string) => void] {
  const [draft, setDraft] = useState(String(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Derived-state pattern: adopt the new outside value unless the draft already says it.
    setSeen(value);
    if (Number(draft) !== value) setDraft(String(value));
  }
  return [draft, setDraft];
}

/** The figure typed, when the engine accepts it as a rate (its range: no denormal 5e-324 peaks). */
const parsePositive = (text: string): number | null => {
  const n = Number(text);
  return text.trim() !== '' && deviceRatesError({ peakGflops: n, bandwidthGBs: n }) === null ? n : null;
};

interface RateInputProps {
  label: string;
  unitHint: string;
  value: number;
  source: string;
  onValid(n: number): void;
}

function RateInput({ label, unitHint, value, source, onValid }: RateInputProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(value);
  const invalid = parsePositive(draft) === null;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-base font-medium text-slate-800">{label}</label>
      <input
        id={id} type="number" inputMode="decimal" min={0} step="any" value={draft}
        aria-invalid={invalid} aria-describedby={`${id}-source ${id}-error`}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = parsePositive(e.target.value);
          if (n !== null) onValid(n);
        }}
        className={`w-40 rounded-md border px-2 py-1 text-lg tabular-nums ${invalid ? 'border-red-700 bg-red-50' : 'border-slate-400 bg-white'}`}
      />
      <p id={`${id}-error`} className="text-sm text-red-800" role={invalid ? 'alert' : undefined}>
        {invalid ? `Enter a positive number from ${MIN_DEVICE_RATE} to ${MAX_DEVICE_RATE.toExponential()} (${unitHint}).` : ''}
      </p>
      <p id={`${id}-source`} className="text-sm text-slate-600"><span className="font-medium">Source:</span> {source}</p>
    </div>
  );
}

function LatencyLine({ latency, peakGflops, bandwidthGBs }: { latency: LatencyReport } & DeviceRates) {
  const s = summarizeLatency(latency);
  const ridge = ridgePointFlopsPerByte(peakGflops, bandwidthGBs);
  const boundShare = s.rooflineMs > 0 ? (s.dominant === 'memory' ? s.memoryBoundMs : s.computeBoundMs) / s.rooflineMs : 0;
  return (
    <div className="rounded-md bg-slate-100 px-3 py-2 text-base text-slate-800" aria-label="Latency estimate on this device">
      <p>
        <span className="font-semibold">Naive</span> (FLOPs ÷ peak FLOPS): {formatMs(s.naiveMs)}
        {' · '}
        <span className="font-semibold">Roofline</span>: {formatMs(s.rooflineMs)}
      </p>
      {s.dominant !== 'none' && (
        <p>
          {s.dominant === 'memory' ? 'Memory bandwidth' : 'Compute'} dominates: {formatPercent(boundShare)} of the roofline time is in{' '}
          {s.dominant === 'memory' ? `${s.memoryBoundLayers} memory-bound` : `${s.computeBoundLayers} compute-bound`} layers.
        </p>
      )}
      <p className="text-sm text-slate-600">
        Ridge point {Number(ridge.toPrecision(3))} FLOPs/byte: a layer doing fewer FLOPs per byte it moves waits on memory.
      </p>
    </div>
  );
}

/** Device for the latency estimates: presets with their sources, or custom figures. */
export function DevicePicker({ deviceId, peakGflops, bandwidthGBs, onDeviceChange, onCustomChange, latency }: DevicePickerProps) {
  const selectId = useId();
  const preset = findDevice(deviceId);
  const customSource = 'Custom figure, entered here (or calibrated by "Measure in this browser").';
  const known = preset !== undefined || deviceId === CUSTOM;
  return (
    <section aria-label="Device" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={selectId} className="text-base font-medium text-slate-800">Device</label>
        <select
          id={selectId} value={known ? deviceId : CUSTOM} onChange={(e) => onDeviceChange(e.target.value)}
          className="w-full max-w-md rounded-md border border-slate-400 bg-white px-2 py-1.5 text-lg"
        >
          {DEVICE_PRESETS.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          <option value={CUSTOM}>Custom</option>
        </select>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <RateInput
          label="Peak GFLOPS" unitHint="GFLOPS, billions of FLOPs per second" value={peakGflops}
          source={preset?.peakSource ?? customSource}
          onValid={(n) => onCustomChange({ peakGflops: n, bandwidthGBs })}
        />
        <RateInput
          label="Memory bandwidth (GB/s)" unitHint="GB/s, 1 GB = 10⁹ bytes" value={bandwidthGBs}
          source={preset?.bandwidthSource ?? customSource}
          onValid={(n) => onCustomChange({ peakGflops, bandwidthGBs: n })}
        />
      </div>
      {latency && <LatencyLine latency={latency} peakGflops={peakGflops} bandwidthGBs={bandwidthGBs} />}
    </section>
  );
}
