/** The Analysis tab: device and measured latency, the per-layer table, the charts. */
import { lazy, Suspense, useDeferredValue } from 'react';
import { useFlopLab } from '../../state/store';
import { useErrorsByLayer, useLatency } from '../../state/selectors';
import { DevicePicker } from '../analysis/device-picker';
import { LayerTable } from '../analysis/layer-table';
import { MeasurePanel } from '../measure/measure-panel';
import { ViewPlaceholder } from './lazy-views';

// Recharts is most of the views' code: the charts come after the table.
const CostCharts = lazy(() => import('../analysis/cost-charts').then((m) => ({ default: m.CostCharts })));

export function AnalysisTab() {
  const graph = useFlopLab((s) => s.graph);
  // Deferred: the table and charts of a 175-layer model take a while to draw; React draws them
  // in the background (interruptibly) so that selecting or editing in the stack stays instant.
  const currentReport = useFlopLab((s) => s.report);
  const report = useDeferredValue(currentReport);
  const catchingUp = report !== currentReport;
  const metric = useFlopLab((s) => s.metric);
  const convention = useFlopLab((s) => s.convention);
  const selectedLayer = useDeferredValue(useFlopLab((s) => s.selectedLayer));
  const { setMetric, setConvention, selectLayer, setCustomDevice } = useFlopLab.getState();
  const latency = useDeferredValue(useLatency());
  const errorsByLayer = useDeferredValue(useErrorsByLayer());
  return (
    <div className={`flex flex-col gap-4 transition-opacity ${catchingUp ? 'opacity-50' : ''}`} aria-busy={catchingUp}>
      <LayerTable
        report={report}
        latency={latency}
        metric={metric}
        onMetricChange={setMetric}
        convention={convention}
        onConventionChange={setConvention}
        selectedLayer={selectedLayer}
        onSelectLayer={selectLayer}
        errorsByLayer={errorsByLayer}
        layout={graph.layout}
      />
      <div className="grid gap-4 2xl:grid-cols-2">
        <DeviceSlot />
        <MeasurePanel graph={graph} latency={latency} onCalibrated={setCustomDevice} />
      </div>
      <Suspense fallback={<ViewPlaceholder what="the charts" />}>
        <CostCharts report={report} latency={latency} metric={metric} />
      </Suspense>
    </div>
  );
}

function DeviceSlot() {
  const deviceId = useFlopLab((s) => s.deviceId);
  const peakGflops = useFlopLab((s) => s.peakGflops);
  const bandwidthGBs = useFlopLab((s) => s.bandwidthGBs);
  const { setDevice, setCustomDevice } = useFlopLab.getState();
  const latency = useLatency();
  return (
    <DevicePicker deviceId={deviceId} peakGflops={peakGflops} bandwidthGBs={bandwidthGBs}
      onDeviceChange={setDevice} onCustomChange={setCustomDevice} latency={latency} />
  );
}
