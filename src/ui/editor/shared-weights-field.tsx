/**
 * The inspector's "Shares weights of" choice (`sharesWeightsOf`): a layer with weights may be a
 * second call of an earlier layer of the same type (a Keras shared layer, a PyTorch module called
 * twice). Its params then count zero, its MACs as usual. The engine checks the weight shapes.
 */
import { LAYER_TYPES_WITH_WEIGHTS } from '../../core/shapes/validate-layer';
import type { LayerSpec } from '../../core/model';
import { SelectField } from '../common/select-field';

/** The select's value for "owns its weights" (no layer name is empty). */
const OWN = '';

export function SharedWeightsField({ layers, index, onCommit, engineError }: {
  layers: LayerSpec[]; index: number; onCommit(sharesWeightsOf: string | undefined): void; engineError: string | null;
}) {
  const layer = layers[index];
  if (!layer || !LAYER_TYPES_WITH_WEIGHTS.has(layer.type)) return null;
  const earlier = layers.slice(0, index).filter((l) => l.type === layer.type).map((l) => l.name);
  const current = layer.sharesWeightsOf;
  // A name from an import that is no layer (or not an earlier one) stays listed, so the engine's message matches the field.
  if (current !== undefined && !earlier.includes(current)) earlier.push(current);
  if (earlier.length === 0) return null;
  return (
    <SelectField label="Shares weights of" value={current ?? OWN}
      options={[{ value: OWN, label: 'none (its own weights)' }, ...earlier.map((name) => ({ value: name, label: name }))]}
      onChange={(v) => onCommit(v === OWN ? undefined : v)} engineError={engineError} />
  );
}
