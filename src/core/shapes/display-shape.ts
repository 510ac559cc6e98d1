/**
 * Shapes in the order the page shows them. The engine is channels-last (H×W×C) whatever the
 * model's origin; a model imported from ONNX / PyTorch (`layout: 'channels-first'`) shows its
 * rank-3 feature maps as C×H×W, as PyTorch prints them. Display only: nothing is recomputed.
 */
import type { Shape, ShapeLayout } from '../model';

/**
 * The dims of `shape` (channels-last, batch left out) in display order: a rank-3 shape
 * [H, W, C] becomes [C, H, W] under 'channels-first'; every other rank, and an absent layout,
 * is returned as it is (a copy). E.g. [56, 56, 128] → [128, 56, 56]; [1000] → [1000].
 */
export function displayShape(shape: readonly number[], layout: ShapeLayout | undefined): Shape {
  if (layout === 'channels-first' && shape.length === 3) return [shape[2], shape[0], shape[1]];
  return [...shape];
}
