/**
 * importOnnx on hostile constant subgraphs: negative, fractional and huge dims or indices fed to
 * the folded ops (ConstantOfShape, Expand, Slice, Gather, Range, Tile, …) must give a value
 * (ok or a message), never a thrown RangeError; and a long chain of large folds stays cheap
 * (a graph-wide budget of kept constant elements).
 */
import { create } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { TensorProtoSchema, type TensorProto } from './gen/onnx_pb';
import { importOnnx } from './import-onnx';
import { int64s, model, node, tensorInfo } from './test-graphs';

const floats = (name: string, values: number[], dims = [values.length]): TensorProto =>
  create(TensorProtoSchema, { name, dims: dims.map(BigInt), dataType: 1, floatData: values });

/** Imports and checks the answer is a value: ok, or an error with a one-line message. */
function importsAsValue(m: ReturnType<typeof model>): boolean {
  const r = importOnnx(m, 'hostile.onnx');
  if (!r.ok) expect(r.error.message).toMatch(/^[^\n]+$/);
  else analyzeModel(r.value.graph); // the engine takes what the import gives: a report or errors, no throw
  return r.ok;
}

/** x [1, 3] + (a constant computed by `nodes` into 'c'). */
const plusConst = (nodes: ReturnType<typeof node>[], initializers: TensorProto[]) => model({
  nodes: [...nodes, node('Add', ['x', 'c'], ['y'], [], 'add')], initializers, inputs: [tensorInfo('x', [1, 3])],
});

describe('hostile dims in constant folding', () => {
  it('refuses ConstantOfShape [-1], Expand to [-3], a Gather at 0.5, with a message (they threw "Invalid array length")', () => {
    for (const m of [
      plusConst([node('ConstantOfShape', ['s'], ['c'])], [int64s('s', [-1])]),
      plusConst([node('Expand', ['one'], ['c'])].map((n) => ({ ...n, input: ['one', 's'] })), [floats('one', [1], []), int64s('s', [-3])]),
      plusConst([node('Gather', ['s', 'i'], ['g']), node('Unsqueeze', ['g', 'ax'], ['u']), node('ConstantOfShape', ['u'], ['c'])],
        [int64s('s', [3, 4]), floats('i', [0.5], []), int64s('ax', [0])]),
    ]) {
      expect(importsAsValue(m)).toBe(false);
    }
  });

  it('slices an int64 initializer of dims [2^40, 0] by counts (no 2^40-long index list)', () => {
    const big = create(TensorProtoSchema, { name: 'd', dims: [2n ** 40n, 0n], dataType: 7 });
    const m = plusConst([node('Slice', ['d', 'st', 'en'], ['c'])], [big, int64s('st', [0]), int64s('en', [5])]);
    // The slice is [5, 0]: Add of [1, 3] and [5, 0] does not broadcast, a message either way.
    expect(importsAsValue(m)).toBe(false);
  });

  it('gives the right shape where the constant is fine: ConstantOfShape [1, 3] + x [1, 3] → Add of [3]', () => {
    const r = importOnnx(plusConst([node('ConstantOfShape', ['s'], ['c'])], [int64s('s', [1, 3])]), 't.onnx');
    expect(r.ok && r.value.graph.layers[1]).toMatchObject({ type: 'Unknown', className: 'Add', outputShape: [3] });
  });

  const OPS: [string, number][] = [
    ['ConstantOfShape', 1], ['Expand', 2], ['Slice', 3], ['Gather', 2], ['Range', 3], ['Tile', 2], ['Reshape', 2],
    ['Concat', 2], ['Add', 2], ['Mul', 2], ['Div', 2], ['Unsqueeze', 2], ['Squeeze', 2], ['Transpose', 1], ['Cast', 1], ['Where', 3],
  ];
  const hostile = fc.constantFrom(-(2 ** 62), -3, -1, 0, 0.5, 1, 2, 3, 7, 2 ** 31, 2 ** 40, 2 ** 53, 1e300, NaN, Infinity);

  it('never throws on random small constant graphs with hostile values, feeding the data path\'s shapes: ok or a message', () => {
    const graph = fc.record({
      consts: fc.array(fc.tuple(fc.array(hostile, { minLength: 0, maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 4 }),
      ops: fc.array(fc.tuple(fc.constantFrom(...OPS), fc.array(fc.nat(), { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 6 }),
    });
    const lastOps = ['Add', 'Reshape', 'Expand', 'Tile', 'Pad', 'Slice', 'Gather', 'Resize', 'Split', 'Squeeze', 'Unsqueeze', 'ReduceMean', 'Concat', 'Mul'];
    fc.assert(fc.property(graph, fc.constantFrom(...lastOps), ({ consts, ops }, last) => {
      const initializers = consts.map(([values, isInt], i) => (isInt && values.every((v) => Number.isFinite(v))
        ? int64s(`k${i}`, values.map((v) => Math.trunc(Math.max(Math.min(v, 2 ** 62), -(2 ** 62)))))
        : floats(`k${i}`, values)));
      const names = initializers.map((t) => t.name);
      const nodes = ops.map(([[op, arity], picks], i) => {
        const n = node(op, picks.slice(0, arity).map((p) => names[p % names.length]), [`v${i}`]);
        names.push(`v${i}`);
        return n;
      });
      nodes.push(node('Identity', [names[names.length - 1]], ['c']));
      const m = plusConst(nodes, initializers);
      // The constant also shapes the data path: x [1, 3] through an op that reads it as a shape, pads, indices or scales.
      m.graph!.node[m.graph!.node.length - 1] = node(last, last === 'Resize' ? ['x', '', 'c'] : last === 'Slice' ? ['x', 'c', 'c'] : ['x', 'c'], ['y'], [], 'last');
      expect(() => importsAsValue(m)).not.toThrow();
    }), { numRuns: 300 });
  });
});

describe('the budget of kept constant elements', () => {
  it('analyses Range(0, 65536) then 2,000 chained Adds in well under a second, shapes still known', () => {
    const nodes = [node('Range', ['zero', 'n', 'one'], ['r0'])];
    for (let i = 0; i < 2000; i++) nodes.push(node('Add', [`r${i}`, 'one'], [`r${i + 1}`]));
    nodes.push(node('Add', ['x', 'r2000'], ['y'], [], 'add'));
    const m = model({
      nodes, initializers: [int64s('zero', [0], []), int64s('n', [65536], []), int64s('one', [1], [])],
      inputs: [tensorInfo('x', [1, 65536])],
    });
    const started = performance.now();
    const r = importOnnx(m, 'chain.onnx');
    expect(performance.now() - started).toBeLessThan(1000);
    // r2000's shape [65536] is inferred (its values no longer kept): x + r2000 is [1, 65536].
    expect(r.ok && r.value.graph.layers[1]).toMatchObject({ type: 'Unknown', outputShape: [65536] });
  });
});

describe('messages about hostile files', () => {
  it('says a 0 input dim is 0, not dynamic', () => {
    const r = importOnnx(model({ nodes: [node('Relu', ['x'], ['y'])], inputs: [tensorInfo('x', [1, 0, 8, 8])] }), 't.onnx');
    expect(!r.ok && r.error.message).toMatch(/got \[1, 0, 8, 8\] \(dim 1 is 0\)\.$/);
  });

  it('says a known op\'s shape could not be inferred (not that the op is unknown)', () => {
    const r = importOnnx(plusConst([node('ConstantOfShape', ['s'], ['c'])], [int64s('s', [-1])]), 't.onnx');
    expect(!r.ok && r.error.message).toMatch(/^Node 'add': FlopLab could not infer the shape of this Add's output 'y' \(an unknown shape\)/);
    const unknown = importOnnx(model({ nodes: [node('Einsum', ['x'], ['y'], [], 'e')] }), 't.onnx');
    expect(!unknown.ok && unknown.error.message).toMatch(/does not know the ONNX op 'Einsum'/);
  });

  it('escapes control characters of node names in messages and warnings', () => {
    const bad = importOnnx(model({ nodes: [node('Einsum', ['x'], ['y'], [], '\u001b[31mred\n')] }), 't.onnx');
    expect(!bad.ok && bad.error.message).toContain("Node '\\u{1b}[31mred\\u{a}'");
    const warned = importOnnx(model({ nodes: [node('Ein\u202esum', ['x'], ['y'], [], 'e')], valueInfo: [tensorInfo('y', [1, 3])] }), 't.onnx');
    expect(warned.ok && warned.value.warnings[0]).toContain("(Ein\\u{202e}sum)");
  });

  it('refuses a graph certain to exceed the layer limit before mapping it', () => {
    const nodes = Array.from({ length: 2004 }, (_, i) => node('Relu', [i === 0 ? 'x' : `r${i - 1}`], [`r${i}`]));
    const r = importOnnx(model({ nodes }), 'deep.onnx');
    expect(!r.ok && r.error.message).toBe('deep.onnx: It has at least 1,002 layers; FlopLab opens models of up to 1,000 layers.');
  });
});
