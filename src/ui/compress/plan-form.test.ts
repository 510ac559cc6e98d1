import { describe, expect, it } from 'vitest';
import { defaultPlanForm, formProblem, moveStage, planFromForm } from './plan-form';

describe('planFromForm', () => {
  it('turns the default form into Deep Compression\'s pipeline', () => {
    expect(planFromForm(defaultPlanForm())).toEqual({
      stages: [
        { kind: 'prune', sparsity: 0.5 },
        { kind: 'share', k: 16, init: 'linear', seed: 42 },
        { kind: 'quantize', bits: 8, symmetric: false, perChannel: false },
        { kind: 'huffman' },
      ],
    });
  });

  it('keeps the user\'s order, drops disabled stages and maps the modes', () => {
    const form = { ...defaultPlanForm(), pruneMode: 'structured' as const, scheme: 'float16' as const };
    form.order = ['prune', 'quantize', 'share', 'huffman'];
    form.enabled = { ...form.enabled, share: false, huffman: false };
    expect(planFromForm(form).stages).toEqual([
      { kind: 'prune', sparsity: 0.5, structured: true },
      { kind: 'quantize', bits: 'float16' },
    ]);
  });

  it('writes only the overrides that change something', () => {
    const form = defaultPlanForm();
    form.overrides = {
      conv1: { skip: true, sparsityPercent: null, clusters: null, bits: null },
      fc1: { skip: false, sparsityPercent: 90, clusters: null, bits: 4 },
      fc2: { skip: false, sparsityPercent: null, clusters: null, bits: null },
    };
    expect(planFromForm(form).layers).toEqual({
      conv1: { skip: true },
      fc1: { prune: { sparsity: 0.9 }, quantize: { bits: 4 } },
    });
  });
});

describe('moveStage', () => {
  it('swaps with the neighbour and stays inside the list', () => {
    expect(moveStage(['prune', 'share', 'quantize'], 1, -1)).toEqual(['share', 'prune', 'quantize']);
    expect(moveStage(['prune', 'share'], 0, -1)).toEqual(['prune', 'share']);
  });
});

describe('formProblem', () => {
  it('asks for at least one stage', () => {
    const form = defaultPlanForm();
    form.enabled = { prune: false, share: false, quantize: false, huffman: false };
    expect(formProblem(form)).toMatch(/at least one stage/);
  });
  it('refuses structured pruning after quantization', () => {
    const form = { ...defaultPlanForm(), pruneMode: 'structured' as const, order: ['quantize', 'prune', 'share', 'huffman'] as const };
    expect(formProblem({ ...form, order: [...form.order] })).toMatch(/before sharing and quantization/);
    expect(formProblem(defaultPlanForm())).toBeNull();
  });
});
