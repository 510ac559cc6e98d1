import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { toFlopLabConfig } from '../core/config-schema';
import { findPreset } from '../core/presets/index';
import { manifestPaths } from '../core/import/weights-manifest';
import { readImportFiles } from './import-files';
import { initialFlopLabState, useFlopLab } from './store';

const FIXTURES = join(__dirname, '..', '..', 'e2e', 'fixtures');
const fixture = (path: string, name = path.split('/').pop()!) => new File([readFileSync(join(FIXTURES, path))], name);
const textFile = (name: string, text: string) => new File([text], name);
const state = () => useFlopLab.getState();

beforeEach(() => {
  useFlopLab.setState(initialFlopLabState, true);
  state().loadPreset('lenet-5');
});

describe('readImportFiles', () => {
  it('reads a TensorFlow.js model.json (tfjs saved it) with its weights', async () => {
    const result = await readImportFiles([
      fixture('state-small-cnn/model.json'), fixture('state-small-cnn/small-cnn.weights.bin'),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.fileName).toBe('model.json');
    expect(result.value.graph.layers.map((l) => l.type)).toEqual(
      ['InputLayer', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Flatten', 'Dense'],
    );
    expect(result.value.warnings).toEqual([]);
  });

  it('warns when the weights files are missing, and still imports the architecture', async () => {
    const result = await readImportFiles([fixture('state-small-cnn/model.json')]);
    expect(result.ok && result.value.warnings.join(' ')).toMatch(/small-cnn\.weights\.bin/);
  });

  it('reads a FlopLab JSON config', async () => {
    const graph = findPreset('mobilenet-v1')!.build();
    const result = await readImportFiles([textFile('my-net.json', JSON.stringify(toFlopLabConfig(graph)))]);
    expect(result).toMatchObject({ ok: true, value: { graph, fileName: 'my-net.json' } });
    const bare = await readImportFiles([textFile('bare.json', JSON.stringify(graph))]);
    expect(bare).toMatchObject({ ok: true, value: { graph } });
  });

  it('names the file and the problem', async () => {
    const cases: [File[], RegExp][] = [
      [[fixture('state-malformed-model.json', 'model.json')], /model\.json: it is not valid JSON/],
      [[textFile('weights.bin', 'x')], /No model\.json .*weights\.bin/],
      [[textFile('model.json', '{"hello": 1}')], /Could not import model\.json/],
      [[textFile('cfg.json', '{"format":"floplab","version":1,"name":"x","layers":[{"type":"Dense","name":"d","units":-1,"useBias":true,"activation":"relu"}]}')], /cfg\.json: .*units/],
    ];
    for (const [files, message] of cases) {
      const result = await readImportFiles(files);
      expect(result.ok ? 'ok' : result.error.message).toMatch(message);
    }
  });

  it('lists the weight paths of a manifest, ignoring junk', () => {
    expect(manifestPaths({ weightsManifest: [{ paths: ['a.bin', 3] }, { paths: ['b/c.bin'] }, null] })).toEqual(['a.bin', 'b/c.bin']);
    expect(manifestPaths(null)).toEqual([]);
    expect(manifestPaths({ weightsManifest: 'x' })).toEqual([]);
  });
});

describe('importFiles (store action)', () => {
  it('success: the imported model becomes current (undoable) with an info notice', async () => {
    const before = state().graph;
    await state().importFiles([fixture('state-small-cnn/model.json'), fixture('state-small-cnn/small-cnn.weights.bin')]);
    expect(state().notice).toEqual({ kind: 'info', message: 'Imported model.json (6 layers).' });
    expect(state().report?.totals.params).toBe(20618); // tfjs model.countParams() of the fixture
    expect(state().presetId).toBeNull();
    expect(state().importsDone).toBe(1); // a watcher's sign that an import finished
    state().undo();
    expect(state().graph).toBe(before);
  });

  it('failure: the current model stays and an error notice names the file', async () => {
    const before = state().graph;
    await state().importFiles([fixture('state-malformed-model.json', 'model.json')]);
    expect(state().graph).toBe(before);
    expect(state().notice?.kind).toBe('error');
    expect(state().notice?.message).toMatch(/model\.json/);
    expect(state().importing).toBe(false);
    expect(state().importsDone).toBe(0);
  });
});
