import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { WeightsManifestEntry, WeightsManifestGroup } from '../core/import/weights-manifest';
import { float16BitsToFloat32 as float16ToNumber } from '../core/compress/float16';
import { decodeWeights, orderWeightFiles } from './weights-io';

const bytes = (...arrays: ArrayBufferView[]): ArrayBuffer => {
  const total = arrays.reduce((n, a) => n + a.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return out.buffer;
};

/** What tfjs itself decodes from the same bytes (the reference), as plain arrays. */
function tfjsDecode(specs: WeightsManifestEntry[], data: ArrayBuffer): Record<string, number[]> {
  const tensors = tf.io.decodeWeights(data, specs as tf.io.WeightsManifestEntry[]);
  const out: Record<string, number[]> = {};
  for (const [name, t] of Object.entries(tensors)) {
    out[name] = Array.from(t.dataSync());
    t.dispose();
  }
  return out;
}

describe('decodeWeights', () => {
  const specs: WeightsManifestEntry[] = [
    { name: 'a/kernel', shape: [2, 3], dtype: 'float32' },
    { name: 'a/bias', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
    { name: 'b/kernel', shape: [5], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: -2 } },
    { name: 'c/kernel', shape: [8], dtype: 'float32', quantization: { dtype: 'float16' } },
    { name: 'steps', shape: [], dtype: 'int32' },
    { name: 'q/int', shape: [2], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.3, min: 1 } },
  ];
  // float16 bits: 1, -2, 65504 (max), 2^-24 (smallest subnormal), +inf, 0, -0, 0.333…
  const halves = new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x0000, 0x8000, 0x3555]);
  const data = bytes(
    new Float32Array([1.5, -2, 3.25, 0, 1e-7, -8]),
    new Uint8Array([0, 3, 255]),
    new Uint16Array([0, 1, 2000, 65535, 42]),
    halves,
    new Int32Array([7]),
    new Uint8Array([0, 10]),
  );

  it('decodes float32, int32 and uint8 / uint16 / float16 quantized entries exactly as tfjs does', () => {
    const before = tf.memory().numTensors;
    const result = decodeWeights([{ paths: ['w.bin'], weights: specs }], [data]);
    expect(tf.memory().numTensors).toBe(before);
    if (!result.ok) throw new Error(result.error.message);
    const reference = tfjsDecode(specs, data);
    for (const w of result.value) expect(Array.from(w.data), w.name).toEqual(reference[w.name]);
    expect(result.value[1].data).toEqual(new Float32Array([-1, 0.5, 126.5])); // q · 0.5 − 1
    expect(result.value.map((w) => w.shape)).toEqual(specs.map((s) => s.shape));
  });

  it('reads float16 specials: max, subnormal, infinity, signed zero', () => {
    expect(float16ToNumber(0x7bff)).toBe(65504);
    expect(float16ToNumber(0x0001)).toBe(2 ** -24);
    expect(float16ToNumber(0xfc00)).toBe(-Infinity);
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
    expect(float16ToNumber(0x7e00)).toBeNaN();
  });

  it('splits several groups and files in manifest order (a group spans its files)', () => {
    const manifest: WeightsManifestGroup[] = [
      { paths: ['g1-shard1of2.bin', 'g1-shard2of2.bin'], weights: [{ name: 'x', shape: [3], dtype: 'float32' }] },
      { paths: ['g2.bin'], weights: [{ name: 'y', shape: [1], dtype: 'float32' }] },
    ];
    const all = new Float32Array([1, 2, 3]);
    const result = decodeWeights(manifest, [all.buffer.slice(0, 5), all.buffer.slice(5), new Float32Array([9]).buffer]);
    expect(result.ok && result.value.map((w) => Array.from(w.data))).toEqual([[1, 2, 3], [9]]);
  });

  it('leaves optimizer state out', () => {
    const result = decodeWeights([{ paths: ['w.bin'], weights: [
      { name: 'k', shape: [1], dtype: 'float32' }, { name: 'adam/m', shape: [1], dtype: 'float32', group: 'optimizer' },
    ] }], [new Float32Array([1, 2]).buffer]);
    expect(result.ok && result.value.map((w) => w.name)).toEqual(['k']);
  });

  it.each([
    ['too few bytes', [new Float32Array(5).buffer], /Expected at least 24 bytes to read weight 'a\/kernel', but got 20/],
    // 6·4 + 3 + 5·2 + 8·2 + 4 + 2 = 59 bytes listed.
    ['too many bytes', [bytes(new Uint8Array(data), new Uint8Array(4))], /Expected 59 bytes .* but got 63/],
    ['a missing file', [], /Expected 1 weights files \(w\.bin\), but got 0/],
  ])('refuses %s with a message naming the file', (_label, buffers, message) => {
    const result = decodeWeights([{ paths: ['w.bin'], weights: specs }], buffers as ArrayBuffer[]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('refuses uint8 quantization without scale and min', () => {
    const result = decodeWeights([{ paths: ['w.bin'], weights: [{ name: 'k', shape: [1], dtype: 'float32', quantization: { dtype: 'uint8' } }] }], [new Uint8Array(1).buffer]);
    expect(!result.ok && result.error.message).toMatch(/Weight 'k': Expected quantization scale and min/);
  });
});

describe('orderWeightFiles', () => {
  const manifest: WeightsManifestGroup[] = [{ paths: ['./sub1.bin', 'sub2.bin'], weights: [{ name: 'k', shape: [2], dtype: 'float32' }] }];

  it('orders uploaded files by the manifest paths and names a missing one', () => {
    const a = new Float32Array([1]).buffer;
    const b = new Float32Array([2]).buffer;
    const ordered = orderWeightFiles(manifest, [{ name: 'sub2.bin', data: b }, { name: 'sub1.bin', data: a }]);
    expect(ordered.ok && ordered.value).toEqual([a, b]);
    const missing = orderWeightFiles(manifest, [{ name: 'sub1.bin', data: a }]);
    expect(!missing.ok && missing.error.message).toMatch(/'sub2\.bin'.*missing/);
  });
});
