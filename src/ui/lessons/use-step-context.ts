import { useMemo } from 'react';
import { findDevice } from '../../core/devices';
import type { TemplateContext } from '../../core/lessons/template';
import { useLatency } from '../../state/selectors';
import { useFlopLab } from '../../state/store';

/** What a step's figures are computed from: the last good report, its graph and the chosen device. */
export function useStepContext(): TemplateContext | null {
  const report = useFlopLab((s) => s.report);
  const graph = useFlopLab((s) => s.reportGraph);
  const deviceId = useFlopLab((s) => s.deviceId);
  const peakGflops = useFlopLab((s) => s.peakGflops);
  const latency = useLatency();
  return useMemo(() => {
    if (!report || !graph) return null;
    const name = deviceId === 'custom' ? 'A custom device' : (findDevice(deviceId)?.name ?? deviceId);
    const device = latency && !latency.error ? { name, peakGflops, naiveMs: latency.naiveMs, rooflineMs: latency.rooflineMs } : undefined;
    return { report, graph, device };
  }, [report, graph, deviceId, peakGflops, latency]);
}
