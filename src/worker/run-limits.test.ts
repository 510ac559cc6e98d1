import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import { findPreset } from '../core/presets';
import { refuseReason } from './run-limits';

const reportOf = (id: string) => {
  const result = analyzeModel(findPreset(id)!.build());
  if (!result.ok) throw new Error(result.errors[0].message);
  return result.report;
};

describe('refuseReason', () => {
  it('refuses VGG-16 for its 553 MB of weights, naming the size', () => {
    expect(refuseReason(reportOf('vgg-16'))).toMatch(/Weights are 553\.4 MB.*300 MB/);
  });
  it('lets small and mid-size models run', () => {
    expect(refuseReason(reportOf('lenet-5'))).toBeNull();
    expect(refuseReason(reportOf('mobilenet-v1'))).toBeNull();
    expect(refuseReason(reportOf('resnet-50'))).toBeNull();
  });
});
