/**
 * What the stack shows for each layer, as primitive values (so memoised rows can compare them):
 * output shape, a compact cost figure, explicit inputs. Pure, tested in stack-rows.test.ts.
 */
import type { CostReport, LayerCost } from '../../core/cost-types';
import { formatCount, formatShape } from '../../core/format';
import { displayShape } from '../../core/shapes/display-shape';
import type { LayerSpec, ShapeLayout } from '../../core/model';
import type { LayerBlock } from './layer-blocks';

export interface StackRow {
  name: string;
  type: string;
  inputsText: string | null;
  shapeText: string;
  costText: string;
}

/** Last good cost of each layer, by name. */
export function costsByName(report: CostReport | null): Map<string, LayerCost> {
  return new Map((report?.layers ?? []).map((l) => [l.name, l]));
}

/** One figure that says what a layer costs: its MACs, else its FLOPs, else its params, else "free". */
export function compactCost(cost: LayerCost | undefined): string {
  if (!cost) return '…';
  if (cost.macs > 0) return `${formatCount(cost.macs)} MACs`;
  if (cost.flops > 0) return `${formatCount(cost.flops)} FLOPs`;
  if (cost.params > 0) return `${formatCount(cost.params)} params`;
  return '';
}

export function stackRows(
  layers: readonly LayerSpec[], costs: Map<string, LayerCost>, broken: Record<string, string>, layout?: ShapeLayout,
): StackRow[] {
  return layers.map((layer, i) => {
    const cost = broken[layer.name] ? undefined : costs.get(layer.name);
    const explicit = layer.inputs && !(layer.inputs.length === 1 && i > 0 && layer.inputs[0] === layers[i - 1].name);
    return {
      name: layer.name,
      type: layer.type === 'Unknown' ? `${layer.className} (unknown)` : layer.type,
      inputsText: explicit ? `← ${layer.inputs!.join(', ')}` : null,
      shapeText: broken[layer.name] ? '✕ no shape' : cost ? `→ ${formatShape(displayShape(cost.outputShape, layout))}` : '…',
      costText: broken[layer.name] ? '' : compactCost(cost),
    };
  });
}

/** "10 layers · 75.0 K params · 220.0 M MACs" for a block's header. */
export function blockSummary(block: LayerBlock, layers: readonly LayerSpec[], costs: Map<string, LayerCost>): string {
  let params = 0;
  let macs = 0;
  for (let i = block.start; i <= block.end; i++) {
    const c = costs.get(layers[i].name);
    params += c?.params ?? 0;
    macs += c?.macs ?? 0;
  }
  return `${block.end - block.start + 1} layers · ${formatCount(params)} params · ${formatCount(macs)} MACs`;
}
