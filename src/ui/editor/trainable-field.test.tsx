/** The inspector's "Trainable" switch (Keras `trainable`), server-rendered in node. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLayer } from '../../core/layer-defaults';
import type { LayerSpec } from '../../core/model';
import { LayerFields } from './layer-fields';

const html = (layer: LayerSpec) => renderToStaticMarkup(<LayerFields layer={layer} commit={() => {}} fieldError={() => null} />);
/** The <input> just before the label that reads "Trainable" (CheckboxField renders input, then label). */
const trainableInput = (markup: string): string | null => /<input[^>]*>(?=<label[^>]*>Trainable<\/label>)/.exec(markup)?.[0] ?? null;

describe('Trainable checkbox', () => {
  it('is checked by default and unchecked for a frozen layer', () => {
    const open = trainableInput(html(createLayer('Conv2D', 'c')));
    const frozen = trainableInput(html({ ...createLayer('Conv2D', 'c'), trainable: false }));
    expect(open).toMatch(/type="checkbox"/);
    expect(open).toMatch(/checked/);
    expect(frozen).toMatch(/type="checkbox"/);
    expect(frozen).not.toMatch(/checked/);
  });

  it('is offered only for layers with weights', () => {
    expect(html(createLayer('BatchNormalization', 'bn'))).toContain('Trainable');
    expect(html(createLayer('Flatten', 'f'))).not.toContain('Trainable');
  });
});
