/**
 * What the Compare view calls each model. A graph keeps its name through edits, so after "Make
 * separable" the lecture's "Normal 7×7 convolution" would still be called normal: the name shown
 * follows the model's layers instead.
 */
import type { ModelGraph } from '../../core/model';
import type { SeparableSwap } from './compare-deltas';

const KIND_WORD = /^(normal|separable)\b/i;

/** 'normal' when the graph has Conv2D layers and no SeparableConv2D, 'separable' the other way round, else null. */
function convKind(graph: ModelGraph): 'normal' | 'separable' | null {
  const convs = graph.layers.filter((l) => l.type === 'Conv2D').length;
  const separables = graph.layers.filter((l) => l.type === 'SeparableConv2D').length;
  if (convs > 0 && separables === 0) return 'normal';
  if (separables > 0 && convs === 0) return 'separable';
  return null;
}

function capitalised(word: string, like: string): string {
  return like[0] === like[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word;
}

/**
 * The name of the current model B in the comparison with A. A name that starts with "Normal" or
 * "Separable" gets the word its layers now call for (all Conv2D: normal, all SeparableConv2D:
 * separable); any other name says which layers the swaps changed, e.g.
 * "VGG-16, block2_conv1 made separable".
 */
export function comparedNameOfB(graph: ModelGraph, swaps: SeparableSwap[]): string {
  const name = graph.name;
  if (swaps.length === 0) return name;
  const word = KIND_WORD.exec(name)?.[1];
  const kind = convKind(graph);
  if (word !== undefined && kind !== null) return capitalised(kind, word) + name.slice(word.length);
  const toSeparable = swaps.filter((s) => s.direction === 'to-separable').map((s) => s.nameB);
  const toConv = swaps.filter((s) => s.direction === 'to-conv').map((s) => s.nameB);
  const list = (names: string[]) => (names.length <= 2 ? names.join(' and ') : `${names.length} layers`);
  const changes = [
    ...(toSeparable.length > 0 ? [`${list(toSeparable)} made separable`] : []),
    ...(toConv.length > 0 ? [`${list(toConv)} made normal`] : []),
  ];
  return `${name}, ${changes.join(', ')}`;
}
