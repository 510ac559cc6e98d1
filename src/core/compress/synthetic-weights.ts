/**
 * Seeded random weights for a model graph without tfjs (tests, benchmarks, the CLI's checks):
 * the tensors tfjs-layers would create (weight-shapes.ts), kernels drawn from
 * N(0, 1/fan_in)·scale (He-like), biases and BN shifts small, BN scales and variances near 1.
 */
import type { ModelGraph } from '../model';
import { ok, type Result } from '../result';
import type { WeightTensor } from './types';
import { seededNormal } from './rng';
import { expectedWeights } from './weight-shapes';

/** Every weight tensor of `graph`, in layer order (kernel, bias; BN gamma, beta, moving mean, moving variance). */
export function syntheticWeights(graph: ModelGraph, seed = 1): Result<WeightTensor[]> {
  const expected = expectedWeights(graph);
  if (!expected.ok) return expected;
  const normal = seededNormal(seed);
  const small = () => normal() * 0.01;
  return ok(expected.value.map((w) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const fill = w.role === 'kernel' ? () => normal() * Math.sqrt(2 / w.fanIn)
      : w.role === 'gamma' ? () => 1 + small()
        : w.role === 'movingVariance' ? () => 1 + Math.abs(small())
          : small;
    return { name: w.name, shape: w.shape, data: Float32Array.from({ length: n }, fill) };
  }));
}
