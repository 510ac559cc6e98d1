/**
 * withDigitsFor / withDigitsModel: the callback gets the model and the checkout's digits, its exit
 * code comes back, and nothing is left allocated however it ends (tf.memory() as the oracle).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPreset } from '../core/presets';
import { selectBackend } from '../tf/backend';
import { buildTfModel } from '../tf/build-model';
import type { CliIo } from './cli-io';
import { withDigitsFor, withDigitsModel } from './digits-model';

const captured = () => {
  const err: string[] = [];
  const io: CliIo = { out: () => {}, err: (t) => { err.push(t); } };
  return { io, err };
};

function student() {
  const graph = findPreset('student-mlp-digits')!.build();
  const built = buildTfModel(graph, { seed: 1 });
  if (!built.ok) throw new Error(built.error.message);
  return { graph, model: built.value };
}

beforeAll(async () => { await selectBackend('inference'); });

describe('withDigitsFor', { timeout: 60_000 }, () => {
  it("returns the callback's exit code; the model (built after the count) and the digits are disposed after it", async () => {
    const before = tf.memory().numTensors;
    const { io, err } = captured();
    const source = student();
    let examples = -1;
    const code = await withDigitsFor(io, source, async (model, data) => {
      expect(model).toBe(source.model);
      examples = data.split.test.length;
      return 7;
    });
    expect(code).toBe(7);
    expect(examples).toBe(2000);
    expect(err).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a callback that throws: the error propagates and nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const { io } = captured();
    await expect(withDigitsFor(io, student(), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('withDigitsModel', { timeout: 60_000 }, () => {
  it('a model the digits do not fit: one line on stderr, exit 2, the callback never runs, nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const { io, err } = captured();
    let ran = false;
    const code = await withDigitsModel(io, 'src/cli/fixtures/tiny-cnn', async () => { ran = true; return 0; });
    expect(code).toBe(2);
    expect(ran).toBe(false);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^floplab: The model: The digits do not fit this model: .*\n$/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an unreadable model: one line on stderr, exit 2', async () => {
    const { io, err } = captured();
    expect(await withDigitsModel(io, 'no/such/model.json', () => Promise.resolve(0))).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^floplab: Cannot read no\/such\/model.json/);
  });
});
