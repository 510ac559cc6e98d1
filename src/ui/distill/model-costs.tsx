/**
 * Teacher and student side by side (issue 9): params, FLOPs, weight bytes and estimated latency
 * from the cost engine, so the trade distillation makes is visible before the run.
 */
import { useMemo } from 'react';
import { analyzeModel } from '../../core/analyze';
import { formatBytes, formatCount, formatMs } from '../../core/format';
import { estimateLatency } from '../../core/latency';
import type { ModelGraph } from '../../core/model';
import { useFlopLab } from '../../state/store';

interface Costs { params: number; flops: number; weightBytes: number; latencyMs: number }

function costsOf(graph: ModelGraph, peakGflops: number, bandwidthGBs: number): Costs | string {
  const analysed = analyzeModel(graph);
  if (!analysed.ok) return analysed.errors[0]?.message ?? 'The model cannot be analysed.';
  const t = analysed.report.totals;
  const latency = estimateLatency(analysed.report, { peakGflops, bandwidthGBs });
  return { params: t.params, flops: t.flops, weightBytes: t.weightBytes, latencyMs: latency.rooflineMs };
}

const ROWS: { label: string; value(c: Costs): string }[] = [
  { label: 'Params', value: (c) => formatCount(c.params) },
  { label: 'FLOPs', value: (c) => formatCount(c.flops) },
  { label: 'Weight bytes', value: (c) => formatBytes(c.weightBytes) },
  { label: 'Estimated latency (roofline)', value: (c) => formatMs(c.latencyMs) },
];

export function ModelCosts({ teacher, student }: { teacher: ModelGraph; student: ModelGraph }) {
  const peak = useFlopLab((s) => s.peakGflops);
  const bandwidth = useFlopLab((s) => s.bandwidthGBs);
  const t = useMemo(() => costsOf(teacher, peak, bandwidth), [teacher, peak, bandwidth]);
  const s = useMemo(() => costsOf(student, peak, bandwidth), [student, peak, bandwidth]);
  const cell = (c: Costs | string, row: (typeof ROWS)[number]) => (typeof c === 'string' ? '—' : row.value(c));
  return (
    <table className="w-full max-w-2xl text-left text-sm tabular-nums" data-testid="distill-costs">
      <caption className="text-left font-semibold text-slate-800">Teacher and student (cost engine, on the chosen device)</caption>
      <thead>
        <tr className="border-b border-slate-300"><th scope="col" className="py-1 pr-3" /><th scope="col" className="pr-3">Teacher: {teacher.name}</th><th scope="col">Student: {student.name}</th></tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.label} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-3 font-medium">{row.label}</th>
            <td className="pr-3">{cell(t, row)}</td>
            <td>{cell(s, row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
