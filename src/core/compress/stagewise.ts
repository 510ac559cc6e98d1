/**
 * The compression pipeline one stage at a time, so a caller can change the weights between
 * stages (retraining after pruning and after sharing, Han et al. 2016 §2–3) and the next stage
 * continues from them. Sizes and the final CompressionResult are the pipeline's own (pipeline.ts
 * Run): run without updates, the stages give exactly runPipeline's result (tested).
 *
 * Updates must keep the stage structure: pruned weights stay 0 and a shared kernel keeps its
 * cluster assignments (src/tf/fine-tune.ts guarantees both); the codebook is read back from the
 * updated values.
 */
import { fail, ok, type Result } from '../result';
import { checkPlan } from './plan';
import { Run, type PipelineHooks } from './pipeline';
import type { RetrainConstraints } from './retrain-constraints';
import type { CompressionPlan, CompressionResult, StageBytes, WeightTensor } from './types';

export class StagewiseRun {
  private run: Run;
  private next = 0;

  private constructor(weights: WeightTensor[], readonly plan: CompressionPlan, hooks: PipelineHooks) {
    this.run = new Run(weights, plan, hooks);
  }

  /**
   * Checks `plan` and starts a run on `weights` (never mutated). Structured pruning changes the
   * graph, which retraining cannot follow: it is refused as an error value.
   */
  static start(weights: WeightTensor[], plan: CompressionPlan, hooks: PipelineHooks = {}): Result<StagewiseRun> {
    const checked = checkPlan(plan, false);
    if (!checked.ok) return checked;
    const structured = plan.stages.findIndex((s) => s.kind === 'prune' && s.structured);
    if (structured >= 0) {
      return fail({ code: 'invalid-value', field: 'structured', message: `Stage ${structured + 1} (prune): Expected unstructured pruning when retraining, but got structured pruning (it changes the model's layers).` });
    }
    return ok(new StagewiseRun(weights, plan, hooks));
  }

  /** Stages applied so far. */
  get done(): number { return this.next; }

  /** Bytes after each applied stage, starting with 'original'. */
  get stageBytes(): StageBytes[] { return this.run.stageBytes.slice(); }

  /**
   * Applies the next stage to the current weights; returns its size. Cancelled (hooks.signal)
   * → { ok: false, error: { code: 'cancelled' } }, as runPipeline.
   */
  async applyNext(): Promise<Result<StageBytes>> {
    const stage = this.plan.stages[this.next];
    if (!stage) return fail({ code: 'invalid-value', message: `Expected a stage left to apply, but all ${this.plan.stages.length} ran.` });
    const done = await this.run.applyToEachTensor(stage, this.next);
    if (!done.ok) return done;
    this.next++;
    const bytes: StageBytes = { name: stage.kind, bytes: this.run.totalBytes() };
    this.run.stageBytes.push(bytes);
    return ok(bytes);
  }

  /** Every weight tensor in its current state (input order). */
  weights(): WeightTensor[] {
    return this.run.result().weights;
  }

  /**
   * What retraining must keep: each pruned kernel's mask, each shared kernel's assignments
   * (codebook, indices, mask). Kernels neither pruned nor shared train freely.
   */
  constraints(): RetrainConstraints {
    const out: RetrainConstraints = {};
    for (const s of this.run.states) {
      if (!s.pruned && !s.codebook) continue;
      const mask = Uint8Array.from(s.data, (v) => (v !== 0 || !s.pruned ? 1 : 0));
      out[s.name] = s.codebook && s.indices
        ? { kind: 'shared', codebook: Float32Array.from(s.codebook), indices: Uint8Array.from(s.indices), mask }
        : { kind: 'mask', mask };
    }
    return out;
  }

  /**
   * Replaces the current weights by retrained ones (by name; shapes must match). Shared kernels
   * take their codebook from the new values (entry j = the value of any weight assigned to j;
   * entries no weight uses keep their value).
   */
  update(weights: WeightTensor[]): Result<true> {
    const byName = new Map(weights.map((w) => [w.name, w]));
    for (const w of [...this.run.tensors, ...this.run.states]) {
      const next = byName.get(w.name);
      if (next && next.data.length !== w.data.length) {
        return fail({ code: 'invalid-value', field: 'shape', message: `Tensor '${w.name}': Expected ${w.data.length} values, but got ${next.data.length}.` });
      }
    }
    this.run.tensors = this.run.tensors.map((t) => {
      const next = byName.get(t.name);
      return next ? { ...t, data: Float32Array.from(next.data) } : t;
    });
    for (const s of this.run.states) {
      const next = byName.get(s.name);
      if (!next) continue;
      s.data = Float32Array.from(next.data);
      if (s.codebook && s.indices) {
        const codebook = Float32Array.from(s.codebook);
        for (let i = 0; i < s.data.length; i++) if (s.data[i] !== 0) codebook[s.indices[i]] = s.data[i];
        s.codebook = codebook;
      }
    }
    return ok(true);
  }

  /** The pipeline's result for the stages applied so far (all of them once `done` equals the plan's length). */
  result(): CompressionResult {
    return this.run.result();
  }
}
