/**
 * `floplab analyze <model.json | model.onnx | floplab-config.json> [--json] [--detailed] [--device <id>]
 * [--peak-gflops N] [--bandwidth-gbs N]`: per-layer costs, totals and latency estimates.
 */
import { analyzeModel } from '../core/analyze';
import type { CostReport } from '../core/cost-types';
import { DEVICE_PRESETS, findDevice } from '../core/devices';
import { deviceRateError, estimateLatency, type DeviceRates } from '../core/latency';
import { analyzeJson, analyzeText, type LatencyDevice, type LatencyEstimate } from './analyze-output';
import { numberValue, parseArgs, type ParsedArgs } from './args';
import { type CliIo, processIo, reportProblem } from './cli-io';
import { loadModelFile } from './load-model';

const FLAGS = { json: 'boolean', detailed: 'boolean', device: 'string', 'peak-gflops': 'string', 'bandwidth-gbs': 'string', help: 'boolean' } as const;

export const ANALYZE_USAGE = `Usage: floplab analyze <model.json | model.onnx | model.keras | model.h5 | floplab-config.json> [options]

Per-layer parameters, MACs, FLOPs, memory and latency estimates of a TensorFlow.js Layers
model.json (tfjs-layers or tensorflowjs_converter output), an ONNX model (a PyTorch export, say;
shapes shown C×H×W as PyTorch prints them), a Keras 3 .keras or Keras 2 .h5 file, or a FlopLab
config file.

Options:
  --json               print one JSON object instead of the table
  --detailed           detailed FLOPs convention (bias, BatchNorm, activations, pooling windows)
  --device <id>        estimate latency on a device preset (ids below)
  --peak-gflops N      peak FP32 rate in GFLOPS (overrides the device's); alone: naive estimate only
  --bandwidth-gbs N    memory bandwidth in GB/s (overrides the device's); the roofline needs it
  --help               show this help

Devices: ${DEVICE_PRESETS.map((d) => d.id).join(', ')}
`;

type Problem = { ok: false; message: string };

/**
 * A device-rate flag as a number the engine accepts (the engine's own range check, so the CLI
 * refuses what the app refuses: 0, negatives, 1e-300, 5e-324, Infinity). Absent: undefined.
 */
function rateFlag(flags: ParsedArgs['flags'], name: string, field: keyof DeviceRates): { ok: true; value: number | undefined } | Problem {
  const raw = flags[name];
  if (raw === undefined) return { ok: true, value: undefined };
  const value = numberValue(raw);
  if (Number.isNaN(value)) return { ok: false, message: `Option --${name}: Expected a number, but got '${String(raw)}'.` };
  const error = deviceRateError(field, value);
  return error ? { ok: false, message: `Option --${name}: ${error.message}` } : { ok: true, value };
}

/** The device figures the flags ask for, null when no latency is wanted. */
export function resolveDevice(flags: ParsedArgs['flags']): { ok: true; value: LatencyDevice | null } | Problem {
  const peak = rateFlag(flags, 'peak-gflops', 'peakGflops');
  if (!peak.ok) return peak;
  const bandwidth = rateFlag(flags, 'bandwidth-gbs', 'bandwidthGBs');
  if (!bandwidth.ok) return bandwidth;
  const id = flags.device;
  if (typeof id === 'string') {
    const preset = findDevice(id);
    if (!preset) return { ok: false, message: `Unknown device '${id}'. Known devices: ${DEVICE_PRESETS.map((d) => d.id).join(', ')}.` };
    const overridden = peak.value !== undefined || bandwidth.value !== undefined;
    return {
      ok: true,
      value: {
        id: preset.id, name: overridden ? `${preset.name} (with overrides)` : preset.name,
        peakGflops: peak.value ?? preset.peakGflops, bandwidthGBs: bandwidth.value ?? preset.bandwidthGBs,
      },
    };
  }
  if (peak.value === undefined) {
    if (bandwidth.value !== undefined) return { ok: false, message: 'Option --bandwidth-gbs needs --peak-gflops or --device as well.' };
    return { ok: true, value: null };
  }
  return { ok: true, value: { id: null, name: 'a custom device', peakGflops: peak.value, bandwidthGBs: bandwidth.value ?? null } };
}

/** Naive and (with a bandwidth) roofline latency; the naive figure does not depend on bandwidth. */
function estimate(report: CostReport, device: LatencyDevice): LatencyEstimate {
  const latency = estimateLatency(report, { peakGflops: device.peakGflops, bandwidthGBs: device.bandwidthGBs ?? 1 });
  return { device, naiveMs: latency.naiveMs, rooflineMs: device.bandwidthGBs === null ? null : latency.rooflineMs, layers: latency.layers };
}

/**
 * Import warnings first, then the analysis's; an unknown layer the import already explained
 * (with the shape it assumed) is not announced twice.
 */
function mergeWarnings(importWarnings: string[], report: CostReport): string[] {
  const explained = new Set(report.layers
    .filter((l) => l.type === 'Unknown' && importWarnings.some((w) => w.startsWith(`Layer '${l.name}' (`)))
    .flatMap((l) => l.warnings));
  return [...new Set([...importWarnings, ...report.warnings.filter((w) => !explained.has(w))])];
}

/** Runs `analyze` with the arguments after the command name. Returns the exit code. */
export async function runAnalyze(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (!args.ok) return reportProblem(io, `analyze: ${args.message} See 'floplab analyze --help'.`);
  const { positionals, flags } = args.value;
  if (flags.help) {
    io.out(ANALYZE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    return reportProblem(io, `analyze: Expected one model file, but got ${positionals.length === 0 ? 'none' : positionals.length}. See 'floplab analyze --help'.`);
  }
  const device = resolveDevice(flags);
  if (!device.ok) return reportProblem(io, `analyze: ${device.message}`);
  const loaded = await loadModelFile(positionals[0]);
  if (!loaded.ok) return reportProblem(io, loaded.error.message);
  const analysis = analyzeModel(loaded.value.graph, { convention: flags.detailed ? 'detailed' : 'default' });
  if (!analysis.ok) {
    const more = analysis.errors.length > 1 ? ` (and ${analysis.errors.length - 1} more problems)` : '';
    return reportProblem(io, `${positionals[0]}: ${analysis.errors[0].message}${more}`);
  }
  const report = analysis.report;
  const latency = device.value ? estimate(report, device.value) : null;
  const warnings = mergeWarnings(loaded.value.warnings, report);
  const layout = loaded.value.graph.layout;
  io.out(flags.json ? `${JSON.stringify(analyzeJson(report, latency, warnings, layout))}\n` : analyzeText(report, latency, warnings, layout));
  return 0;
}
