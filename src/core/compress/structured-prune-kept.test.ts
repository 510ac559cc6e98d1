/** Structured pruning leaves grouped convolutions and shared weights alone, and says why. */
import { describe, expect, it } from 'vitest';
import { layer, stack } from '../test-helpers';
import { pruneFilters } from './structured-prune';
import { syntheticWeights } from './synthetic-weights';
import type { ModelGraph } from '../model';

function prune(graph: ModelGraph) {
  const w = syntheticWeights(graph, 3);
  if (!w.ok) throw new Error(w.error.message);
  const r = pruneFilters(graph, w.value, () => 0.5);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('pruneFilters and kept structure', () => {
  it('does not prune a grouped Conv2D, nor the layer that feeds it', () => {
    const r = prune(stack([8, 8, 4],
      layer('Conv2D', 'feed', { filters: 8 }),
      layer('Conv2D', 'grouped', { filters: 8, groups: 4 }),
      layer('Flatten', 'f'), layer('Dense', 'out', { units: 2 })));
    expect(r.removed).toEqual({});
    expect(r.notes).toEqual([
      "Layer 'feed': not pruned structurally: its output feeds 'grouped', which is a grouped Conv2D (4 groups).",
      "Layer 'grouped': not pruned structurally: it is a grouped Conv2D (4 groups).",
      "Layer 'out': not pruned structurally: 'out' is the model's output.",
    ]);
  });

  it('does not prune a shared Dense or its owner', () => {
    const r = prune(stack([6], layer('Dense', 'a', { units: 6 }), layer('Dense', 'b', { units: 6, sharesWeightsOf: 'a' }), layer('Dense', 'out', { units: 2 })));
    expect(r.removed).toEqual({});
    expect(r.notes).toEqual([
      "Layer 'a': not pruned structurally: it shares its weights with another layer.",
      "Layer 'b': not pruned structurally: it shares the weights of 'a'.",
      "Layer 'out': not pruned structurally: 'out' is the model's output.",
    ]);
  });
});
