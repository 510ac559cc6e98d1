/**
 * The preset models. Each builds a fresh ModelGraph; every figure quoted in a description is
 * checked by presets.test.ts (against the engine) and src/tf/presets.test.ts (against tfjs).
 */
import { ALEXNET } from './alexnet';
import { LENET_300_100, LENET_5 } from './lenet';
import { MOBILENET_V1 } from './mobilenet-v1';
import { MOBILENET_V2 } from './mobilenet-v2';
import { NORMAL_VS_SEPARABLE_NORMAL, NORMAL_VS_SEPARABLE_SEPARABLE } from './normal-vs-separable';
import { RESNET_18, RESNET_50 } from './resnet';
import { TRAINED_PRESETS } from './trained';
import type { ModelPreset } from './types';
import { VGG_16 } from './vgg';

export type { ModelPreset, TrainedWeights } from './types';

/**
 * In the order the UI lists them: small to large, then the separable comparison pair, then the
 * presets with trained weights (`trained` set; their weights ship in public/models).
 */
export const PRESETS: ModelPreset[] = [
  LENET_5, LENET_300_100, ALEXNET, VGG_16, RESNET_18, RESNET_50, MOBILENET_V1, MOBILENET_V2,
  NORMAL_VS_SEPARABLE_NORMAL, NORMAL_VS_SEPARABLE_SEPARABLE, ...TRAINED_PRESETS,
];

/** The two halves of the lecture's comparison, for a UI that loads one and pins the other. */
export const NORMAL_VS_SEPARABLE_IDS = [NORMAL_VS_SEPARABLE_NORMAL.id, NORMAL_VS_SEPARABLE_SEPARABLE.id] as const;

/** 'normal-vs-separable' (the pair's common id in the contract) opens its normal half. */
const ALIASES = new Map<string, string>([['normal-vs-separable', NORMAL_VS_SEPARABLE_NORMAL.id]]);

/** The preset with this id (or alias), or undefined. */
export function findPreset(id: string): ModelPreset | undefined {
  const wanted = ALIASES.get(id) ?? id;
  return PRESETS.find((p) => p.id === wanted);
}
