import { describe, expect, it, vi } from 'vitest';
import { findPreset } from '../core/presets/index';

// The watcher talks to the worker: a fake one that answers every evaluation with 0.75.
const loadTrainedModel = vi.fn(async (): Promise<unknown> => ({ status: 'done' }));
const evaluate = vi.fn(async () => ({ status: 'done' as const, cancelled: false as const, accuracy: 0.75, examples: 2000 }));
let workerDied: (death: { restarted: boolean }) => void = () => undefined;
vi.mock('./worker-client', () => ({
  getWorker: () => ({ evaluate, loadTrainedModel }),
  onWorkerDeath: (listener: typeof workerDied) => { workerDied = listener; return () => undefined; },
  newJobId: (kind: string) => `${kind}-1`,
  workerUsable: () => true,
}));
const restoreTrainedWeights = vi.fn(async () => false);
vi.mock('./trained-storage', () => ({
  saveTrainedWeights: async () => true,
  restoreTrainedWeights,
}));

const { useFlopLab } = await import('./store');
const { loadTrainedPreset, trainedWeightsSettled } = await import('./trained-weights');

describe('watchTrainedWeights', () => {
  it('evaluates an imported digits model (also one equal to the model before)', async () => {
    const digitsModel = findPreset('lenet-300-100')!.build();
    // What importFiles does: importing on, the model set, then importing off in a later update.
    useFlopLab.setState({ importing: true });
    useFlopLab.getState().setGraph(digitsModel, { presetId: null, recordHistory: true });
    useFlopLab.setState({ importing: false, importsDone: useFlopLab.getState().importsDone + 1 });
    await vi.waitFor(() => expect(useFlopLab.getState().trained?.accuracy).toBe(0.75));
    expect(evaluate).toHaveBeenCalledTimes(1);
  });

  it('does not evaluate when the import failed and the model stayed', async () => {
    evaluate.mockClear();
    useFlopLab.setState({ importing: true });
    useFlopLab.setState({ importing: false });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(evaluate).not.toHaveBeenCalled();
  });

  it('after a worker restart, weights trained here come back from the saved copy, or the accuracy goes with a notice', async () => {
    const graph = findPreset('lenet-300-100')!.build();
    useFlopLab.getState().setGraph(graph, { presetId: null });
    useFlopLab.getState().recordTrained(graph, 0.93, 'trained');
    restoreTrainedWeights.mockResolvedValueOnce(true);
    workerDied({ restarted: true });
    await vi.waitFor(() => expect(restoreTrainedWeights).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(useFlopLab.getState().trained?.accuracy).toBe(0.93);

    workerDied({ restarted: true });
    await vi.waitFor(() => expect(useFlopLab.getState().trained).toBeNull());
    expect(useFlopLab.getState().notice?.message).toMatch(/lost with the background worker/);
  });

  it('a trained preset whose load cannot even be sent: the accuracy goes, a notice says why, and waiting jobs go on', async () => {
    loadTrainedModel.mockRejectedValueOnce(new Error('DataCloneError'));
    useFlopLab.getState().setGraph(findPreset('lenet-300-100-digits')!.build(), { presetId: null });
    loadTrainedPreset(useFlopLab, 'lenet-300-100-digits');
    await expect(trainedWeightsSettled()).resolves.toBeUndefined();
    expect(useFlopLab.getState().trained).toBeNull();
    expect(useFlopLab.getState().notice?.message).toMatch(/could not be loaded: DataCloneError/);
  });
});
