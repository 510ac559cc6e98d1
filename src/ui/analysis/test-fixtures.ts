/**
 * Hand-worked reports for the unit tests of this folder (not used by the app).
 * The model: 56×56×64 input → 3×3 Conv2D 128 'same' (or its SeparableConv2D) → GAP → Dense 10.
 * Figures from COUNTING.md's worked example, written out by hand, never computed here.
 */
import type { CostReport, Formula, LayerCost } from '../../core/cost-types';
import type { ModelGraph } from '../../core/model';

const formula = (value: number, parts?: Formula['parts']): Formula =>
  ({ symbolic: '', substituted: '', latex: '', value, parts });

export function layerCost(p: Partial<LayerCost> & Pick<LayerCost, 'name' | 'type'>): LayerCost {
  const params = p.params ?? 0;
  const macs = p.macs ?? 0;
  const flops = p.flops ?? 0;
  return {
    className: p.type,
    inputShapes: [],
    outputShape: [],
    params,
    trainableParams: params,
    nonTrainableParams: 0,
    macs,
    flops,
    weightBytes: params * 4,
    activationBytes: 0,
    formulas: { params: formula(params), macs: formula(macs), flops: formula(flops) },
    warnings: [],
    ...p,
  };
}

const input = layerCost({ name: 'input', type: 'InputLayer', outputShape: [56, 56, 64], activationBytes: 802_816 });
const gap = layerCost({ name: 'gap', type: 'GlobalAveragePooling2D', inputShapes: [[56, 56, 128]], outputShape: [128], flops: 401_408, activationBytes: 512 });
const dense = layerCost({ name: 'dense', type: 'Dense', inputShapes: [[128]], outputShape: [10], params: 1_290, macs: 1_280, flops: 2_560, activationBytes: 40 });

export const convLayer = layerCost({
  name: 'conv2', type: 'Conv2D', inputShapes: [[56, 56, 64]], outputShape: [56, 56, 128],
  params: 73_856, macs: 231_211_008, flops: 462_422_016, activationBytes: 1_605_632,
});

export const separableLayer = layerCost({
  name: 'conv2', type: 'SeparableConv2D', inputShapes: [[56, 56, 64]], outputShape: [56, 56, 128],
  params: 8_896, flops: 54_992_896, activationBytes: 1_605_632,
  macs: 27_496_448,
  formulas: {
    params: formula(8_896),
    macs: formula(27_496_448, [
      { label: 'Depthwise', formula: formula(1_806_336) },
      { label: 'Pointwise', formula: formula(25_690_112) },
    ]),
    flops: formula(54_992_896),
  },
});

function report(conv: LayerCost, totals: CostReport['totals']): CostReport {
  return {
    name: 'worked-example', convention: 'default', inputShape: [56, 56, 64], outputShape: [10],
    layers: [input, conv, gap, dense], totals, warnings: [],
  };
}

export const normalReport = report(convLayer, {
  params: 75_146, trainableParams: 75_146, nonTrainableParams: 0,
  macs: 231_212_288, flops: 462_825_984, weightBytes: 300_584,
  activationBytes: 2_409_000, peakActivationBytes: 2_408_448,
});

export const separableReport = report(separableLayer, {
  params: 10_186, trainableParams: 10_186, nonTrainableParams: 0,
  macs: 27_497_728, flops: 55_396_864, weightBytes: 40_744,
  activationBytes: 2_409_000, peakActivationBytes: 2_408_448,
});

const common = { kernelSize: [3, 3] as [number, number], strides: [1, 1] as [number, number], padding: 'same' as const, dilationRate: [1, 1] as [number, number], useBias: true, activation: 'relu' as const };

export const normalGraph: ModelGraph = {
  name: 'worked-example',
  layers: [
    { name: 'input', type: 'InputLayer', shape: [56, 56, 64] },
    { name: 'conv2', type: 'Conv2D', filters: 128, ...common },
    { name: 'gap', type: 'GlobalAveragePooling2D' },
    { name: 'dense', type: 'Dense', units: 10, useBias: true, activation: 'softmax' },
  ],
};

export const separableGraph: ModelGraph = {
  ...normalGraph,
  layers: normalGraph.layers.map((l) =>
    l.name === 'conv2' ? { name: 'conv2', type: 'SeparableConv2D', filters: 128, depthMultiplier: 1, ...common } : l),
};
