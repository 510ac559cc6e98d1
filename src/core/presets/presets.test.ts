import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../analyze';
import { parseFlopLabConfig, toFlopLabConfig } from '../config-schema';
import type { CostReport } from '../cost-types';
import { findPreset, NORMAL_VS_SEPARABLE_IDS, PRESETS } from './index';

function analyze(id: string): CostReport {
  const preset = findPreset(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const result = analyzeModel(preset.build());
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.report;
}

/**
 * Published or hand-worked figures (params in Keras's convention: BN moving statistics count as
 * non-trainable params). Sources:
 * - lenet-5: 156 + 2,416 + 48,120 + 10,164 + 850 params; MACs 25·6·28² + 150·16·10² + 400·120 + 120·84 + 84·10.
 * - lenet-300-100: 784·300+300 + 300·100+100 + 100·10+10 = 266,610; MACs 784·300 + 300·100 + 100·10.
 * - alexnet: torchvision's alexnet has 61,100,840 params and "0.71 GFLOPS" (its GFLOPS are MACs):
 *   conv 70,276,800 + 223,948,800 + 112,140,288 + 149,520,384 + 99,680,256, dense 58,621,952.
 * - vgg-16: keras.applications.VGG16 138,357,544 params; MACs from COUNTING.md.
 * - resnet-18: torchvision 11,689,512 trainable (its "1.81 GFLOPS" are MACs: 1,814,073,344 by hand:
 *   conv1 118,013,952 + conv2 462,422,016 + 3 × 411,041,792 + fc 512,000) plus 2 × 4,800 BN moving stats.
 * - resnet-50: keras.applications.ResNet50 summary 25,636,712 params, 25,583,592 trainable; MACs by hand
 *   (stride on the first 1×1): conv1 118,013,952 + stages 667,942,912 + 950,534,144 + 1,387,266,048
 *   + 732,168,192 + fc 2,048,000 = 3,857,973,248 (the paper's "3.8 × 10⁹ FLOPs" are these mult-adds).
 * - mobilenet-v1: keras.applications.MobileNet 4,253,864 params, 4,231,976 trainable; MACs COUNTING.md
 *   (the paper's Table 1 gives 569 M mult-adds).
 * - mobilenet-v2: keras.applications.MobileNetV2 3,538,984 params, 3,504,872 trainable; 300,774,272 MACs
 *   by hand (the paper's Table 3: 300 M).
 * - normal-vs-separable: 7·7·9·64 + 64 and 7·7·9 + 9·64 + 64 params; MACs in normal-vs-separable.ts.
 */
const GOLDEN: Record<string, { params: number; trainable: number; macs: number }> = {
  'lenet-5': { params: 61_706, trainable: 61_706, macs: 416_520 },
  'lenet-300-100': { params: 266_610, trainable: 266_610, macs: 266_200 },
  alexnet: { params: 61_100_840, trainable: 61_100_840, macs: 714_188_480 },
  'vgg-16': { params: 138_357_544, trainable: 138_357_544, macs: 15_470_264_320 },
  'resnet-18': { params: 11_699_112, trainable: 11_689_512, macs: 1_814_073_344 },
  'resnet-50': { params: 25_636_712, trainable: 25_583_592, macs: 3_857_973_248 },
  'mobilenet-v1': { params: 4_253_864, trainable: 4_231_976, macs: 568_740_352 },
  'mobilenet-v2': { params: 3_538_984, trainable: 3_504_872, macs: 300_774_272 },
  'normal-vs-separable-normal': { params: 28_288, trainable: 28_288, macs: 10_188_864 },
  'normal-vs-separable-separable': { params: 1_081, trainable: 1_081, macs: 367_137 },
  // Trained presets: the same architectures; student 784·64 + 64 + 64·10 + 10, MACs 784·64 + 64·10.
  'lenet-5-digits': { params: 61_706, trainable: 61_706, macs: 416_520 },
  'lenet-300-100-digits': { params: 266_610, trainable: 266_610, macs: 266_200 },
  'student-mlp-digits': { params: 50_890, trainable: 50_890, macs: 50_816 },
};

describe('presets', () => {
  it('has a golden figure for every preset and a preset for every golden figure', () => {
    expect(PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(GOLDEN).sort());
  });

  it.each(Object.entries(GOLDEN))('%s matches its published params and MACs', (id, golden) => {
    const { totals } = analyze(id);
    expect(totals.params).toBe(golden.params);
    expect(totals.trainableParams).toBe(golden.trainable);
    expect(totals.nonTrainableParams).toBe(golden.params - golden.trainable);
    expect(totals.macs).toBe(golden.macs);
  });

  it('ends every ImageNet classifier in 1,000 classes and keeps 224×224×3 inputs', () => {
    for (const id of ['alexnet', 'vgg-16', 'resnet-18', 'resnet-50', 'mobilenet-v1', 'mobilenet-v2']) {
      const report = analyze(id);
      expect(report.inputShape).toEqual([224, 224, 3]);
      expect(report.outputShape).toEqual([1000]);
    }
  });

  it('gives the lecture example its ~20 M vs ~734 K FLOPs, a ratio of 1/Cout + 1/K²', () => {
    const [normal, separable] = NORMAL_VS_SEPARABLE_IDS.map(analyze);
    expect(normal.totals.flops).toBe(20_377_728);
    expect(separable.totals.flops).toBe(734_274);
    expect(separable.outputShape).toEqual(normal.outputShape);
    expect(separable.totals.macs / normal.totals.macs).toBeCloseTo(1 / 64 + 1 / 49, 10);
  });

  it('names ResNet-50 layers like keras.applications', () => {
    const names = analyze('resnet-50').layers.map((l) => l.name);
    expect(names.slice(0, 7)).toEqual(['input_1', 'conv1_pad', 'conv1_conv', 'conv1_bn', 'conv1_relu', 'pool1_pad', 'pool1_pool']);
    for (const name of ['conv2_block1_0_conv', 'conv3_block4_add', 'conv4_block6_out', 'conv5_block3_3_bn', 'avg_pool', 'predictions']) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('conv2_block2_0_conv');
  });

  it('has unique kebab-case ids, unique layer names, and a name and description for the UI', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const preset of PRESETS) {
      expect(preset.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(preset.name.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(20);
      const names = preset.build().layers.map((l) => l.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('stays compact: a layer names its inputs only where they are not just the layer before', () => {
    for (const preset of PRESETS) {
      const layers = preset.build().layers;
      layers.forEach((layer, i) => {
        if (layer.inputs && layer.inputs.length === 1) expect(layer.inputs[0]).not.toBe(layers[i - 1]?.name);
      });
    }
  });

  it('is a valid FlopLab config that survives a JSON round trip unchanged', () => {
    for (const preset of PRESETS) {
      const graph = preset.build();
      const parsed = parseFlopLabConfig(JSON.parse(JSON.stringify(toFlopLabConfig(graph))));
      expect(parsed).toEqual({ ok: true, value: graph });
    }
  });

  it('builds a fresh graph on every call, so editing one does not change the preset', () => {
    const preset = findPreset('lenet-5')!;
    const first = preset.build();
    first.layers.pop();
    expect(preset.build().layers.length).toBe(first.layers.length + 1);
  });

  it('finds presets by id, opens the normal half for the pair id, and returns undefined otherwise', () => {
    expect(findPreset('resnet-50')?.name).toBe('ResNet-50');
    expect(findPreset('normal-vs-separable')?.id).toBe('normal-vs-separable-normal');
    expect(findPreset('constructor')).toBeUndefined();
    expect(findPreset('resnet-51')).toBeUndefined();
  });
});
