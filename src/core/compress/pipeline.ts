/**
 * The compression pipeline: the user's stages in the user's order over every prunable kernel
 * (prunable.ts), each stage's output feeding the next, with the size of every stage in the
 * storage format it implies (tensor-state.ts).
 *
 * Cancelling is not an error but it is a value: when `signal` is aborted the run stops at the
 * next tensor and resolves to { ok: false, error: { code: 'cancelled' } } (callers show nothing).
 * The run yields to the event loop every few milliseconds so a worker can receive the abort.
 */
import type { ModelGraph } from '../model';
import { fail, ok, type Result } from '../result';
import type {
  CompressionPlan, CompressionResult, CompressionStage, LayerCompression, PruneStage, StageBytes, StageKind, StructuredChange, WeightTensor,
} from './types';
import { checkPlan, stageForLayer } from './plan';
import { isPrunableTensor, layerOfTensor } from './prunable';
import { storageSize, encodingOf, type StorageSize, type TensorState } from './tensor-state';
import { applyPrune, applyQuantize, applyShare } from './apply-stage';
import { countZeros, pruneGlobally } from './prune';
import { pruneFilters } from './structured-prune';
import { distortion } from './error-metrics';
import { histogram, valueRange } from './histogram';
import { yieldToEventLoop } from './yield';
import { denseFloat32Bytes } from './storage';

export interface PipelineHooks {
  /** Fraction done 0..1 and the stage running. */
  onProgress?: (fraction: number, stage: StageKind) => void;
  signal?: AbortSignal;
}

export interface PipelineContext {
  /** Needed by structured pruning, which changes the graph. */
  graph?: ModelGraph;
}

/** How long the pipeline computes before it lets the event loop run (a pending cancel is seen then). */
const YIELD_EVERY_MS = 16;

/** Runs `plan` on `weights` (never mutated). See the file comment for cancellation. */
export async function runPipeline(
  weights: WeightTensor[], plan: CompressionPlan, hooks: PipelineHooks = {}, context: PipelineContext = {},
): Promise<Result<CompressionResult>> {
  const checked = checkPlan(plan, context.graph !== undefined);
  if (!checked.ok) return checked;
  const run = new Run(weights, plan, hooks);
  for (const [si, stage] of plan.stages.entries()) {
    const done = stage.kind === 'prune' && stage.structured
      ? run.pruneStructured(stage, context.graph as ModelGraph, si)
      : await run.applyToEachTensor(stage, si);
    if (!done.ok) return done;
    run.stageBytes.push({ name: stage.kind, bytes: run.totalBytes() });
  }
  hooks.onProgress?.(1, plan.stages[plan.stages.length - 1]?.kind ?? 'huffman');
  return ok(run.result());
}

/** One run's state between stages; exported for stage-at-a-time runs with retraining (stagewise.ts). */
export class Run {
  tensors: WeightTensor[];
  states: TensorState[];
  reference = new Map<string, Float32Array>();
  bytesBefore = new Map<string, number>();
  stageBytes: StageBytes[];
  notes: string[] = [];
  structured?: StructuredChange;
  private lastYield = performance.now();
  /** Sizes of the kernels in their current state, computed once per stage (Huffman sizing is not free). */
  private sizes = new Map<TensorState, StorageSize>();

  constructor(weights: WeightTensor[], private plan: CompressionPlan, private hooks: PipelineHooks) {
    this.tensors = weights.slice();
    for (const w of weights) this.bytesBefore.set(w.name, denseFloat32Bytes(w.data.length));
    this.states = this.statesOf(this.tensors);
    this.stageBytes = [{ name: 'original', bytes: this.totalBytes() }];
  }

  private statesOf(tensors: WeightTensor[]): TensorState[] {
    return tensors.filter((t) => isPrunableTensor(t.name)).map((t) => {
      this.reference.set(t.name, t.data);
      return { name: t.name, layer: layerOfTensor(t.name), shape: t.shape, data: t.data, pruned: false, huffman: false };
    });
  }

  totalBytes(): number {
    const kernels = new Set(this.states.map((s) => s.name));
    let bytes = 0;
    for (const t of this.tensors) if (!kernels.has(t.name)) bytes += denseFloat32Bytes(t.data.length);
    this.sizes = new Map(this.states.map((s) => [s, storageSize(s)]));
    for (const size of this.sizes.values()) bytes += size.bytes;
    return bytes;
  }

  private async step(done: number, total: number, kind: StageKind): Promise<boolean> {
    this.hooks.onProgress?.(done / total, kind);
    if (performance.now() - this.lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      this.lastYield = performance.now();
    }
    return !this.hooks.signal?.aborted;
  }

  private progressBase(si: number): number {
    return si * Math.max(1, this.states.length);
  }

  async applyToEachTensor(stage: CompressionStage, si: number): Promise<Result<true>> {
    const total = this.plan.stages.length * Math.max(1, this.states.length);
    if (this.hooks.signal?.aborted) return cancelled();
    if (stage.kind === 'prune' && stage.global) this.pruneGlobalGroup(stage);
    for (const [i, s] of this.states.entries()) {
      const own = stageForLayer(stage, s.layer, this.plan);
      if (own) {
        if (own.kind === 'prune' && !inGlobalGroup(stage, own)) applyPrune(s, own);
        else if (own.kind === 'share') applyShare(s, own);
        else if (own.kind === 'quantize') {
          if (own.perChannel && s.codebook) this.noteOnce(`Quantizing a k-means codebook is per tensor: per-channel scales do not apply to shared layers ('${s.layer}' and others).`);
          applyQuantize(s, own);
        }
        else if (own.kind === 'huffman') s.huffman = true;
      }
      if (!(await this.step(this.progressBase(si) + i + 1, total, stage.kind))) return cancelled();
    }
    return ok(true);
  }

  private noteOnce(note: string): void {
    const key = note.split('(')[0];
    if (!this.notes.some((n) => n.startsWith(key))) this.notes.push(note);
  }

  /** Kernels that keep the stage's global setting share one threshold. */
  private pruneGlobalGroup(stage: PruneStage): void {
    const group = this.states.filter((s) => {
      const own = stageForLayer(stage, s.layer, this.plan);
      return own !== null && inGlobalGroup(stage, own);
    });
    const pruned = pruneGlobally(group.map((s) => s.data), stage.sparsity);
    group.forEach((s, j) => {
      s.data = pruned[j].data;
      s.threshold = pruned[j].threshold;
      s.pruned = true;
    });
  }

  pruneStructured(stage: PruneStage, graph: ModelGraph, si: number): Result<true> {
    const r = pruneFilters(this.structured?.graph ?? graph, this.tensors, (layer) => {
      const own = stageForLayer(stage, layer, this.plan);
      return own?.kind === 'prune' ? own.sparsity : null;
    });
    if (!r.ok) return r;
    this.tensors = r.value.weights;
    this.states = this.statesOf(this.tensors);
    this.notes.push(...r.value.notes);
    this.structured = { graph: r.value.graph, removed: { ...this.structured?.removed, ...r.value.removed } };
    this.hooks.onProgress?.((si + 1) / this.plan.stages.length, 'prune');
    return ok(true);
  }

  result(): CompressionResult {
    const byName = new Map(this.states.map((s) => [s.name, s]));
    const weights = this.tensors.map((t) => {
      const s = byName.get(t.name);
      return s ? { name: t.name, shape: t.shape, data: s.data } : t;
    });
    const kernelsPerLayer = new Map<string, number>();
    for (const s of this.states) kernelsPerLayer.set(s.layer, (kernelsPerLayer.get(s.layer) ?? 0) + 1);
    const nonzeros = new Map(this.states.map((s) => [s, s.data.length - countZeros(s.data)]));
    const perLayer = this.states.map((s) => this.layerRecord(s, (kernelsPerLayer.get(s.layer) ?? 1) > 1, nonzeros.get(s) ?? 0));
    const bytesBefore = this.stageBytes[0].bytes;
    const bytesAfter = this.stageBytes[this.stageBytes.length - 1].bytes;
    return {
      stages: this.stageBytes,
      perLayer,
      weights,
      totals: {
        params: weights.reduce((n, w) => n + w.data.length, 0),
        bytesBefore,
        bytesAfter,
        ratio: bytesAfter > 0 ? bytesBefore / bytesAfter : Infinity,
        densityByLayer: densityByLayer(this.states, nonzeros),
      },
      notes: this.notes,
      ...(this.structured ? { structured: this.structured } : {}),
    };
  }

  private layerRecord(s: TensorState, several: boolean, nonzeros: number): LayerCompression {
    const ref = this.reference.get(s.name) as Float32Array;
    const { min, max } = valueRange(ref);
    const zeros = s.data.length - nonzeros;
    const { mse, sqnrDb } = distortion(ref, s.data);
    const size = this.sizes.get(s) ?? storageSize(s);
    const q = s.quant;
    return {
      name: several ? s.name : s.layer,
      tensor: s.name,
      params: s.data.length,
      sparsity: s.data.length ? zeros / s.data.length : 0,
      clusters: s.codebook ? s.codebook.length : null,
      bits: q?.kind === 'integer' ? q.params.bits : q?.kind === 'float16' ? 16 : 32,
      mse,
      sqnrDb,
      bytesBefore: this.bytesBefore.get(s.name) ?? denseFloat32Bytes(s.data.length),
      bytesAfter: size.bytes,
      format: size.format,
      ...(s.threshold !== undefined ? { threshold: s.threshold } : {}),
      ...(s.codebook ? { codebook: Array.from(s.codebook) } : {}),
      histogramBefore: histogram(ref, min, max),
      histogramAfter: histogram(s.data, min, max),
      encoding: encodingOf(s),
      ...(stageForLayer(this.plan.stages[0] ?? { kind: 'huffman' }, s.layer, this.plan) === null ? { skipped: 'skipped by a per-layer override' } : {}),
    };
  }
}

/**
 * Whether a layer's own version of a prune stage keeps the stage's global setting (a per-layer
 * override may change the sparsity or ask for 2:4), so it shares the one global threshold.
 */
function inGlobalGroup(stage: CompressionStage, own: PruneStage): boolean {
  return stage.kind === 'prune' && !!stage.global && !!own.global && own.sparsity === stage.sparsity && !own.pattern24;
}

/** Nonzero kernel weights / kernel weights, per layer (all kernels of a layer together). */
function densityByLayer(states: TensorState[], nonzeros: Map<TensorState, number>): Record<string, number> {
  const nnz: Record<string, number> = {};
  const all: Record<string, number> = {};
  for (const s of states) {
    nnz[s.layer] = (nnz[s.layer] ?? 0) + (nonzeros.get(s) ?? 0);
    all[s.layer] = (all[s.layer] ?? 0) + s.data.length;
  }
  return Object.fromEntries(Object.keys(all).map((l) => [l, all[l] ? nnz[l] / all[l] : 1]));
}

function cancelled(): { ok: false; error: { code: 'cancelled'; message: string } } {
  return fail({ code: 'cancelled', message: 'Compression cancelled.' }) as { ok: false; error: { code: 'cancelled'; message: string } };
}
