/**
 * The hyperparameter controls of each layer type. Every control commits only valid values;
 * what is valid but impossible for the model (a kernel larger than its input) goes to the store
 * and comes back as the engine's message.
 */
import { LAYER_TYPES_WITH_TRAINABLE_WEIGHTS } from '../../core/layer-defaults';
import { ACTIVATIONS, type ActivationName, type LayerSpec, type Padding } from '../../core/model';
import { NumberField } from '../common/number-field';
import { CheckboxField, SelectField } from '../common/select-field';
import { ALPHA, AXIS, EPSILON, RATE, RELU_MAX } from './field-rules';
import { NON_NEGATIVE_INT, PairFields, POSITIVE_INT } from './pair-fields';
import { ShapeListField } from './shape-list-field';

type Patch = Partial<LayerSpec>;
type Commit = (patch: Patch) => void;

const PADDINGS: readonly Padding[] = ['valid', 'same'];
/** The fields of `layer`; `fieldError` is the engine's message for the field it names, if any. */
export function LayerFields({ layer, commit, fieldError }: { layer: LayerSpec; commit: Commit; fieldError(field: string): string | null }) {
  return (
    <>
      <TypeFields layer={layer} commit={commit} fieldError={fieldError} />
      {LAYER_TYPES_WITH_TRAINABLE_WEIGHTS.has(layer.type) && (
        // Keras `trainable`: unchecked freezes the layer, and its weights count as non-trainable.
        <CheckboxField label="Trainable" checked={layer.trainable !== false} onChange={(trainable) => commit({ trainable })} />
      )}
    </>
  );
}

function TypeFields({ layer, commit, fieldError }: { layer: LayerSpec; commit: Commit; fieldError(field: string): string | null }) {
  switch (layer.type) {
    case 'InputLayer':
      return <ShapeListField legend="Input shape" value={layer.shape} dimLabels={['Height', 'Width', 'Channels']}
        onCommit={(shape) => commit({ shape })} />;
    case 'Conv2D': case 'SeparableConv2D': case 'Conv2DTranspose': case 'DepthwiseConv2D':
      return <ConvFields layer={layer} commit={commit} fieldError={fieldError} />;
    case 'Dense':
      return (
        <>
          <NumberField label="Units" value={layer.units} rule={POSITIVE_INT} onCommit={(units) => commit({ units: units as number })} engineError={fieldError('units')} />
          <ActivationSelect value={layer.activation} commit={commit} />
          <CheckboxField label="Use bias" checked={layer.useBias} onChange={(useBias) => commit({ useBias })} />
        </>
      );
    case 'MaxPooling2D': case 'AveragePooling2D':
      return (
        <>
          <PairFields label="Pool" value={layer.poolSize} rule={POSITIVE_INT} onCommit={(poolSize) => commit({ poolSize })} engineError={fieldError('poolSize')} />
          <PairFields label="Stride" value={layer.strides} rule={POSITIVE_INT} onCommit={(strides) => commit({ strides })} engineError={fieldError('strides')} />
          <SelectField label="Padding" value={layer.padding} options={PADDINGS} onChange={(padding) => commit({ padding })} />
        </>
      );
    case 'BatchNormalization':
      return (
        <>
          <NumberField label="Epsilon" value={layer.epsilon} rule={EPSILON} onCommit={(epsilon) => commit({ epsilon: epsilon as number })} />
          <CheckboxField label="Center (beta)" checked={layer.center} onChange={(center) => commit({ center })} />
          <CheckboxField label="Scale (gamma)" checked={layer.scale} onChange={(scale) => commit({ scale })} />
        </>
      );
    case 'Activation':
      return <ActivationSelect value={layer.activation} commit={commit} />;
    case 'ReLU':
      return <NumberField label="Max value" hint="Empty: unbounded (ReLU); 6: ReLU6." value={layer.maxValue}
        rule={RELU_MAX} onCommit={(maxValue) => commit({ maxValue })} />;
    case 'LeakyReLU':
      return <NumberField label="Alpha" value={layer.alpha} rule={ALPHA} onCommit={(alpha) => commit({ alpha: alpha as number })} />;
    case 'Dropout':
      return <NumberField label="Rate" hint="Fraction dropped while training, 0 ≤ rate < 1; no cost at inference."
        value={layer.rate} rule={RATE} onCommit={(rate) => commit({ rate: rate as number })} />;
    case 'Reshape':
      return <ShapeListField legend="Target shape" value={layer.targetShape} allowMinusOne
        onCommit={(targetShape) => commit({ targetShape })} />;
    case 'ZeroPadding2D': {
      const [[top, bottom], [left, right]] = layer.padding;
      return (
        <div className="grid grid-cols-2 gap-2">
          <NumberField label="Pad top" value={top} rule={NON_NEGATIVE_INT} onCommit={(v) => commit({ padding: [[v as number, bottom], [left, right]] })} />
          <NumberField label="Pad bottom" value={bottom} rule={NON_NEGATIVE_INT} onCommit={(v) => commit({ padding: [[top, v as number], [left, right]] })} />
          <NumberField label="Pad left" value={left} rule={NON_NEGATIVE_INT} onCommit={(v) => commit({ padding: [[top, bottom], [v as number, right]] })} />
          <NumberField label="Pad right" value={right} rule={NON_NEGATIVE_INT} onCommit={(v) => commit({ padding: [[top, bottom], [left, v as number]] })} />
        </div>
      );
    }
    case 'Concatenate':
      return <NumberField label="Axis" hint="Keras axis with the batch: -1 is the channels." value={layer.axis}
        rule={AXIS} onCommit={(axis) => commit({ axis: axis as number })} engineError={fieldError('axis')} />;
    case 'LayerNormalization':
      return (
        <>
          <NumberField label="Axis" hint="Keras axis with the batch: -1 is the last." value={layer.axis}
            rule={AXIS} onCommit={(axis) => commit({ axis: axis as number })} engineError={fieldError('axis')} />
          <NumberField label="Epsilon" value={layer.epsilon} rule={EPSILON} onCommit={(epsilon) => commit({ epsilon: epsilon as number })} />
          <CheckboxField label="Center (beta)" checked={layer.center} onChange={(center) => commit({ center })} />
          <CheckboxField label="Scale (gamma)" checked={layer.scale} onChange={(scale) => commit({ scale })} />
        </>
      );
    case 'Normalization':
      return (
        <>
          <NumberField label="Axis" hint="Keras axis with the batch: -1 is the last." value={layer.axis}
            rule={AXIS} onCommit={(axis) => commit({ axis: axis as number })} engineError={fieldError('axis')} />
          <CheckboxField label="Mean and variance given as constants" checked={layer.constantStats}
            onChange={(constantStats) => commit({ constantStats })} />
        </>
      );
    case 'PReLU':
      return (
        <p className="text-sm text-slate-700">
          One learned alpha per input element{layer.sharedAxes ? `, shared along axes ${layer.sharedAxes.join(', ')}` : ''}.
        </p>
      );
    case 'Unknown':
      return (
        <p className="text-sm text-slate-700">
          Imported layer of class <b>{layer.className}</b>, counted as zero cost; output shape {layer.outputShape ? layer.outputShape.join('×') : 'unknown'}.
        </p>
      );
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D':
      // Keras `keepdims`: 1×1×C (what ONNX's GlobalAveragePool gives) instead of C.
      return <CheckboxField label="Keep dims (1×1×C output)" checked={layer.keepDims === true}
        onChange={(keepDims) => commit({ keepDims: keepDims ? true : undefined })} />;
    case 'Softmax': case 'Flatten': case 'Add':
      return <p className="text-sm text-slate-600">This layer has no hyperparameters.</p>;
  }
}

type ConvLike = Extract<LayerSpec, { type: 'Conv2D' | 'SeparableConv2D' | 'Conv2DTranspose' | 'DepthwiseConv2D' }>;

function ConvFields({ layer, commit, fieldError }: { layer: ConvLike; commit: Commit; fieldError(field: string): string | null }) {
  return (
    <>
      {'filters' in layer && (
        <NumberField label="Filters" value={layer.filters} rule={POSITIVE_INT} onCommit={(filters) => commit({ filters: filters as number })} engineError={fieldError('filters')} />
      )}
      <PairFields label="Kernel" value={layer.kernelSize} rule={POSITIVE_INT} onCommit={(kernelSize) => commit({ kernelSize })} engineError={fieldError('kernelSize')} />
      <PairFields label="Stride" value={layer.strides} rule={POSITIVE_INT} onCommit={(strides) => commit({ strides })} engineError={fieldError('strides')} />
      {'dilationRate' in layer && (
        <PairFields label="Dilation" value={layer.dilationRate} rule={POSITIVE_INT} onCommit={(dilationRate) => commit({ dilationRate })} engineError={fieldError('dilationRate')} />
      )}
      {layer.type === 'Conv2D' && (
        // Keras `groups`; 1 (shown when absent) is a normal convolution and is stored as absent.
        <NumberField label="Groups" hint="Splits the input channels and the filters into this many groups; must divide both."
          value={layer.groups ?? 1} rule={POSITIVE_INT} onCommit={(groups) => commit({ groups: groups === 1 ? undefined : groups as number })}
          engineError={fieldError('groups')} />
      )}
      {'depthMultiplier' in layer && (
        <NumberField label="Depth multiplier" value={layer.depthMultiplier} rule={POSITIVE_INT} onCommit={(depthMultiplier) => commit({ depthMultiplier: depthMultiplier as number })} engineError={fieldError('depthMultiplier')} />
      )}
      <div className="grid grid-cols-2 gap-2">
        <SelectField label="Padding" value={layer.padding} options={PADDINGS} onChange={(padding) => commit({ padding })} />
        <ActivationSelect value={layer.activation} commit={commit} />
      </div>
      <CheckboxField label="Use bias" checked={layer.useBias} onChange={(useBias) => commit({ useBias })} />
    </>
  );
}

function ActivationSelect({ value, commit }: { value: ActivationName; commit: Commit }) {
  return <SelectField label="Activation" value={value} options={ACTIVATIONS} onChange={(activation) => commit({ activation })} />;
}
