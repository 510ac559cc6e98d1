/**
 * The digits as tensors for one model: all 10,000 images laid out as the model's input wants
 * them (28×28×1, flattened 784, or zero-padded to 32×32×1) and scaled (0..1 or 0..255), plus
 * int32 labels and the fixed split. Training and evaluation gather batches from these two
 * tensors by index, so the images are uploaded to the backend once per job.
 */
import * as tf from '@tensorflow/tfjs';
import { decodeDigits, type Digits } from '../core/digits/format';
import { digitsFit, type DigitsFit, type PixelScale } from '../core/digits/fit';
import type { ModelGraph } from '../core/model';
import { digitsSplit, type DigitsSplit } from '../core/digits/split';
import { fail, ok, type Result } from '../core/result';

export interface DigitsTensors {
  /** [count, …inputShape] float32, scaled per `scale`. */
  images: tf.Tensor;
  /** [count] int32, 0..9. */
  labels: tf.Tensor1D;
  count: number;
  /** The fixed 8,000 / 2,000 split (src/core/digits/split.ts). */
  split: DigitsSplit;
  fit: DigitsFit;
  scale: PixelScale;
}

/** Zero padding of LeNet-5's input: 2 pixels on each side of the 28×28 image (LeCun et al. 1998). */
const PAD_PIXELS = 2;

/** Uploads the digits for a model of layout `fit`. The caller disposes with `disposeDigitsTensors`. */
export function digitsTensors(digits: Digits, fit: DigitsFit, scale: PixelScale = 'unit'): DigitsTensors {
  const { count, rows, cols } = digits;
  const images = tf.tidy(() => {
    const grey = tf.tensor4d(digits.pixels, [count, rows, cols, 1], 'float32');
    const scaled = scale === 'unit' ? grey.div(255) : grey;
    if (fit.layout === 'flat-784') return scaled.reshape([count, rows * cols]);
    if (fit.layout === 'padded-32') return scaled.pad([[0, 0], [PAD_PIXELS, PAD_PIXELS], [PAD_PIXELS, PAD_PIXELS], [0, 0]]);
    return scaled;
  });
  const labels = tf.tensor1d(digits.labels, 'int32');
  return { images, labels, count, split: digitsSplit(count), fit, scale };
}

/**
 * digitsFit + digitsTensors in one call: the digits laid out for `graph`, or the sentence why
 * they do not fit it. The caller disposes with `disposeDigitsTensors`.
 */
export function digitsForGraph(graph: ModelGraph, digits: Digits, scale: PixelScale = 'unit'): Result<DigitsTensors> {
  const fit = digitsFit(graph);
  return fit.ok ? ok(digitsTensors(digits, fit.value, scale)) : fit;
}

export function disposeDigitsTensors(t: DigitsTensors): void {
  tf.dispose([t.images, t.labels]);
}

/** Browser/worker: fetches and decodes the app's digits file (e.g. `${import.meta.env.BASE_URL}data/digits.bin`). */
export async function fetchDigits(url: string, signal?: AbortSignal): Promise<Result<Digits>> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (e) {
    return fail({ code: 'parse-error', message: `Cannot load the digits from ${url}: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (!response.ok) return fail({ code: 'parse-error', message: `Cannot load the digits from ${url}: HTTP ${response.status}.` });
  return decodeDigits(new Uint8Array(await response.arrayBuffer()));
}

// Loaded only when called (Node: CLI, scripts, tests); the variable specifier keeps browser
// bundles from resolving it (as in weights-io.ts).
const NODE_FS = 'node:fs/promises';

/** Node only: reads and decodes the digits file (default: public/data/digits.bin under the working directory). */
export async function readDigitsFile(path = 'public/data/digits.bin'): Promise<Result<Digits>> {
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as typeof import('node:fs/promises');
  try {
    return decodeDigits(new Uint8Array(await fs.readFile(path)));
  } catch (e) {
    return fail({ code: 'parse-error', message: `Cannot read the digits file ${path}: ${e instanceof Error ? e.message : String(e)}` });
  }
}
