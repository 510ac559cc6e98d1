/**
 * Window sizes (ONNX / PyTorch) and the engine padding standing in for ONNX pads: hand-worked
 * sizes, and the property that the engine's Keras formulas (written out here) give the ONNX size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pair } from '../model';
import { readAttributes } from './attributes';
import { attr, node } from './test-graphs';
import { enginePadding, readWindow, transposeOutSize, transposePadding, windowOutSize, type Window2D } from './window';
import { AttributeProto_AttributeType as AT, AttributeProtoSchema } from './gen/onnx_pb';
import { create } from '@bufbuild/protobuf';

const win = (k: number, s: number, pads: [number, number], ceil = false, d = 1): Window2D => ({
  kernel: [k, k], strides: [s, s], dilations: [d, d], pads: [pads, pads], ceil, autoPad: 'NOTSET',
});

/** Keras conv_output_length after an optional ZeroPadding2D (the engine's rule, written out). */
function engineSize(w: Window2D, inSize: number, axis: 0 | 1): number {
  const p = enginePadding(w, [inSize, inSize], [windowOutSize(w, 0, inSize), windowOutSize(w, 1, inSize)]);
  const padded = inSize + (p.zeroPad ? p.zeroPad[axis][0] + p.zeroPad[axis][1] : 0);
  const dk = (w.kernel[axis] - 1) * w.dilations[axis] + 1;
  return p.padding === 'same' ? Math.ceil(padded / w.strides[axis]) : Math.floor((padded - dk) / w.strides[axis]) + 1;
}

describe('ONNX window sizes', () => {
  it('matches PyTorch on hand-worked cases', () => {
    expect(windowOutSize(win(7, 2, [3, 3]), 0, 224)).toBe(112); // ResNet stem
    expect(windowOutSize(win(3, 2, [1, 1]), 0, 112)).toBe(56); // ResNet max pool
    expect(windowOutSize(win(3, 2, [1, 1], true), 0, 34)).toBe(18); // ceil_mode (floor gives 17)
    expect(windowOutSize(win(2, 2, [0, 0], true), 0, 5)).toBe(3); // ceil_mode without pads
    expect(windowOutSize(win(3, 2, [1, 1], true), 0, 4)).toBe(3); // torch 1.13: max_pool2d(ceil_mode=True) on 4
    expect(windowOutSize(win(2, 2, [1, 1], true), 0, 5)).toBe(3); // a 4th window would start in the end pad: dropped
    expect(windowOutSize(win(1, 1, [0, 2], true), 0, 1)).toBe(2); // one start in the end pad kept, the next dropped
    expect(windowOutSize(win(3, 1, [2, 2], false, 2), 0, 10)).toBe(10); // dilated 'same'
  });

  it('picks same, valid or explicit pads as the issue says', () => {
    expect(enginePadding(win(7, 2, [3, 3]), [224, 224], [112, 112])).toEqual({ padding: 'same', zeroPad: null });
    expect(enginePadding(win(1, 1, [0, 0]), [8, 8], [8, 8])).toEqual({ padding: 'valid', zeroPad: null });
    expect(enginePadding(win(3, 1, [2, 2]), [8, 8], [10, 10])).toEqual({ padding: 'valid', zeroPad: [[2, 2], [2, 2]] });
    expect(enginePadding(win(3, 2, [1, 1], true), [34, 34], [18, 18])).toEqual({ padding: 'valid', zeroPad: [[1, 2], [1, 2]] });
  });

  it('gives the ONNX size through the engine for any window that has an output', () => {
    const arb = fc.record({
      inSize: fc.integer({ min: 1, max: 64 }), k: fc.integer({ min: 1, max: 7 }), s: fc.integer({ min: 1, max: 4 }),
      d: fc.integer({ min: 1, max: 3 }), begin: fc.integer({ min: 0, max: 6 }), end: fc.integer({ min: 0, max: 6 }), ceil: fc.boolean(),
    });
    fc.assert(fc.property(arb, ({ inSize, k, s, d, begin, end, ceil }) => {
      const w = win(k, s, [begin, end], ceil, d);
      const out = windowOutSize(w, 0, inSize);
      fc.pre(out >= 1);
      expect(engineSize(w, inSize, 0)).toBe(out);
    }), { numRuns: 500 });
  });
});

describe('ConvTranspose sizes', () => {
  it('k 4, s 2, p 1 doubles (\'same\'); k 3, s 2, p 0 gives 2·in + 1 (\'valid\'); k 1, s 2 needs a crop', () => {
    const up = win(4, 2, [1, 1]);
    expect(transposeOutSize(up, 0, 9, 0)).toBe(18);
    expect(transposePadding(up, [9, 9], [18, 18])).toEqual({ padding: 'same', extra: [0, 0] });
    const grow = win(3, 2, [0, 0]);
    expect(transposePadding(grow, [5, 5], [transposeOutSize(grow, 0, 5, 0), 11] as Pair)).toEqual({ padding: 'valid', extra: [0, 0] });
    const sparse = win(1, 2, [0, 0]);
    expect(transposePadding(sparse, [5, 5], [transposeOutSize(sparse, 0, 5, 0), 9] as Pair)).toEqual({ padding: 'same', extra: [-1, -1] });
  });
});

describe('ConvTranspose with auto_pad SAME_UPPER / SAME_LOWER', () => {
  // [in, kernel, stride, output_padding, dilation, auto_pad, the size onnxruntime-web 1.x gives]
  // (measured: one ConvTranspose per case, run on a 1×2×in×in input).
  const ORT: [number, number, number, number, number, string, number][] = [
    [5, 3, 2, 0, 1, 'SAME_UPPER', 10], [5, 3, 2, 1, 1, 'SAME_UPPER', 10], [5, 3, 2, 1, 1, 'SAME_LOWER', 10],
    [5, 1, 3, 0, 1, 'SAME_UPPER', 13], [5, 1, 3, 2, 1, 'SAME_UPPER', 15], [4, 3, 1, 0, 2, 'SAME_LOWER', 4],
    [5, 2, 4, 0, 1, 'SAME_UPPER', 18], [5, 5, 2, 0, 1, 'SAME_UPPER', 10],
  ];
  for (const [inSize, k, s, op, d, autoPad, expected] of ORT) {
    it(`in ${inSize}, k ${k}, s ${s}, output_padding ${op}, dilation ${d}, ${autoPad}: ${expected} as onnxruntime`, () => {
      const n = node('ConvTranspose', ['x', 'w'], ['y'], [
        attr('kernel_shape', [k, k]), attr('strides', [s, s]), attr('dilations', [d, d]), attr('output_padding', [op, op]),
        create(AttributeProtoSchema, { name: 'auto_pad', type: AT.STRING, s: new TextEncoder().encode(autoPad) }),
      ]);
      const w = readWindow(readAttributes(n, 0), [inSize, inSize], null, true)!;
      expect(transposeOutSize(w, 0, inSize, op)).toBe(expected);
      expect(transposeOutSize(w, 1, inSize, op)).toBe(expected);
    });
  }
});
