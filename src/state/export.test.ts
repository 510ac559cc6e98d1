import { describe, expect, it } from 'vitest';
import { parseFlopLabConfig } from '../core/config-schema';
import { findPreset } from '../core/presets/index';
import { layer, reportOf, stack } from '../core/test-helpers';
import { exportConfigJson, exportTableCsv } from './export';

describe('exportConfigJson', () => {
  it('writes a FlopLab config that reads back as the same graph', () => {
    const graph = findPreset('resnet-18')!.build();
    const json = JSON.parse(exportConfigJson(graph));
    expect(json).toMatchObject({ format: 'floplab', version: 1 });
    expect(parseFlopLabConfig(json)).toEqual({ ok: true, value: graph });
  });
});

describe('exportTableCsv', () => {
  it('one row per layer with exact figures, and a total row', () => {
    // 4×4×3 input, 3×3 conv 'same' with 2 filters: params 3·3·3·2 + 2 = 56, MACs 27 × 4·4·2 = 864
    const report = reportOf(stack([4, 4, 3], layer('Conv2D', 'conv', { filters: 2, padding: 'same' })));
    const lines = exportTableCsv(report).split('\r\n');
    expect(lines[0]).toBe('name,type,output shape,params,MACs,FLOPs (default convention),weight bytes,activation bytes');
    expect(lines[1]).toBe('input,InputLayer,4x4x3,0,0,0,0,192');
    expect(lines[2]).toBe('conv,Conv2D,4x4x2,56,864,1728,224,128');
    expect(lines[3]).toBe(`TOTAL,,4x4x2,56,864,1728,224,${192 + 128}`);
    expect(lines[4]).toBe('');
  });

  it('quotes names a spreadsheet could misread', () => {
    const graph = stack([4], layer('Dense', 'a,"b"', { units: 1 }), layer('Dense', '=HYPERLINK(1)', { units: 1 }));
    const csv = exportTableCsv(reportOf(graph, { convention: 'detailed' }));
    expect(csv).toContain('"a,""b"""');
    expect(csv).toContain(`"'=HYPERLINK(1)"`);
    expect(csv).toContain('FLOPs (detailed convention)');
  });
});
