/**
 * `floplab analyze model.onnx [--json]`: the same JSON as for a model.json, counts from the
 * fixture script (torch hooks, the onnx package), and one line with exit 2 for a broken file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalyze } from './analyze';
import type { CliIo } from './cli-io';

const FIXTURES = join(__dirname, '..', 'core', 'onnx', 'fixtures');

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
  return io;
}

describe('analyze model.onnx', () => {
  it('prints the JSON report with torch\'s counts, Keras classes as types and the import warnings', async () => {
    const io = capture();
    expect(await runAnalyze([join(FIXTURES, 'resnet-basic-block.onnx'), '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout) as { params: number; macs: number; layers: { type: string }[]; warnings: string[] };
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'resnet-basic-block.expected.json'), 'utf8')) as { initializerParams: number; macs: number };
    expect(json.params).toBe(expected.initializerParams);
    expect(json.macs).toBe(expected.macs);
    expect(json.layers.map((l) => l.type)).toEqual(['InputLayer', 'Conv2D', 'ReLU', 'Conv2D', 'Conv2D', 'Add', 'ReLU']);
    expect(json.warnings).toEqual([expect.stringContaining('3 convolutions hold a BatchNorm')]);
  });

  it('refuses bytes that are not an ONNX model with one line and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floplab-onnx-'));
    const bad = join(dir, 'bad.onnx');
    writeFileSync(bad, readFileSync(join(FIXTURES, 'custom-net.onnx')).subarray(0, 999));
    const io = capture();
    expect(await runAnalyze([bad], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/^floplab: bad\.onnx is not an ONNX model: [^\n]*\n$/);
  });
});
