/**
 * Bring your own model: an .onnx exported by PyTorch and a Keras .keras file go through
 * "Import model"; the totals are the ones PyTorch / the fixture script measured (expected.json,
 * made independently of FlopLab), shapes read as PyTorch prints them, and an ONNX model's
 * compressed weights download as a smaller .onnx with int8/uint8 weights, also when the model
 * holds an op TensorFlow.js cannot run (then without fidelity and latency, said on the page).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './fixtures';
import { stackItems } from './editor-helpers';
import { expectParams, waitForAnalysis } from './state-helpers';
import { decodeOnnx } from '../src/core/onnx/read-model';
import { TensorProto_DataType } from '../src/core/onnx/gen/onnx_pb';

const ONNX_DIR = 'src/core/onnx/fixtures';
const KERAS_DIR = 'src/core/import/keras-file/fixtures';

interface OnnxExpected { initializerParams: number; macs: number; outputShape: number[] }

async function fixture(dir: string, name: string) {
  return { name, mimeType: 'application/octet-stream', buffer: await readFile(`${dir}/${name}`) };
}

async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Import model', { exact: true }).setInputFiles(file);
}

test('an ONNX export of a ResNet block: PyTorch\'s counts, C×H×W shapes, the folded BatchNorms named', async ({ page }) => {
  const expected = JSON.parse(await readFile(`${ONNX_DIR}/resnet-basic-block.expected.json`, 'utf8')) as OnnxExpected;
  await page.goto('/');
  await importFile(page, await fixture(ONNX_DIR, 'resnet-basic-block.onnx'));
  const notice = page.getByRole('status').filter({ hasText: 'Imported resnet-basic-block.onnx' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('BatchNorm');
  await expectParams(page, expected.initializerParams);
  await expect(page.getByTestId('total-macs')).toHaveAttribute('data-value', String(expected.macs));
  await waitForAnalysis(page);
  await expect(page.getByTestId('shape-layout-note')).toContainText('C×H×W');
  // The block's output as torch gives it, [16, 8, 8], in the last row of the table.
  const table = page.getByRole('region', { name: 'Layer table (scrolls)' });
  // (The header is its own column only in a wide table; it is in the table at every width.)
  await expect(table.locator('th', { hasText: 'Output shape (C×H×W)' })).toHaveCount(1);
  await expect(table.getByText(expected.outputShape.join('×')).first()).toBeVisible();
});

test('compressing an imported ONNX model downloads a smaller .onnx with 8-bit weights and DequantizeLinear', async ({ page }) => {
  const original = await readFile(`${ONNX_DIR}/custom-net.onnx`);
  await page.goto('/');
  await importFile(page, await fixture(ONNX_DIR, 'custom-net.onnx'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported custom-net.onnx' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: /Compress/ }).click();
  await page.getByLabel('Pruning sparsity (%)').fill('50');
  await page.getByLabel('Quantization bits').fill('8');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByTestId('weights-source')).toHaveText('Compressed the imported weights.', { timeout: 90_000 });
  const exportSection = page.getByRole('region', { name: 'Export as ONNX' });
  await expect(exportSection).toBeVisible();
  const link = exportSection.getByRole('link', { name: 'custom-net.compressed.onnx' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = await readFile(await download.path());
  expect(bytes.byteLength).toBeLessThan(original.byteLength);
  const model = decodeOnnx(new Uint8Array(bytes), 'downloaded');
  expect(model.ok, model.ok ? '' : model.error.message).toBe(true);
  if (!model.ok) return;
  const graph = model.value.graph!;
  const codes = graph.initializer.filter((t) => t.name.endsWith('_quantized'));
  expect(codes.length).toBeGreaterThan(0);
  for (const t of codes) expect([TensorProto_DataType.INT8, TensorProto_DataType.UINT8]).toContain(t.dataType);
  const dequantized = graph.node.filter((n) => n.opType === 'DequantizeLinear').map((n) => n.input[0]);
  expect(dequantized.sort()).toEqual(codes.map((t) => t.name).sort());
});

test('an ONNX model with an op TensorFlow.js cannot run (a gating Mul) still compresses to an .onnx; the page says what was not measured', async ({ page }) => {
  await page.goto('/');
  await importFile(page, await fixture(ONNX_DIR, 'se-gate.onnx'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported se-gate.onnx' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: /Compress/ }).click();
  await page.getByLabel('Pruning sparsity (%)').fill('50');
  await page.getByLabel('Quantization bits').fill('8');
  await page.getByRole('button', { name: 'Compress', exact: true }).click();
  await expect(page.getByTestId('weights-source')).toHaveText('Compressed the imported weights.', { timeout: 90_000 });
  const results = page.getByRole('region', { name: 'Compression results' });
  await expect(results.getByText("TensorFlow.js cannot run layer 'Mul' (Mul)")).toBeVisible();
  await expect(results.getByTestId('fidelity')).toHaveCount(0);
  await expect(results.getByText('Latency was not measured.')).toBeVisible();
  const link = page.getByRole('region', { name: 'Export as ONNX' }).getByRole('link', { name: 'se-gate.compressed.onnx' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const model = decodeOnnx(new Uint8Array(await readFile(await download.path())), 'downloaded');
  expect(model.ok, model.ok ? '' : model.error.message).toBe(true);
  if (!model.ok) return;
  const codes = model.value.graph!.initializer.filter((t) => t.name.endsWith('_quantized'));
  expect(codes.map((t) => t.name).sort()).toEqual(['conv1.weight_quantized', 'conv2.weight_quantized']);
  for (const t of codes) expect([TensorProto_DataType.INT8, TensorProto_DataType.UINT8]).toContain(t.dataType);
});

test('a damaged .onnx is refused with one clear message, and the model on the page stays', async ({ page }) => {
  await page.goto('/');
  await expect(stackItems(page).first()).toBeVisible();
  const before = await stackItems(page).count();
  await importFile(page, { name: 'broken.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from([8, 7, 0x12, 0xff, 0xff, 0xff, 0x0f]) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.onnx is not an ONNX model', { timeout: 30_000 });
  await expect(stackItems(page)).toHaveCount(before);
});

test('a Keras .keras file imports with its weights: params as the file holds them', async ({ page }) => {
  const expected = JSON.parse(await readFile(`${KERAS_DIR}/expected.json`, 'utf8')) as Record<string, { totalParams: number }>;
  await page.goto('/');
  await importFile(page, await fixture(KERAS_DIR, 'small-cnn.keras'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported small-cnn.keras' })).toBeVisible({ timeout: 30_000 });
  await expectParams(page, expected['small-cnn.keras'].totalParams);
});
