import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../core/model';
import { blockKeyOf, blocksByBranches, groupLayers } from './layer-blocks';

const layer = (name: string, inputs?: string[]): LayerSpec =>
  ({ type: 'Activation', name, activation: 'relu', ...(inputs ? { inputs } : {}) });

describe('blockKeyOf', () => {
  it('finds the Keras block prefix of ResNet, MobileNet and VGG names', () => {
    expect(blockKeyOf('conv2_block1_1_conv')).toBe('conv2_block1');
    expect(blockKeyOf('conv2_block1_add')).toBe('conv2_block1');
    expect(blockKeyOf('block_3_expand_BN')).toBe('block_3');
    expect(blockKeyOf('block1_conv1')).toBe('block1');
    expect(blockKeyOf('expanded_conv_depthwise')).toBe('expanded_conv');
    expect(blockKeyOf('conv_dw_5_bn')).toBe('conv_block_5');
    expect(blockKeyOf('conv_pw_5')).toBe('conv_block_5');
    expect(blockKeyOf('conv1_conv')).toBeNull();
    expect(blockKeyOf('dense_1')).toBeNull();
  });
});

describe('groupLayers', () => {
  it('groups consecutive layers sharing a prefix and leaves single layers alone', () => {
    const layers = ['input_1', 'conv1_conv', 'conv2_block1_1_conv', 'conv2_block1_add', 'conv2_block2_add', 'pool'].map((n) => layer(n));
    expect(groupLayers(layers)).toEqual([{ id: 'conv2_block1_1_conv', label: 'conv2_block1', start: 2, end: 3 }]);
  });

  it('falls back to fork-to-merge runs when names carry no blocks', () => {
    // x → a → b ─┐
    //  └────────→ add → out
    const layers = [layer('in'), layer('x'), layer('a'), layer('b'), layer('add', ['b', 'x']), layer('out')];
    expect(blocksByBranches(layers)).toEqual([{ id: 'a', label: 'Branch → add', start: 2, end: 4 }]);
    expect(groupLayers(layers)).toEqual(blocksByBranches(layers));
  });

  it('finds no block in a plain stack', () => {
    expect(groupLayers(['a', 'b', 'c'].map((n) => layer(n)))).toEqual([]);
  });
});
