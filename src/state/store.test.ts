import { beforeEach, describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { layer, stack } from '../core/test-helpers';
import { HISTORY_LIMIT } from './model-slice';
import { selectErrorsByLayer, selectLatency, selectStale } from './selectors';
import { analysisSettled, initialFlopLabState, setStoreClock, useFlopLab } from './store';

const state = () => useFlopLab.getState();
let clockMs = 0;

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
  clockMs = 0;
  setStoreClock(() => clockMs);
});

/** Lets time pass so the next edit is its own undo step. */
const later = () => {
  clockMs += 5000;
};

const names = () => state().graph.layers.map((l) => l.name);

describe('loading a model', () => {
  it('loadPreset analyses at once on the first load (no report yet)', () => {
    state().loadPreset('lenet-5');
    expect(state().presetId).toBe('lenet-5');
    expect(state().report?.totals.params).toBe(61706); // LeNet-5 as the preset file documents
    expect(state().errors).toEqual([]);
    expect(state().analysisPending).toBe(false);
  });

  it('an unknown preset leaves the model and shows an error notice', () => {
    state().loadPreset('lenet-5');
    const before = state().graph;
    state().loadPreset('no-such-net');
    expect(state().graph).toBe(before);
    expect(state().notice).toMatchObject({ kind: 'error', message: expect.stringContaining('no-such-net') });
  });

  it('setGraph records history by default and not when asked', () => {
    state().setGraph(stack([4], layer('Dense', 'd')), { recordHistory: false });
    expect(state().canUndo).toBe(false);
    state().setGraph(stack([8], layer('Dense', 'd')));
    expect(state().canUndo).toBe(true);
  });
});

describe('editing', () => {
  beforeEach(() => {
    state().setGraph(stack([16], layer('Dense', 'd1', { units: 10 })), { recordHistory: false });
  });

  it('addLayer appends a Keras-default layer with a unique name and selects it', async () => {
    state().addLayer('Dense');
    state().addLayer('Dense', 1);
    expect(names()).toEqual(['input', 'dense_1', 'd1', 'dense']);
    expect(state().selectedLayer).toBe('dense_1');
    await analysisSettled();
    // 16→64 (dense_1, default 64 units), 64→10, 10→64
    expect(state().report?.totals.params).toBe(16 * 64 + 64 + 64 * 10 + 10 + 10 * 64 + 64);
  });

  it('keeps the last good report and reports errors while the graph is broken', async () => {
    await analysisSettled();
    const good = state().report;
    // Broken but within the schema (values it refuses never enter the store): an unknown input.
    state().updateLayer('d1', { inputs: ['missing'] });
    expect(selectStale(state())).toBe(true);
    await analysisSettled();
    expect(state().report).toBe(good);
    expect(state().errors.length).toBeGreaterThan(0);
    expect(selectErrorsByLayer(state())).toHaveProperty('d1');
    later();
    state().updateLayer('d1', { units: 5, inputs: ['input'] });
    await analysisSettled();
    expect(state().errors).toEqual([]);
    expect(state().report?.totals.params).toBe(16 * 5 + 5);
    expect(selectStale(state())).toBe(false);
  });

  it('an empty model has no figures: the previous model\'s report is dropped at once', async () => {
    await analysisSettled();
    expect(state().report).not.toBeNull();
    state().setGraph({ name: 'Untitled', layers: [] }, { presetId: null });
    expect(state().report).toBeNull();
    expect(state().errors.map((e) => e.code)).toEqual(['no-input-layer']);
    await analysisSettled();
    expect(state().report).toBeNull();
  });

  it('renaming rewires inputs and follows the selection', () => {
    state().setGraph({
      name: 'g',
      layers: [layer('InputLayer', 'in', { shape: [4] }), layer('Dense', 'a'), layer('Dense', 'b', { inputs: ['a'] })],
    });
    state().selectLayer('a');
    state().updateLayer('a', { name: 'renamed' });
    expect(state().graph.layers[2].inputs).toEqual(['renamed']);
    expect(state().selectedLayer).toBe('renamed');
  });

  it('removeLayer clears the selection of the removed layer', () => {
    state().selectLayer('d1');
    state().removeLayer('d1');
    expect(names()).toEqual(['input']);
    expect(state().selectedLayer).toBeNull();
  });

  it('duplicateLayer and moveLayer', () => {
    state().duplicateLayer('d1');
    expect(names()).toEqual(['input', 'd1', 'dense']);
    expect(state().selectedLayer).toBe('dense');
    later();
    state().moveLayer(2, 1);
    expect(names()).toEqual(['input', 'dense', 'd1']);
  });

  it('replaceLayer swaps the type', () => {
    state().replaceLayer('d1', layer('Dropout', 'drop'));
    expect(state().graph.layers[1]).toMatchObject({ type: 'Dropout', name: 'drop' });
  });

  it('selectLayer ignores names that do not exist', () => {
    state().selectLayer('ghost');
    expect(state().selectedLayer).toBeNull();
  });
});

describe('undo and redo', () => {
  beforeEach(() => {
    state().setGraph(stack([16], layer('Dense', 'd1', { units: 10 })), { recordHistory: false });
  });

  it('undo and redo step through every kind of edit', () => {
    const g0 = state().graph;
    state().addLayer('Flatten');
    const g1 = state().graph;
    later();
    state().updateLayer('d1', { units: 3 });
    const g2 = state().graph;
    later();
    state().removeLayer('flatten');
    state().undo();
    expect(state().graph).toBe(g2);
    state().undo();
    expect(state().graph).toBe(g1);
    state().undo();
    expect(state().graph).toBe(g0);
    expect(state().canUndo).toBe(false);
    state().undo(); // nothing to undo: no change
    expect(state().graph).toBe(g0);
    state().redo();
    state().redo();
    expect(state().graph).toBe(g2);
    expect(state().canRedo).toBe(true);
  });

  it('a new edit clears the redo stack', () => {
    state().addLayer('Flatten');
    state().undo();
    expect(state().canRedo).toBe(true);
    state().addLayer('Dropout');
    expect(state().canRedo).toBe(false);
  });

  it('rapid edits of one field make one undo step; a pause or another field splits them', () => {
    const g0 = state().graph;
    state().updateLayer('d1', { units: 1 });
    clockMs += 100;
    state().updateLayer('d1', { units: 12 });
    clockMs += 100;
    state().updateLayer('d1', { units: 128 });
    state().undo();
    expect(state().graph).toBe(g0);
    state().redo();
    later();
    state().updateLayer('d1', { useBias: false });
    state().undo();
    expect(state().graph.layers[1]).toMatchObject({ units: 128, useBias: true });
  });

  it('typing a new name letter by letter is one undo step', () => {
    const g0 = state().graph;
    state().updateLayer('d1', { name: 'f' });
    state().updateLayer('f', { name: 'fc' });
    state().undo();
    expect(state().graph).toBe(g0);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      later();
      state().updateLayer('d1', { units: i + 1 });
    }
    expect(state().past).toHaveLength(HISTORY_LIMIT);
  });

  it('undo restores the preset id and drops a selection that no longer exists', () => {
    state().loadPreset('lenet-300-100');
    state().selectLayer('fc1');
    state().undo();
    expect(state().presetId).toBeNull();
    expect(state().selectedLayer).toBeNull();
  });
});

describe('view, device and comparison', () => {
  beforeEach(() => {
    state().loadPreset('lenet-5');
  });

  it('switching the convention re-analyses under it', async () => {
    const defaultFlops = state().report!.totals.flops;
    state().setConvention('detailed');
    await analysisSettled();
    expect(state().report?.convention).toBe('detailed');
    const expected = analyzeModel(state().graph, { convention: 'detailed' });
    expect(expected.ok && expected.report.totals.flops).toBe(state().report?.totals.flops);
    expect(state().report!.totals.flops).toBeGreaterThan(defaultFlops);
  });

  it('setDevice takes the preset figures; setCustomDevice switches to custom; bad figures are ignored', () => {
    state().setDevice('raspberry-pi-5');
    expect(state()).toMatchObject({ deviceId: 'raspberry-pi-5', peakGflops: 153.6, bandwidthGBs: 17.1 });
    state().setCustomDevice({ peakGflops: 100, bandwidthGBs: 10 });
    expect(state()).toMatchObject({ deviceId: 'custom', peakGflops: 100, bandwidthGBs: 10 });
    state().setCustomDevice({ peakGflops: -1, bandwidthGBs: 10 });
    expect(state().peakGflops).toBe(100);
    state().setDevice('nonexistent');
    expect(state().deviceId).toBe('custom');
    expect(state().notice?.kind).toBe('error');
  });

  it('latency follows the device', () => {
    state().setCustomDevice({ peakGflops: 1, bandwidthGBs: 1e6 });
    const slow = selectLatency(state())!;
    expect(selectLatency(state())).toBe(slow); // memoised: same inputs, same object
    state().setCustomDevice({ peakGflops: 2, bandwidthGBs: 1e6 });
    const fast = selectLatency(state())!;
    expect(fast.naiveMs).toBeCloseTo(slow.naiveMs / 2, 9);
  });

  it('pinComparison pins the last good model; the pin follows the convention', async () => {
    const report = state().report;
    state().pinComparison();
    expect(state().pinned).toEqual({ graph: state().graph, report });
    state().setConvention('detailed');
    await analysisSettled();
    await new Promise((r) => setTimeout(r, 0));
    expect(state().pinned?.report.convention).toBe('detailed');
    state().clearComparison();
    expect(state().pinned).toBeNull();
  });

  it('metric, tab and notices', () => {
    state().setMetric('flops');
    state().setTab('compare');
    state().showNotice({ kind: 'info', message: 'hi' });
    expect(state()).toMatchObject({ metric: 'flops', tab: 'compare', notice: { kind: 'info', message: 'hi' } });
    state().dismissNotice();
    expect(state().notice).toBeNull();
  });
});
