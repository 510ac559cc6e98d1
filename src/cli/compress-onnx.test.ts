/**
 * `floplab compress model.onnx … --out <dir>` on the committed PyTorch exports
 * (src/core/onnx/fixtures): in-process through runCompress (its dispatch on .onnx), plus the built
 * bin as a real process for the exit codes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from '../core/onnx/gen/onnx_pb';
import { decodeOnnx } from '../core/onnx/read-model';
import { dequantizedWeight, onnxCheckerProblem, ONNX_CHECKER, runOnnx } from '../core/onnx/write-test-helpers';
import { testOnnxModel } from '../core/onnx/write-test-model';
import { useBuiltCli } from './cli-process';
import { runCompress } from './compress';
import type { CompressOnnxJson } from './compress-onnx';

const FIXTURES = join(__dirname, '..', 'core', 'onnx', 'fixtures');
const RESNET = join(FIXTURES, 'resnet-basic-block.onnx');
const root = mkdtempSync(join(tmpdir(), 'floplab-compress-onnx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `out${dirs++}`);

async function compress(args: string[]) {
  const io = { outText: '', errText: '', out: (t: string) => { io.outText += t; }, err: (t: string) => { io.errText += t; } };
  const code = await runCompress(args, io);
  return { code, out: io.outText, err: io.errText };
}

const decoded = (bytes: Uint8Array) => {
  const m = decodeOnnx(bytes, 'written.onnx');
  if (!m.ok) throw new Error(m.error.message);
  return m.value;
};

/** The input of an exported fixture: x[i] = sin(i / 10) over the flat NCHW input (as the fixture script's probe). */
function probeInput(file: string): { x: Float32Array; dims: number[] } {
  const expected = JSON.parse(readFileSync(file.replace(/\.onnx$/, '.expected.json'), 'utf8')) as { onnxInputShape: number[] };
  const n = expected.onnxInputShape.reduce((a, b) => a * b, 1);
  return { x: Float32Array.from({ length: n }, (_, i) => Math.sin(i / 10)), dims: expected.onnxInputShape };
}

describe('floplab compress model.onnx (in-process)', () => {
  it('--prune 0.5 --bits 8 --json: writes <out>/<name>.onnx with uint8 kernels, half zeros, and its file and gzip sizes', async () => {
    const out = freshDir();
    const r = await compress([RESNET, '--prune', '0.5', '--bits', '8', '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as CompressOnnxJson;
    const original = readFileSync(RESNET);
    const written = readFileSync(join(out, 'resnet-basic-block.onnx'));
    expect(s.onnx.fileBytesBefore).toBe(original.length);
    expect(s.onnx.fileBytesAfter).toBe(written.length);
    expect(s.after.fileBytes).toBe(written.length);
    // One 1 MiB block: the parallel gzip is exactly single-threaded gzip at level 6.
    expect(s.onnx.gzipBytesBefore).toBe(gzipSync(original, { level: 6 }).length);
    expect(s.onnx.gzipBytesAfter).toBe(gzipSync(written, { level: 6 }).length);
    expect(s.onnx.initializers.map((i) => i.storage)).toEqual(['uint8', 'uint8', 'uint8']);
    expect(s.layers.every((l) => l.sparsity >= 0.5 && l.bits === 8)).toBe(true);
    // Each kernel's values: at least half exact zeros, the rest within half a step of the original.
    const before = decoded(new Uint8Array(original));
    const after = decoded(new Uint8Array(written));
    for (const name of s.onnx.initializers.map((i) => i.name)) {
      const a = dequantizedWeight(after, name).values;
      const b = dequantizedWeight(before, name).values;
      expect(a.filter((v) => v === 0).length).toBeGreaterThanOrEqual(a.length / 2);
      const range = Math.max(...b) - Math.min(0, ...b);
      for (let i = 0; i < a.length; i++) if (a[i] !== 0) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(range / 255);
    }
  });

  it('--prune 0.5 alone keeps the file\'s size (float32 zeros) and shrinks its gzip size', async () => {
    const out = freshDir();
    const s = JSON.parse((await compress([RESNET, '--prune', '0.5', '--out', out, '--json'])).out) as CompressOnnxJson;
    expect(s.onnx.initializers.map((i) => i.storage)).toEqual(['float32', 'float32', 'float32']);
    expect(s.onnx.fileBytesAfter).toBe(s.onnx.fileBytesBefore);
    expect(s.onnx.gzipBytesAfter).toBeLessThan(0.7 * s.onnx.gzipBytesBefore);
  });

  it.each(['custom-net.onnx', 'resnet-basic-block.onnx', 'mobilenetv2-block.onnx'])('--prune 0 changes no value: %s is written back byte for byte (the import\'s transposes and the writer\'s undo each other)', async (file) => {
    const out = freshDir();
    expect((await compress([join(FIXTURES, file), '--prune', '0', '--out', out])).code).toBe(0);
    expect(Buffer.compare(readFileSync(join(out, file)), readFileSync(join(FIXTURES, file)))).toBe(0);
  });

  it('prints the tfjs report plus the ONNX file sizes and what was written', async () => {
    const out = freshDir();
    const r = await compress([RESNET, '--prune', '0.5', '--bits', '8', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Size by stage/);
    expect(r.out).toMatch(/ONNX file: .* \(gzip .*\) → .* \(gzip .*\)/);
    expect(r.out).toMatch(/Kernels stored: 0 int8 \+ 3 uint8 with DequantizeLinear, 0 float32/);
    expect(r.out.trimEnd().split('\n').pop()).toBe(`Wrote ${join(out, 'resnet-basic-block.onnx')}`);
  });

  it.each(['custom-net.onnx', 'resnet-basic-block.onnx', 'mobilenetv2-block.onnx'])('%s with 8-bit symmetric per-channel runs in onnxruntime with the same output shape', async (file) => {
    const out = freshDir();
    const r = await compress([join(FIXTURES, file), '--prune', '0.3', '--bits', '8', '--symmetric', '--per-channel', '--out', out, '--json']);
    expect(r.err).toBe('');
    const { x, dims } = probeInput(join(FIXTURES, file));
    const original = await runOnnx(readFileSync(join(FIXTURES, file)), x, dims);
    const compressed = await runOnnx(readFileSync(join(out, file)), x, dims);
    expect(compressed.length).toBe(original.length);
    expect(compressed.every(Number.isFinite)).toBe(true);
    if (!ONNX_CHECKER.skip) expect(onnxCheckerProblem(readFileSync(join(out, file)))).toBe(null);
  });

  it('a model.half() export with a weight in a Constant node: uint8 kernels Cast back to float16, and it runs', async () => {
    const file = join(root, 'half.onnx');
    writeFileSync(file, toBinary(ModelProtoSchema, testOnnxModel(14, 7, {}, { storage: 'float16', constants: ['fc.weight'] })));
    const out = freshDir();
    const r = await compress([file, '--prune', '0.5', '--bits', '8', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Kernels stored: 0 int8 \+ 4 uint8 with DequantizeLinear \(then Cast to float16\), 0 float32\n/);
    const written = readFileSync(join(out, 'half.onnx'));
    const x = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i / 10));
    const y = await runOnnx(written, x, [1, 2, 4, 4], 'float16');
    expect(y.length).toBe(4);
    expect(y.every(Number.isFinite)).toBe(true);
    if (!ONNX_CHECKER.skip) expect(onnxCheckerProblem(written)).toBe(null);
    const pruned = await compress([file, '--prune', '0.5', '--out', freshDir()]);
    expect(pruned.out).toMatch(/Kernels stored: 0 int8 \+ 0 uint8 with DequantizeLinear, 0 float32, 4 float16\n/);
  });

  it.skipIf(ONNX_CHECKER.skip)(`the written files pass onnx.checker for prune + k-means + 4 bits${ONNX_CHECKER.reason}`, async () => {
    const out = freshDir();
    expect((await compress([RESNET, '--prune', '0.5', '--kmeans', '8', '--bits', '4', '--out', out])).code).toBe(0);
    expect(onnxCheckerProblem(readFileSync(join(out, 'resnet-basic-block.onnx')))).toBe(null);
  });

  it('refuses --retrain-epochs, --structured and writing over the model itself, each with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [[RESNET, '--prune', '0.5', '--retrain-epochs', '1', '--out', freshDir()], /--retrain-epochs.*does not train resnet-basic-block\.onnx/],
      [[RESNET, '--prune', '0.5', '--structured', '--out', freshDir()], /--structured removes whole filters/],
      [[RESNET, '--bits', '8', '--out', FIXTURES], /would replace the model/],
    ];
    for (const [args, message] of cases) {
      const r = await compress(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    }
  });
});

describe('floplab compress model.onnx (the built bin)', () => {
  const cli = useBuiltCli('compress-onnx');

  it('a malformed .onnx and a missing one: exit 2 with one line; a good one: exit 0', async () => {
    const bad = join(root, 'bad.onnx');
    writeFileSync(bad, Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x12]));
    for (const file of [bad, join(root, 'missing.onnx')]) {
      const r = await cli(['compress', file, '--bits', '8', '--out', freshDir()]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file.endsWith('bad.onnx') ? 'bad.onnx' : 'missing.onnx');
    }
    const ok = await cli(['compress', RESNET, '--prune', '0.5', '--bits', '8', '--out', freshDir(), '--json']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as CompressOnnxJson).onnx.initializers).toHaveLength(3);
  }, 60_000);
});
