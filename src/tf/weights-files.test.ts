import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WeightsManifestGroup } from '../core/import/weights-manifest';
import { readWeightsFromDir } from './weights-files';

const created: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
};
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A model folder with model.json listing `paths` for one float32 weight of `values` values. */
function modelDir(paths: string[], values = 2): { dir: string; modelJson: string } {
  const dir = tempDir('floplab-weights-');
  const modelJson = join(dir, 'model.json');
  const manifest: WeightsManifestGroup[] = [{ paths, weights: [{ name: 'k', shape: [values], dtype: 'float32' }] }];
  writeFileSync(modelJson, JSON.stringify({ modelTopology: {}, weightsManifest: manifest }));
  return { dir, modelJson };
}

const messageOf = async (modelJson: string) => {
  const read = await readWeightsFromDir(modelJson);
  if (read.ok) throw new Error('expected the read to be refused');
  return read.error.message;
};

describe('readWeightsFromDir', () => {
  it('reads the files next to model.json, and names a missing one', async () => {
    const { dir, modelJson } = modelDir(['./sub1.bin', 'sub2.bin']);
    writeFileSync(join(dir, 'sub1.bin'), new Uint8Array(new Float32Array([4]).buffer));
    expect(await messageOf(modelJson)).toMatch(/Weights file 'sub2\.bin' listed in model\.json was not found/);
    writeFileSync(join(dir, 'sub2.bin'), new Uint8Array(new Float32Array([5]).buffer));
    const read = await readWeightsFromDir(modelJson);
    expect(read.ok && Array.from(read.value[0].data)).toEqual([4, 5]);
  });

  it('follows a symlink that stays inside the model folder', async () => {
    const { dir, modelJson } = modelDir(['link.bin']);
    mkdirSync(join(dir, 'shards'));
    writeFileSync(join(dir, 'shards', 'real.bin'), new Uint8Array(new Float32Array([1, 2]).buffer));
    symlinkSync(join(dir, 'shards', 'real.bin'), join(dir, 'link.bin'));
    const read = await readWeightsFromDir(modelJson);
    expect(read.ok && Array.from(read.value[0].data)).toEqual([1, 2]);
  });
});

describe('readWeightsFromDir never reads outside the model folder (issue 7)', { timeout: 10_000 }, () => {
  const escapes: [string, string, RegExp][] = [
    ['a device through ..', '../../../../dev/zero', /leads outside/],
    ['/proc/self/environ', '/proc/self/environ', /absolute path/],
    ['a sibling through ..', '../etc/passwd', /leads outside/],
    ['an absolute path', '/etc/passwd', /absolute path/],
    ['.. hidden in the middle', 'shards/../../x.bin', /leads outside/],
    ['the folder itself', '.', /leads outside/],
  ];
  it.each(escapes)('refuses %s, naming the path', async (_label, path, reason) => {
    const { modelJson } = modelDir([path]);
    const message = await messageOf(modelJson);
    expect(message).toContain(`'${path}'`);
    expect(message).toMatch(reason);
  });

  it('refuses a symlink that points out of the folder (realpath)', async () => {
    const outside = tempDir('floplab-outside-');
    writeFileSync(join(outside, 'secret.bin'), new Uint8Array(8));
    const { dir, modelJson } = modelDir(['w.bin']);
    symlinkSync(join(outside, 'secret.bin'), join(dir, 'w.bin'));
    expect(await messageOf(modelJson)).toMatch(/'w\.bin'.*link to .*secret\.bin/);
  });

  it('refuses a FIFO without blocking on it', async () => {
    const { dir, modelJson } = modelDir(['pipe.bin']);
    execFileSync('mkfifo', [join(dir, 'pipe.bin')]);
    expect(await messageOf(modelJson)).toMatch(/'pipe\.bin'.*Expected a regular file, but got a FIFO/);
  });

  it('refuses a folder', async () => {
    const { dir, modelJson } = modelDir(['sub']);
    mkdirSync(join(dir, 'sub'));
    expect(await messageOf(modelJson)).toMatch(/'sub'.*Expected a regular file, but got a folder/);
  });

  it('reads no more than the manifest declares: a bigger file is refused before it is read', async () => {
    // 2 float32 values declared = 8 bytes; the file holds 9.
    const { dir, modelJson } = modelDir(['w.bin']);
    writeFileSync(join(dir, 'w.bin'), new Uint8Array(9));
    expect(await messageOf(modelJson)).toMatch(/'w\.bin'.*Expected at most 8 bytes .* but the file holds 9/);
  });

  it('counts the declared bytes per group across its files', async () => {
    // 8 bytes declared over two files: 8 + 1 is one byte too many, found at the second file.
    const { dir, modelJson } = modelDir(['a.bin', 'b.bin']);
    writeFileSync(join(dir, 'a.bin'), new Uint8Array(8));
    writeFileSync(join(dir, 'b.bin'), new Uint8Array(1));
    expect(await messageOf(modelJson)).toMatch(/'b\.bin'.*Expected at most 0 bytes/);
  });
});
