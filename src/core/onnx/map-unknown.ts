/**
 * An op FlopLab does not map: counted as zero cost (engine type 'Unknown', named by the op) where
 * each output's shape is known (from a shape rule or the file's value_info), refused otherwise, as
 * the layers after it could not be analysed.
 */
import type { FlopLabError } from '../result';
import { showShape, type MapContext } from './map-context';
import { printable } from './names';

/**
 * Emits one zero-cost Unknown layer per used output (the first named as the node, then `<node>_<k>`).
 * `unmapped`: the op is one FlopLab has no mapper for (op-table.ts); false when a mapper of a known
 * op falls back here (a Clip with other bounds, an Add with a constant).
 */
export function mapUnknown(ctx: MapContext, unmapped = false): FlopLabError | null {
  const inputs = ctx.dataLayers();
  const domain = ctx.node.domain && ctx.node.domain !== 'ai.onnx' ? `${ctx.node.domain}.` : '';
  const className = printable(`${domain}${ctx.node.opType}`);
  let claimed = false;
  for (const [k, output] of ctx.node.output.entries()) {
    if (output === '' || (k > 0 && ctx.consumers(output).length === 0 && !ctx.isGraphOutput(output))) continue;
    const shape = ctx.outShape(k);
    if (!shape || shape.length < 2 || shape.some((d) => d < 1)) {
      return {
        code: 'unknown-layer', layer: ctx.node.name || undefined, field: 'op_type',
        message: `Node '${ctx.node.name || `#${ctx.index}`}': ${unmapped ? `FlopLab does not know the ONNX op '${className}' and cannot tell` : `FlopLab could not infer`} the shape of ${unmapped ? 'its' : `this ${className}'s`} output '${output}' (${showShape(shape)}), so the layers after it cannot be analysed. Export with shape inference (onnx.shape_inference.infer_shapes) to record it.`,
      };
    }
    const name = k === 0 ? ctx.name : ctx.uniqueName(`${ctx.name}_${k}`);
    const outputShape = ctx.engineShape(shape);
    // The file's float initializers it reads are its params (once, with the first output).
    const params = claimed ? 0 : ctx.claimFloatInputs(name);
    claimed = true;
    ctx.emit({ type: 'Unknown', name, inputs, className, outputShape, ...(params > 0 ? { params } : {}) });
    // The CLI and the page drop the engine's own note for an Unknown layer explained like this.
    const held = params > 0 ? `; the ${params.toLocaleString('en-US')} values of the float initializers it reads are counted as its params` : '';
    ctx.warn(`Layer '${name}' (${className}): ONNX op not mapped by FlopLab; counted as zero cost with its output shape ${showShape(shape)}${held}.`);
    ctx.produce(k, name);
  }
  return null;
}
