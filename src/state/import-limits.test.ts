import { describe, expect, it } from 'vitest';
import { checkImportedGraph, declaredLayerCount, importCountProblem } from './import-limits';

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ class_name: 'ReLU', config: { name: `r${i}` } }));

describe('import limits', () => {
  it('counts the layers a file declares, in a FlopLab config or a Keras topology (any nesting tfjs writes)', () => {
    expect(declaredLayerCount({ format: 'floplab', layers: many(3) })).toBe(3);
    expect(declaredLayerCount({ modelTopology: { class_name: 'Sequential', config: { layers: many(4) } } })).toBe(4);
    expect(declaredLayerCount({ modelTopology: { class_name: 'Sequential', config: many(5) } })).toBe(5);
    expect(declaredLayerCount({ modelTopology: { model_config: { class_name: 'Model', config: { layers: many(6) } } } })).toBe(6);
    expect(declaredLayerCount(null)).toBe(0);
    expect(declaredLayerCount('text')).toBe(0);
  });

  it('refuses 10,000 layers before parsing them, with a clear message', () => {
    expect(importCountProblem({ modelTopology: { config: { layers: many(10_000) } } }))
      .toBe('It has 10,000 layers; FlopLab opens models of up to 1,000 layers.');
    expect(importCountProblem({ modelTopology: { config: { layers: many(1000) } } })).toBeNull();
  });

  it('refuses an imported model the saved/shared schema refuses, naming layer and field', () => {
    const graph = { name: 'k', layers: [{ type: 'BatchNormalization' as const, name: 'bn', epsilon: 2, center: true, scale: true }] };
    const checked = checkImportedGraph(graph);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.error).toMatchObject({ layer: 'bn', field: 'epsilon' });
    expect(!checked.ok && checked.error.message).toBe("FlopLab cannot keep this model: Layer 'bn' (layers[0].epsilon): Too big: expected number to be <=1, but got 2.");
    expect(checkImportedGraph({ ...graph, layers: [{ ...graph.layers[0], epsilon: 0.001 }] }).ok).toBe(true);
  });
});
