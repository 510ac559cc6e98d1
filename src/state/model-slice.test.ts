import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_LAYERS } from '../core/limits';
import type { LayerSpec } from '../core/model';
import { initialFlopLabState, useFlopLab } from './store';

const state = () => useFlopLab.getState();

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
});

/** An input and ReLUs up to `count` layers. */
function reluStack(count: number) {
  const layers: LayerSpec[] = [{ type: 'InputLayer', name: 'in', shape: [4] }];
  for (let i = 1; i < count; i++) layers.push({ type: 'ReLU', name: `r${i}`, maxValue: null });
  return { name: 'stack', layers };
}

describe('the model slice keeps every model within the saved/shared limits', () => {
  it('adds and duplicates layers up to MAX_LAYERS, then refuses with a message', () => {
    state().setGraph(reluStack(MAX_LAYERS - 1), { presetId: null });
    state().addLayer('ReLU');
    expect(state().graph.layers).toHaveLength(MAX_LAYERS);
    expect(state().notice).toBeNull();
    state().addLayer('ReLU');
    state().duplicateLayer('r1');
    expect(state().graph.layers).toHaveLength(MAX_LAYERS);
    expect(state().notice).toMatchObject({
      kind: 'error', message: 'No layer added: the model is full. It has 1,001 layers; FlopLab opens models of up to 1,000 layers.',
    });
  });

  it('refuses a graph over the limits from any caller, keeping the current one', () => {
    state().loadPreset('lenet-5');
    const before = state().graph;
    state().setGraph(reluStack(MAX_LAYERS + 1), { presetId: null });
    expect(state().graph).toBe(before);
    state().updateLayer('c1', { name: 'n'.repeat(201) });
    expect(state().graph).toBe(before);
    expect(state().notice?.message).toBe(`That change was not made: layers[1].name: Too big: expected string to have <=200 characters, but got '${'n'.repeat(40)}…'.`);
  });
});
