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

  it('gives shapes as PyTorch does (C×H×W) and says so; a model.json keeps H×W×C without a layout', async () => {
    const io = capture();
    expect(await runAnalyze([join(FIXTURES, 'custom-net.onnx'), '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout) as { layout?: string; layers: { name: string; outputShape: number[] }[] };
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'custom-net.expected.json'), 'utf8')) as { inputShape: number[]; layers: { outputShape: number[] }[] };
    expect(json.layout).toBe('channels-first');
    expect(json.layers[0].outputShape).toEqual(expected.inputShape);
    // torch's first Conv2d call: [8, 32, 32] (C, H, W), the engine's 32×32×8 shown as PyTorch prints it.
    expect(json.layers[1].outputShape).toEqual(expected.layers[0].outputShape);
    const text = capture();
    expect(await runAnalyze([join(FIXTURES, 'resnet-basic-block.onnx')], text)).toBe(0);
    expect(text.stdout).toContain('input 8×16×16, output 16×8×8 (shapes channels-first');
    const keras = capture();
    expect(await runAnalyze([join(__dirname, 'fixtures', 'tiny-cnn', 'model.json'), '--json'], keras)).toBe(0);
    expect(JSON.parse(keras.stdout)).not.toHaveProperty('layout');
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
