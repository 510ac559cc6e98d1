/**
 * The inspector: every hyperparameter of the selected layer, its wiring and name, the engine's
 * message when its configuration is impossible, and the normal ↔ separable swap.
 */
import { useCallback } from 'react';
import { formatCount, formatShape } from '../../core/format';
import { displayShape } from '../../core/shapes/display-shape';
import type { LayerSpec } from '../../core/model';
import { useFlopLab } from '../../state/store';
import { TextField } from '../common/text-field';
import { InputsField } from './inputs-field';
import { LayerFields } from './layer-fields';
import { SeparableSwap } from './separable-swap';
import { SharedWeightsField } from './shared-weights-field';
import { MAX_NAME_CHARS } from '../../core/limits';

export function Inspector() {
  const layers = useFlopLab((s) => s.graph.layers);
  const layout = useFlopLab((s) => s.graph.layout);
  const selected = useFlopLab((s) => s.selectedLayer);
  const errors = useFlopLab((s) => s.errors);
  const report = useFlopLab((s) => s.report);
  const updateLayer = useFlopLab((s) => s.updateLayer);
  const index = layers.findIndex((l) => l.name === selected);
  const layer: LayerSpec | undefined = layers[index];
  const name = layer?.name ?? '';
  const commit = useCallback((patch: Partial<LayerSpec>) => updateLayer(name, patch), [updateLayer, name]);

  if (!layer) {
    return (
      <section aria-labelledby="inspector-heading" className="flex flex-col gap-2">
        <h2 id="inspector-heading" className="text-lg font-bold">Inspector</h2>
        <p className="text-slate-600">Select a layer in the stack (click it, or Tab to it and press Enter) to edit its hyperparameters.</p>
      </section>
    );
  }

  const layerErrors = errors.filter((e) => e.layer === layer.name);
  const fieldError = (field: string) =>
    (FIELDS_SHOWN.has(field) ? layerErrors.find((e) => e.field === field)?.message : null) ?? null;
  const general = layerErrors.filter((e) => !e.field || !FIELDS_SHOWN.has(e.field));
  const cost = layerErrors.length === 0 ? report?.layers.find((l) => l.name === layer.name) : undefined;
  const validateName = (v: string) => {
    if (v.trim() === '') return 'A layer needs a name.';
    if (v.length > MAX_NAME_CHARS) return `At most ${MAX_NAME_CHARS} characters.`;
    if (v !== v.trim()) return 'No spaces at the start or end.';
    if (layers.some((l, i) => i !== index && l.name === v)) return `There is already a layer called '${v}'.`;
    return null;
  };

  return (
    <section aria-labelledby="inspector-heading" data-inspector-layer={layer.name} className="flex flex-col gap-3">
      <div>
        <h2 id="inspector-heading" className="text-lg font-bold">
          Inspector: <span className="font-mono">{layer.name}</span>
        </h2>
        <p className="text-slate-600">
          {layer.type}
          {cost && <> · {cost.inputShapes.map((sh) => formatShape(displayShape(sh, layout))).join(' + ')} → {formatShape(displayShape(cost.outputShape, layout))} · {formatCount(cost.params)} params · {formatCount(cost.macs)} MACs</>}
        </p>
      </div>
      {general.length > 0 && (
        <div className="rounded-md border-2 border-error bg-error-light px-3 py-2 text-sm font-medium text-error" data-testid="inspector-error">
          {general.map((e) => <p key={e.message}>⚠ {e.message}</p>)}
        </div>
      )}
      {/* key: a new layer gets fresh drafts in every field. */}
      <div key={`${index}:${layer.type}`} className="flex flex-col gap-3">
        <TextField label="Name" value={layer.name} commitOn="blur" validate={validateName}
          hint="Press Enter or leave the field to rename." onCommit={(v) => commit({ name: v })} />
        <InputsField layers={layers} index={index} onCommit={(inputs) => commit({ inputs })} />
        {(layer.type === 'Conv2D' || layer.type === 'SeparableConv2D') && <SeparableSwap layer={layer} />}
        {/* display: contents keeps the fields in the column's flex layout; focus-inspector.ts finds them here. */}
        <div data-inspector-fields className="contents">
          <LayerFields layer={layer} commit={commit} fieldError={fieldError} />
          <SharedWeightsField layers={layers} index={index} onCommit={(sharesWeightsOf) => commit({ sharesWeightsOf })}
            engineError={fieldError('sharesWeightsOf')} />
        </div>
      </div>
    </section>
  );
}

/**
 * Full-width fields whose engine errors are shown beside the field; the others (pairs like
 * kernelSize, whose half-width column is too narrow for a sentence) show them at the top.
 */
const FIELDS_SHOWN = new Set(['filters', 'units', 'depthMultiplier', 'axis', 'groups', 'sharesWeightsOf']);
