/**
 * One schema for everything (issue 7): whatever the editor and the import accept can be saved,
 * restored and shared. Random valid imports and random edits through the store's actions, then
 * save → restore and share link → open must give back the same graph.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseFlopLabConfig } from '../core/config-schema';
import { createLayer, LAYER_TYPES_IN_PALETTE } from '../core/layer-defaults';
import {
  ALPHA_MAX, AXIS_MAX, AXIS_MIN, EPSILON_MAX, MAX_DIM, MAX_LAYERS, MAX_NAME_CHARS, MAX_RANK, RELU_MAX_VALUE_MAX,
} from '../core/limits';
import { ACTIVATIONS, type LayerSpec, type LayerType, type ModelGraph } from '../core/model';
import { loadSavedWork, saveWork, type WorkStorage } from './persistence';
import { shareableState } from './share';
import { initialFlopLabState, useFlopLab } from './store';
import { decodeShareState, encodeShareState } from './url-codec';

function memoryStorage(): WorkStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const state = () => useFlopLab.getState();

/** Save → restore, and share link → open: both must give `graph` back. */
function expectRoundTrips(graph: ModelGraph): void {
  const storage = memoryStorage();
  const saved = saveWork(storage, { ...shareableState(state()), graph, selectedLayer: null });
  expect(saved.ok).toBe(true);
  const restored = loadSavedWork(storage);
  if (!restored?.ok) throw new Error(`restore failed: ${restored?.error.message}`);
  expect(restored.value.graph).toEqual(graph);
  const shared = decodeShareState(encodeShareState({ ...shareableState(state()), graph, selectedLayer: null }));
  if (!shared.ok) throw new Error(`share link failed: ${shared.error.message}`);
  expect(shared.value.graph).toEqual(graph);
}

// Values anywhere in the allowed ranges, edges included.
const posInt = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(1, MAX_DIM));
const nonNegInt = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(MAX_DIM));
const pair = fc.tuple(posInt, posInt);
const shape = fc.array(posInt, { minLength: 1, maxLength: MAX_RANK });
const axis = fc.integer({ min: AXIS_MIN, max: AXIS_MAX }).filter((a) => a !== 0);
const unit = (max: number) => fc.oneof(fc.double({ min: 0, max, noNaN: true }), fc.constantFrom(0, max));
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.constant('x'.repeat(MAX_NAME_CHARS)),
);

/** Patches of valid values for a layer of `type` (what the inspector's fields can send). */
function patchFor(type: LayerType): fc.Arbitrary<Partial<LayerSpec>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {
    filters: posInt, units: posInt, kernelSize: pair, strides: pair, dilationRate: pair, poolSize: pair,
    depthMultiplier: posInt, padding: type === 'ZeroPadding2D'
      ? fc.tuple(fc.tuple(nonNegInt, nonNegInt), fc.tuple(nonNegInt, nonNegInt)) : fc.constantFrom('valid', 'same'),
    useBias: fc.boolean(), center: fc.boolean(), scale: fc.boolean(), activation: fc.constantFrom(...ACTIVATIONS),
    epsilon: unit(EPSILON_MAX).filter((e) => e > 0), alpha: unit(ALPHA_MAX),
    maxValue: fc.option(unit(RELU_MAX_VALUE_MAX), { nil: null }), rate: fc.double({ min: 0, max: 0.999, noNaN: true }),
    axis, shape, targetShape: fc.array(posInt, { minLength: 1, maxLength: MAX_RANK }), constantStats: fc.boolean(),
    sharedAxes: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: MAX_RANK }), { minLength: 1, maxLength: 3 }), { nil: null }),
    trainable: fc.boolean(), modelOutput: fc.boolean(),
  };
  const own = Object.keys(createLayer(type, 'x')).filter((f) => f in fields);
  const keys = [...own, 'trainable', 'modelOutput'];
  return fc.record(Object.fromEntries(keys.map((k) => [k, fields[k]])), { requiredKeys: [] }) as fc.Arbitrary<Partial<LayerSpec>>;
}

const layerArb: fc.Arbitrary<LayerSpec> = fc.constantFrom(...LAYER_TYPES_IN_PALETTE).chain((type) =>
  fc.tuple(name, patchFor(type)).map(([n, patch]) => ({ ...createLayer(type, n), ...patch, type } as LayerSpec)));

/** A random import: any layers within the limits, wired to earlier layers or to any name. */
const importArb: fc.Arbitrary<ModelGraph> = fc.tuple(name, fc.array(fc.tuple(layerArb, fc.option(fc.array(fc.oneof(fc.nat(20), name), { maxLength: 4 }))), { maxLength: 25 }))
  .map(([graphName, entries]) => ({
    name: graphName,
    layers: entries.map(([layer, inputs], i) => {
      if (!inputs) return layer;
      const named = inputs.map((x) => (typeof x === 'number' ? (i > 0 ? entries[x % i][0].name : 'missing') : x));
      return { ...layer, inputs: named };
    }),
  }));

type Edit =
  | { kind: 'update'; at: number; type: LayerType; patch: Partial<LayerSpec> }
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'add'; type: LayerType; at: number }
  | { kind: 'remove' | 'duplicate'; at: number }
  | { kind: 'move'; from: number; to: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.nat(200).chain((at) => fc.constantFrom(...LAYER_TYPES_IN_PALETTE).chain((type) =>
    patchFor(type).map((patch) => ({ kind: 'update' as const, at, patch, type })))),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(200), name }),
  fc.record({ kind: fc.constant('add' as const), type: fc.constantFrom(...LAYER_TYPES_IN_PALETTE), at: fc.nat(200) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const), at: fc.nat(200) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(200), to: fc.nat(200) }),
);

function applyEdit(edit: Edit): void {
  const layers = state().graph.layers;
  const pick = (at: number) => (layers.length === 0 ? undefined : layers[at % layers.length]);
  switch (edit.kind) {
    case 'update': {
      // A patch for a layer of its type (the inspector shows that type's fields only).
      const ofType = layers.filter((l) => l.type === edit.type);
      const target = ofType.length === 0 ? undefined : ofType[edit.at % ofType.length];
      // Only the fields that layer has (the inspector shows no others).
      if (target) state().updateLayer(target.name, Object.fromEntries(Object.entries(edit.patch).filter(([k]) => k in target || k === 'trainable' || k === 'modelOutput')));
      return;
    }
    case 'rename': {
      const target = pick(edit.at);
      if (target && !layers.some((l) => l.name === edit.name)) state().updateLayer(target.name, { name: edit.name });
      return;
    }
    case 'add': state().addLayer(edit.type, edit.at % (layers.length + 1)); return;
    case 'remove': { const t = pick(edit.at); if (t) state().removeLayer(t.name); return; }
    case 'duplicate': { const t = pick(edit.at); if (t) state().duplicateLayer(t.name); return; }
    case 'move': if (layers.length > 0) state().moveLayer(edit.from % layers.length, edit.to % layers.length); return;
  }
}

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
});

describe('one schema: save → restore and share → open give the same graph', () => {
  it('random valid imports (property)', () => {
    fc.assert(fc.property(importArb, (graph) => {
      const imported = parseFlopLabConfig({ format: 'floplab', version: 1, ...graph });
      if (!imported.ok) throw new Error(`a valid import was refused: ${imported.error.message}`);
      state().setGraph(imported.value, { presetId: null });
      expect(state().graph).toBe(imported.value);
      expectRoundTrips(state().graph);
    }), { numRuns: 150 });
  });

  it('random valid edits through the store, each one accepted (property)', () => {
    fc.assert(fc.property(fc.constantFrom('lenet-5', 'resnet-18', 'mobilenet-v2'), fc.array(editArb, { maxLength: 25 }), (preset, edits) => {
      useFlopLab.setState(initialFlopLabState, true);
      state().loadPreset(preset);
      for (const edit of edits) {
        const before = state().graph;
        applyEdit(edit);
        // A valid edit is never refused (the backstop only catches values the fields refuse).
        if (state().notice?.kind === 'error') throw new Error(`a valid edit was refused: ${state().notice?.message} (${JSON.stringify(edit)})`);
        if (edit.kind === 'update' && state().graph !== before) expect(parseFlopLabConfig(state().graph).ok).toBe(true);
      }
      expectRoundTrips(state().graph);
    }), { numRuns: 60 });
  });

  it('a model at every limit at once (1,000 layers, 200-character names) round-trips', () => {
    const layers: LayerSpec[] = Array.from({ length: MAX_LAYERS }, (_, i) => ({
      type: 'LeakyReLU', name: `${String(i).padStart(4, '0')}${'é'.repeat(MAX_NAME_CHARS - 4)}`, alpha: ALPHA_MAX,
    }));
    const graph = { name: 'n'.repeat(MAX_NAME_CHARS), layers };
    expect(parseFlopLabConfig(graph).ok).toBe(true);
    expectRoundTrips(graph);
  });

  it('a model too big as JSON for a link or the saved copy is refused by the schema, so it never enters', () => {
    // 1,000 names of 200 control characters: 1.2 MB as JSON (each escapes to \u0001).
    const layers: LayerSpec[] = Array.from({ length: MAX_LAYERS }, (_, i) => ({
      type: 'ReLU', name: `${i}${'\u0001'.repeat(MAX_NAME_CHARS - 4)}`, maxValue: null,
    }));
    const refused = parseFlopLabConfig({ name: 'x', layers });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/^Expected the model to be at most 1,000,000 bytes as JSON .*, but it is 1,2\d\d,\d{3} bytes\.$/);
    state().setGraph({ name: 'x', layers }, { presetId: null });
    expect(state().graph.layers).toHaveLength(0);
    expect(state().notice?.kind).toBe('error');
  });
});
