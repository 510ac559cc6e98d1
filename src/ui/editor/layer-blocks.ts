/**
 * Groups a model's layers into collapsible blocks for the stack, so that a 175-layer ResNet-50
 * reads as its stages and blocks. Pure: no React, tested in layer-blocks.test.ts.
 *
 * Two ways, the first that finds any block wins:
 *  1. Keras names: consecutive layers sharing a block prefix (conv2_block1_*, block_3_*,
 *     block1_conv1, expanded_conv_*, conv_dw_5 / conv_pw_5 / conv_pad_5).
 *  2. Branches: a run of layers while more than one tensor is alive (between a fork and the
 *     merge that closes it), for imports and hand-made models without Keras names.
 */
import type { LayerSpec } from '../../core/model';

export interface LayerBlock {
  /** Stable id (the block's first layer name). */
  id: string;
  /** What the header says: the Keras prefix, or "Branch → add_1". */
  label: string;
  /** Index of the first and last layer (inclusive) in the model's layer list. */
  start: number;
  end: number;
}

const NAME_PATTERNS: { re: RegExp; key: (m: RegExpMatchArray) => string }[] = [
  { re: /^(.*?block_?\d+)(?:_|$)/, key: (m) => m[1] },
  { re: /^(expanded_conv)(?:_|$)/, key: (m) => m[1] },
  { re: /^conv_(?:pad|dw|pw)_(\d+)(?:_|$)/, key: (m) => `conv_block_${m[1]}` },
];

/** The Keras block prefix of a layer name, or null. */
export function blockKeyOf(name: string): string | null {
  for (const { re, key } of NAME_PATTERNS) {
    const m = name.match(re);
    if (m) return key(m);
  }
  return null;
}

/** Blocks of two or more consecutive layers that share a Keras block prefix. */
export function blocksByName(layers: readonly LayerSpec[]): LayerBlock[] {
  const blocks: LayerBlock[] = [];
  let i = 0;
  while (i < layers.length) {
    const key = blockKeyOf(layers[i].name);
    let j = i;
    while (key !== null && j + 1 < layers.length && blockKeyOf(layers[j + 1].name) === key) j++;
    if (key !== null && j > i) blocks.push({ id: layers[i].name, label: key, start: i, end: j });
    i = j + 1;
  }
  return blocks;
}

/** The names each layer reads: its explicit inputs, or the layer before it. */
export function inputsOf(layers: readonly LayerSpec[], index: number): string[] {
  const layer = layers[index];
  if (layer.inputs) return layer.inputs;
  return index > 0 ? [layers[index - 1].name] : [];
}

/**
 * Blocks between a fork and the merge that closes it: the runs of layers during which more than
 * one earlier output is still waiting to be read, each closed by the layer that brings it back to one.
 */
export function blocksByBranches(layers: readonly LayerSpec[]): LayerBlock[] {
  const lastUse = new Map<string, number>();
  layers.forEach((_, i) => {
    for (const name of inputsOf(layers, i)) lastUse.set(name, i);
  });
  const blocks: LayerBlock[] = [];
  let openedAt = -1;
  for (let i = 0; i < layers.length; i++) {
    // Outputs produced at or before i that a later layer still reads.
    let alive = 0;
    for (let k = 0; k <= i; k++) if ((lastUse.get(layers[k].name) ?? -1) > i) alive++;
    if (alive > 1 && openedAt < 0) openedAt = i;
    if (alive <= 1 && openedAt >= 0) {
      if (i > openedAt) blocks.push({ id: layers[openedAt].name, label: `Branch → ${layers[i].name}`, start: openedAt, end: i });
      openedAt = -1;
    }
  }
  return blocks;
}

/** The blocks to show: by Keras names when there are any, else by branches. */
export function groupLayers(layers: readonly LayerSpec[]): LayerBlock[] {
  const byName = blocksByName(layers);
  return byName.length > 0 ? byName : blocksByBranches(layers);
}
