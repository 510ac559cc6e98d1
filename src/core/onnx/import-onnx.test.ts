/**
 * importOnnx on the committed PyTorch exports (fixtures/README.md): the engine's counts of the
 * mapped graph against what the fixture script measured with torch and the onnx package.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import type { CostReport } from '../cost-types';
import { FIXTURE_NAMES, importFixture } from './fixture-files';
import { toEngineShape } from './map-context';
import type { OnnxImport } from './types';

function reportOf(imp: OnnxImport): CostReport {
  const analysis = analyzeModel(imp.graph);
  if (!analysis.ok) throw new Error(analysis.errors.map((e) => e.message).join('\n'));
  return analysis.report;
}

const WEIGHTED = new Set(['Conv2D', 'DepthwiseConv2D', 'Conv2DTranspose', 'Dense']);

describe('importOnnx on PyTorch exports', () => {
  for (const name of FIXTURE_NAMES) {
    describe(name, () => {
      const { imp, expected } = importFixture(name);
      const report = reportOf(imp);

      it('counts exactly the initializers the graph uses as params', () => {
        expect(report.totals.params).toBe(expected.initializerParams);
      });

      it('counts the MACs torch hooks measured, in total and per Conv / ConvTranspose / Linear call', () => {
        expect(report.totals.macs).toBe(expected.macs);
        const layers = report.layers.filter((l) => WEIGHTED.has(l.type));
        expect(layers.map((l) => l.macs)).toEqual(expected.layers.map((l) => l.macs));
        // Each weighted layer's output is torch's, in the engine's layout.
        for (const [i, l] of layers.entries()) {
          expect(l.outputShape).toEqual(toEngineShape([1, ...expected.layers[i].outputShape]));
        }
      });

      it('takes the input without the batch and gives torch\'s output shape', () => {
        expect(report.inputShape).toEqual(toEngineShape(expected.onnxInputShape));
        expect(report.outputShape).toEqual(toEngineShape([1, ...expected.outputShape]));
        expect(imp.graph.layout).toBe('channels-first');
      });
    });
  }

  it('names the folded BatchNorms once, with their number (three convs of the basic block)', () => {
    const folded = (name: string) => importFixture(name).imp.warnings.filter((w) => w.includes('folded'));
    expect(folded('resnet-basic-block')).toEqual([expect.stringMatching(/^3 convolutions hold a BatchNorm/)]);
    expect(folded('mobilenetv2-block')).toHaveLength(1);
    expect(folded('mobilenetv2-block-bn')).toEqual([]);
    expect(folded('custom-net')).toEqual([]);
  });

  it('maps the custom net\'s ops to the engine layers the issue names', () => {
    const { imp } = importFixture('custom-net');
    const byName = new Map(imp.graph.layers.map((l) => [l.name, l]));
    expect(byName.get('grouped/Conv')).toMatchObject({ type: 'Conv2D', groups: 4, filters: 16, padding: 'same' });
    expect(byName.get('depthwise/Conv')).toMatchObject({ type: 'DepthwiseConv2D', depthMultiplier: 2 });
    expect(byName.get('relu6/Clip')).toMatchObject({ type: 'ReLU', maxValue: 6 });
    expect(byName.get('leaky/LeakyRelu')).toMatchObject({ type: 'LeakyReLU' });
    expect(byName.get('hardswish/HardSwish')).toMatchObject({ type: 'Activation', activation: 'hard_swish' });
    expect(byName.get('up/ConvTranspose')).toMatchObject({ type: 'Conv2DTranspose', padding: 'same', filters: 8 });
    expect(byName.get('gap/GlobalAveragePool')).toMatchObject({ type: 'GlobalAveragePooling2D', keepDims: true });
    expect(byName.get('ReduceMean')).toMatchObject({ type: 'GlobalAveragePooling2D', keepDims: false });
    expect(byName.get('Concat')).toMatchObject({ type: 'Concatenate', axis: -1 });
    // ceil_mode: 34 → 18 needs one more row and column than the pads (floor would give 17).
    expect(byName.get('maxpool/MaxPool_pad')).toMatchObject({ type: 'ZeroPadding2D', padding: [[1, 2], [1, 2]] });
    expect(byName.get('maxpool/MaxPool')).toMatchObject({ type: 'MaxPooling2D', padding: 'valid' });
    // The Linear on [N, 8, 324] is MatMul + Add: one Dense with its bias; the second call shares it.
    expect(byName.get('tokens/MatMul')).toMatchObject({ type: 'Dense', units: 16, useBias: true });
    expect(byName.get('shared_1/MatMul')).toMatchObject({ type: 'Dense', sharesWeightsOf: 'shared/MatMul' });
    expect([...byName.values()].some((l) => l.name.includes('Add') && l.name.includes('tokens'))).toBe(false);
    expect(imp.graph.layers.filter((l) => l.type === 'Unknown')).toEqual([]);
  });
});
