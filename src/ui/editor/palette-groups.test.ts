import { describe, expect, it } from 'vitest';
import { LAYER_TYPES_IN_PALETTE } from '../../core/layer-defaults';
import { PALETTE_LABELS, paletteButtonName } from './palette-groups';

describe('paletteButtonName', () => {
  it('contains the visible label as a whole word (WCAG 2.5.3) and names the full type', () => {
    expect(paletteButtonName('MaxPooling2D')).toBe('Add MaxPool (MaxPooling2D)');
    expect(paletteButtonName('InputLayer')).toBe('Add Input (InputLayer)');
    expect(paletteButtonName('Conv2D')).toBe('Add Conv2D');
    for (const type of LAYER_TYPES_IN_PALETTE) {
      const visible = PALETTE_LABELS[type] ?? type;
      const words = paletteButtonName(type).split(/[\s()]+/);
      expect(words, type).toContain(visible);
      expect(paletteButtonName(type), type).toContain(type);
    }
  });
});
