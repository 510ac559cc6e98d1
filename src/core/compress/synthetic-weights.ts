/**
 * Seeded random weights for a model graph without tfjs (tests, benchmarks, the CLI's checks):
 * the tensors tfjs-layers would create, with Keras names and shapes ('conv1/kernel'
 * [kh, kw, Cin, Cout], 'bn/gamma' …), kernels drawn from N(0, 1/fan_in)·scale (He-like).
 */
import type { ModelGraph } from '../model';
import { analyzeModel } from '../analyze';
import { fail, ok, type Result } from '../result';
import type { WeightTensor } from './types';
import { seededNormal } from './rng';

/** Every weight tensor of `graph`, in layer order (kernel, bias; BN gamma, beta, moving mean, moving variance). */
export function syntheticWeights(graph: ModelGraph, seed = 1): Result<WeightTensor[]> {
  const analysis = analyzeModel(graph);
  if (!analysis.ok) return fail(analysis.errors[0]);
  const normal = seededNormal(seed);
  const inputs = new Map(analysis.report.layers.map((l) => [l.name, l.inputShapes[0] ?? []]));
  const out: WeightTensor[] = [];
  const add = (name: string, shape: number[], fill: (fanIn: number) => number, fanIn = 1) => {
    const n = shape.reduce((a, b) => a * b, 1);
    out.push({ name, shape, data: Float32Array.from({ length: n }, () => fill(fanIn)) });
  };
  const kernel = (fanIn: number) => normal() * Math.sqrt(2 / fanIn);
  const small = () => normal() * 0.01;
  for (const l of graph.layers) {
    const inShape = inputs.get(l.name) ?? [];
    const cin = inShape[inShape.length - 1] ?? 0;
    switch (l.type) {
      case 'Conv2D':
        add(`${l.name}/kernel`, [...l.kernelSize, cin, l.filters], kernel, l.kernelSize[0] * l.kernelSize[1] * cin);
        if (l.useBias) add(`${l.name}/bias`, [l.filters], small);
        break;
      case 'Conv2DTranspose':
        add(`${l.name}/kernel`, [...l.kernelSize, l.filters, cin], kernel, l.kernelSize[0] * l.kernelSize[1] * cin);
        if (l.useBias) add(`${l.name}/bias`, [l.filters], small);
        break;
      case 'DepthwiseConv2D':
        add(`${l.name}/depthwise_kernel`, [...l.kernelSize, cin, l.depthMultiplier], kernel, l.kernelSize[0] * l.kernelSize[1]);
        if (l.useBias) add(`${l.name}/bias`, [cin * l.depthMultiplier], small);
        break;
      case 'SeparableConv2D':
        add(`${l.name}/depthwise_kernel`, [...l.kernelSize, cin, l.depthMultiplier], kernel, l.kernelSize[0] * l.kernelSize[1]);
        add(`${l.name}/pointwise_kernel`, [1, 1, cin * l.depthMultiplier, l.filters], kernel, cin * l.depthMultiplier);
        if (l.useBias) add(`${l.name}/bias`, [l.filters], small);
        break;
      case 'Dense':
        add(`${l.name}/kernel`, [cin, l.units], kernel, cin);
        if (l.useBias) add(`${l.name}/bias`, [l.units], small);
        break;
      case 'BatchNormalization':
        if (l.scale) add(`${l.name}/gamma`, [cin], () => 1 + small());
        if (l.center) add(`${l.name}/beta`, [cin], small);
        add(`${l.name}/moving_mean`, [cin], small);
        add(`${l.name}/moving_variance`, [cin], () => 1 + Math.abs(small()));
        break;
      default:
        break;
    }
  }
  return ok(out);
}
