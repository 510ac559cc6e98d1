/**
 * Test helper: reads the committed PyTorch exports in fixtures/ (see fixtures/README.md) and
 * imports them. Node only (node:fs); imported by tests, never by the app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelProto } from './gen/onnx_pb';
import { importOnnx } from './import-onnx';
import { decodeOnnx } from './read-model';
import type { OnnxImport } from './types';

const FIXTURES = join(__dirname, 'fixtures');
/** The fixtures every import test runs on. */
export const FIXTURE_NAMES = ['custom-net', 'resnet-basic-block', 'mobilenetv2-block', 'mobilenetv2-block-bn'];

/** What the fixture script measured (the fields the tests read). */
export interface Expected {
  initializerParams: number;
  macs: number;
  onnxInputShape: number[];
  outputShape: number[];
  layers: { module: string; type: string; inputShape: number[]; outputShape: number[]; macs: number }[];
}

/** Reads, decodes and imports a fixture; throws (failing the test) when any step fails. */
export function importFixture(name: string): { imp: OnnxImport; expected: Expected; model: ModelProto } {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, `${name}.onnx`)));
  const model = decodeOnnx(bytes, `${name}.onnx`);
  if (!model.ok) throw new Error(model.error.message);
  const imp = importOnnx(model.value, `${name}.onnx`);
  if (!imp.ok) throw new Error(imp.error.message);
  const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;
  return { imp: imp.value, expected, model: model.value };
}
