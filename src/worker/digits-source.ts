/**
 * The digits for the training, evaluation and sweep jobs, loaded once per worker and only when a
 * job first needs them (never on first paint). In the browser they come from the app's own
 * public/data/digits.bin; in Node (unit tests) from the file on disk.
 */
import { appPath } from '../core/app-path';
import type { Digits } from '../core/digits/format';
import type { Result } from '../core/result';
import { fetchDigits, readDigitsFile } from '../tf/digits-data';
import { againstLocation } from './location-url';

export type DigitsSource = () => Promise<Result<Digits>>;

/** The URL of the digits file beside the app (Vite's base), resolved against the worker's location. */
export function digitsUrl(): string {
  return againstLocation(appPath('data/digits.bin')).href;
}

const browserSource: DigitsSource = () => fetchDigits(digitsUrl());
const nodeSource: DigitsSource = () => readDigitsFile();

function defaultSource(): DigitsSource {
  const inBrowser = typeof (globalThis as { location?: unknown }).location !== 'undefined' && typeof fetch !== 'undefined'
    && typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== 'string';
  return inBrowser ? browserSource : nodeSource;
}

let cached: Promise<Result<Digits>> | null = null;

/** The decoded digits (loaded on the first call; a failed load is retried on the next). */
export async function loadDigits(): Promise<Result<Digits>> {
  if (cached === null) {
    cached = defaultSource()();
    const loaded = await cached;
    if (!loaded.ok) cached = null;
    return loaded;
  }
  return cached;
}
