/**
 * Time to analyse ResNet-50 and a generated 1,000-layer residual model (median of many runs).
 * Targets (issue 2): under 2 ms and under 20 ms. Run: `npm run bench -- analyze`.
 */
import { analyzeModel } from '../src/core/analyze';
import { clearFormulaCache } from '../src/core/count/formula';
import type { LayerSpec, ModelGraph } from '../src/core/model';
import { findPreset } from '../src/core/presets/index';
import { report, timeRuns } from './timing';

/** `layers` layers: an input, then residual blocks of conv-BN-ReLU-conv-BN-Add-ReLU at 32×32×64. */
export function generatedResidualModel(layers: number): ModelGraph {
  const specs: LayerSpec[] = [{ type: 'InputLayer', name: 'input', shape: [32, 32, 64] }];
  let blockInput = 'input';
  const conv = (name: string): LayerSpec => ({
    type: 'Conv2D', name, filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'same',
    dilationRate: [1, 1], useBias: false, activation: 'linear',
  });
  for (let b = 0; specs.length + 7 <= layers; b++) {
    specs.push(
      conv(`b${b}_conv1`),
      { type: 'BatchNormalization', name: `b${b}_bn1`, epsilon: 1e-3, center: true, scale: true },
      { type: 'ReLU', name: `b${b}_relu1`, maxValue: null },
      conv(`b${b}_conv2`),
      { type: 'BatchNormalization', name: `b${b}_bn2`, epsilon: 1e-3, center: true, scale: true },
      { type: 'Add', name: `b${b}_add`, inputs: [blockInput, `b${b}_bn2`] },
      { type: 'ReLU', name: `b${b}_out`, maxValue: null },
    );
    blockInput = `b${b}_out`;
  }
  while (specs.length < layers) specs.push({ type: 'Dropout', name: `tail_${specs.length}`, rate: 0.1 });
  return { name: `generated-${layers}`, layers: specs };
}

export default function benchAnalyze(): void {
  const resnet = findPreset('resnet-50')?.build();
  if (!resnet) throw new Error('resnet-50 preset missing');
  const big = generatedResidualModel(1000);
  for (const [label, graph, target] of [['analyzeModel ResNet-50', resnet, 2], ['analyzeModel generated 1,000 layers', big, 20]] as const) {
    const check = analyzeModel(graph);
    if (!check.ok) throw new Error(check.errors[0].message);
    report(`${label} (${graph.layers.length} layers)`, timeRuns(() => analyzeModel(graph), 200, 20), target);
    report(`${label}, detailed`, timeRuns(() => analyzeModel(graph, { convention: 'detailed' }), 200, 20), target);
    // Formulas are interned across calls; this is the cost with an empty cache (first analysis).
    const cold = () => { clearFormulaCache(); return analyzeModel(graph); };
    report(`${label}, cold formula cache`, timeRuns(cold, 200, 20), target);
  }
}
