import { beforeEach, describe, expect, it } from 'vitest';
import { layer, stack } from '../core/test-helpers';
import { knownAccuracyOf, trainedOfCurrent } from './accuracy-selectors';
import { KNOWN_ACCURACIES_LIMIT } from './accuracy-slice';
import { initialFlopLabState, useFlopLab } from './store';

const mlp = (units: number) => stack([784], layer('Dense', 'h', { units }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));

beforeEach(() => useFlopLab.setState(initialFlopLabState, true));

describe('accuracy slice', () => {
  it('shows the accuracy only while the current graph is the one it was measured on', () => {
    const s = useFlopLab.getState();
    s.setGraph(mlp(32));
    s.recordTrained(mlp(32), 0.9123, 'trained');
    expect(trainedOfCurrent(useFlopLab.getState())).toMatchObject({ accuracy: 0.9123, source: 'trained', examples: 2000 });
    useFlopLab.getState().updateLayer('h', { units: 64 } as never);
    expect(trainedOfCurrent(useFlopLab.getState())).toBeNull();
    // Undo brings back the model, and with it its accuracy (the weights still belong to it).
    useFlopLab.getState().undo();
    expect(trainedOfCurrent(useFlopLab.getState())?.accuracy).toBe(0.9123);
  });

  it('renaming the model keeps the accuracy; a different model of the same shape but other names does not', () => {
    useFlopLab.getState().setGraph({ ...mlp(32), name: 'Renamed' });
    useFlopLab.getState().recordTrained(mlp(32), 0.8, 'preset');
    expect(trainedOfCurrent(useFlopLab.getState())?.accuracy).toBe(0.8);
    const other = stack([784], layer('Dense', 'hidden', { units: 32 }), layer('Dense', 'out', { units: 10, activation: 'softmax' }));
    useFlopLab.getState().setGraph(other);
    expect(trainedOfCurrent(useFlopLab.getState())).toBeNull();
  });

  it('remembers earlier models\' accuracies for Compare, the newest per model, at most the limit', () => {
    const s = useFlopLab.getState();
    s.recordTrained(mlp(8), 0.5, 'trained');
    s.recordTrained(mlp(16), 0.6, 'trained');
    s.recordTrained(mlp(8), 0.55, 'trained');
    expect(knownAccuracyOf(useFlopLab.getState(), mlp(8))?.accuracy).toBe(0.55);
    expect(knownAccuracyOf(useFlopLab.getState(), mlp(16))?.accuracy).toBe(0.6);
    for (let u = 100; u < 100 + KNOWN_ACCURACIES_LIMIT; u++) s.recordTrained(mlp(u), 0.7, 'trained');
    expect(useFlopLab.getState().knownAccuracies).toHaveLength(KNOWN_ACCURACIES_LIMIT);
    expect(knownAccuracyOf(useFlopLab.getState(), mlp(8))).toBeNull();
  });
});
