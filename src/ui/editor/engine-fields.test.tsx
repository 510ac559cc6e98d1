/** The inspector's Groups, Keep dims and Shares weights of fields, server-rendered in node. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLayer } from '../../core/layer-defaults';
import type { LayerSpec } from '../../core/model';
import { LayerFields } from './layer-fields';
import { SharedWeightsField } from './shared-weights-field';

const html = (layer: LayerSpec) => renderToStaticMarkup(<LayerFields layer={layer} commit={() => {}} fieldError={() => null} />);
const sharedHtml = (layers: LayerSpec[], index: number) =>
  renderToStaticMarkup(<SharedWeightsField layers={layers} index={index} onCommit={() => {}} engineError={null} />);
/** The value of the input right after the label `label`'s field (NumberField renders label, then input). */
const valueAfter = (markup: string, label: string) => new RegExp(`${label}</label>.*?<input[^>]*value="([^"]*)"`).exec(markup)?.[1];

describe('engine fields in the inspector', () => {
  it('shows Groups 1 for a Conv2D without groups, the stored value otherwise, and only on Conv2D', () => {
    expect(valueAfter(html(createLayer('Conv2D', 'c')), 'Groups')).toBe('1');
    expect(valueAfter(html({ ...createLayer('Conv2D', 'c'), groups: 4 } as LayerSpec), 'Groups')).toBe('4');
    expect(html(createLayer('SeparableConv2D', 's'))).not.toContain('Groups');
  });

  it('offers Keep dims on global pooling, checked when set', () => {
    const off = html(createLayer('GlobalAveragePooling2D', 'g'));
    const on = html({ ...createLayer('GlobalMaxPooling2D', 'g'), keepDims: true } as LayerSpec);
    expect(off).toContain('Keep dims');
    expect(/<input[^>]*>(?=<label[^>]*>Keep dims)/.exec(off)?.[0]).not.toMatch(/checked/);
    expect(/<input[^>]*>(?=<label[^>]*>Keep dims)/.exec(on)?.[0]).toMatch(/checked/);
  });

  it('lists only earlier layers of the same type to share weights with, and nothing without one', () => {
    const layers: LayerSpec[] = [
      createLayer('InputLayer', 'in'), createLayer('Dense', 'd1'), createLayer('Conv2D', 'c1'),
      createLayer('Dense', 'd2'), createLayer('Dense', 'd3'), createLayer('Flatten', 'f'),
    ];
    const markup = sharedHtml(layers, 3);
    expect(markup).toContain('Shares weights of');
    expect([...markup.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'd1']);
    expect(sharedHtml(layers, 1)).toBe(''); // no earlier Dense
    expect(sharedHtml(layers, 5)).toBe(''); // Flatten has no weights
  });
});
