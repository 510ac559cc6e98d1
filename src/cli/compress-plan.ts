/**
 * `floplab compress` flags → a CompressionPlan, in Deep Compression's order (prune → share →
 * quantize → Huffman). Impossible values are one-line messages.
 */
import type { CompressionPlan, CompressionStage, KMeansInit } from '../core/compress/types';
import { numberValue, type ParsedArgs } from './args';

export const COMPRESS_FLAGS = {
  prune: 'string', global: 'boolean', structured: 'boolean', kmeans: 'string', init: 'string', bits: 'string',
  'per-channel': 'boolean', symmetric: 'boolean', huffman: 'boolean', out: 'string', json: 'boolean', help: 'boolean',
  'retrain-epochs': 'string',
} as const;

const INITS: KMeansInit[] = ['linear', 'density', 'forgy', 'kmeans++'];

type Flags = ParsedArgs['flags'];
type PlanResult = { ok: true; value: CompressionPlan } | { ok: false; message: string };


/** The plan the flags describe, or why they are impossible. */
export function planFromFlags(flags: Flags): PlanResult {
  const stages: CompressionStage[] = [];
  const bad = (message: string): PlanResult => ({ ok: false, message });
  if (flags.prune !== undefined) {
    const s = numberValue(flags.prune);
    if (!(s >= 0 && s < 1)) return bad(`Option --prune: Expected a sparsity in [0, 1), but got '${String(flags.prune)}'.`);
    stages.push({ kind: 'prune', sparsity: s, global: flags.global === true, structured: flags.structured === true });
  } else if (flags.global || flags.structured) {
    return bad(`Option --${flags.global ? 'global' : 'structured'} needs --prune S as well.`);
  }
  if (flags.kmeans !== undefined) {
    const k = numberValue(flags.kmeans);
    if (!Number.isInteger(k) || k < 2 || k > 256) return bad(`Option --kmeans: Expected an integer k from 2 to 256, but got '${String(flags.kmeans)}'.`);
    const init = (flags.init ?? 'linear') as KMeansInit;
    if (!INITS.includes(init)) return bad(`Option --init: Expected one of ${INITS.join(', ')}, but got '${String(flags.init)}'.`);
    stages.push({ kind: 'share', k, init });
  } else if (flags.init !== undefined) {
    return bad('Option --init needs --kmeans K as well.');
  }
  if (flags.bits !== undefined) {
    const bits = flags.bits === 'float16' ? 'float16' : numberValue(flags.bits);
    if (bits !== 'float16' && !(Number.isInteger(bits) && bits >= 1 && bits <= 16)) {
      return bad(`Option --bits: Expected an integer from 1 to 16 or 'float16', but got '${String(flags.bits)}'.`);
    }
    if (flags.symmetric && bits === 1) return bad('Option --symmetric: Expected at least 2 bits (1-bit symmetric has no level but zero), but got --bits 1.');
    stages.push({ kind: 'quantize', bits, symmetric: flags.symmetric === true, perChannel: flags['per-channel'] === true });
  } else if (flags.symmetric || flags['per-channel']) {
    return bad(`Option --${flags.symmetric ? 'symmetric' : 'per-channel'} needs --bits B as well.`);
  }
  if (flags.huffman) stages.push({ kind: 'huffman' });
  return { ok: true, value: { stages } };
}
