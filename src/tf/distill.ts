/**
 * Knowledge distillation on the digits (issue 9; Hinton, Vinyals & Dean 2015). One run trains two
 * students of the same graph from identical initial weights for the same number of steps:
 *
 * - "alone": each step one batch of the N labelled digits, cross-entropy on the true labels;
 * - "distilled": each step the same labelled batch and one batch of the transfer set, loss
 *   α·CE + (1 − α)·T²·KL on the teacher's logits (src/tf/distill-loss.ts).
 *
 * Labelled digits are the first N of the fixed training split (already a seeded shuffle, as
 * trainLimit in train.ts). The transfer set is all 8,000 training digits with "transfer" on and
 * the N labelled ones with it off. An epoch is ceil(8,000 / batchSize) steps (one pass over the
 * 8,000 transfer digits) in both cases, so every setting gets the same number of steps. The
 * teacher's logits of all digits are computed once, up front. Test accuracy of both students
 * after every epoch. Cancel between steps is not an error. Every tensor made here is disposed;
 * the two students are the caller's.
 */
import * as tf from '@tensorflow/tfjs';
import { BatchStream } from '../core/distill/batches';
import { softmaxWithTemperature } from '../core/distill/loss';
import { validateDistillSettings, type DistillSettings } from '../core/distill/settings';
import type { ModelGraph } from '../core/model';
import { fail, ok, type FlopLabError, type Result } from '../core/result';
import { yieldToEventLoop } from '../core/compress/yield';
import { buildTfModel } from './build-model';
import type { DigitsTensors } from './digits-data';
import { crossEntropyOfLogits, distillationLossTf } from './distill-loss';
import { evaluateAccuracy } from './evaluate';
import { logitsOf, logitsOfAll, type LogitsFn } from './logits';
import { disposeOptimizer, makeOptimizer } from './train';

export interface DistillEpoch {
  /** 1-based. */
  epoch: number;
  /** Test accuracy (0..1) of the student trained on its labels alone, and of the distilled one. */
  aloneAccuracy: number;
  distilledAccuracy: number;
  /** Mean training loss over the epoch's steps (nats): alone CE, distilled α·CE + (1−α)·T²·KL. */
  aloneLoss: number;
  distilledLoss: number;
}

export type DistillProgress =
  | { type: 'teacher'; accuracy: number }
  | { type: 'step'; epoch: number; step: number; steps: number }
  | { type: 'epoch'; record: DistillEpoch };

/** One test digit's teacher output, as the "dark knowledge" view draws it. */
export interface DarkKnowledgeDigit {
  /** Index into the digits file (image and label). */
  index: number;
  label: number;
  /** softmax(z_t) and softmax(z_t / T), fractions summing to 1. */
  atOne: number[];
  atTemperature: number[];
}

export interface DistillInputs {
  /** The trained teacher and the digits laid out for it. */
  teacher: tf.LayersModel;
  teacherData: DigitsTensors;
  /** The student's graph and the digits laid out for it (may be `teacherData`). */
  studentGraph: ModelGraph;
  studentData: DigitsTensors;
}

export interface DistillResult {
  status: 'done' | 'cancelled';
  teacherAccuracy: number;
  history: DistillEpoch[];
  /** The two students after the last finished step; the caller disposes them. */
  alone: tf.LayersModel;
  distilled: tf.LayersModel;
  darkKnowledge: DarkKnowledgeDigit[];
}

/**
 * Two students of `graph` with identical weights: the first built with seed `seed` (Keras's
 * glorot-uniform, seeded), the second given a copy of its weights. The caller disposes both.
 */
export function twinStudents(graph: ModelGraph, seed: number): Result<[tf.LayersModel, tf.LayersModel]> {
  const first = buildTfModel(graph, { seed });
  if (!first.ok) return first;
  const second = buildTfModel(graph, { weights: 'zeros' });
  if (!second.ok) { first.value.dispose(); return second; }
  const weights = first.value.getWeights();
  second.value.setWeights(weights);
  return ok([first.value, second.value]);
}

/** Runs the distillation (see the file comment). Bad settings or a student that cannot be built are error values. */
export async function distill(
  inputs: DistillInputs, settings: DistillSettings,
  onProgress: (p: DistillProgress) => void = () => {}, signal?: AbortSignal,
): Promise<Result<DistillResult>> {
  const invalid = validateDistillSettings(settings);
  if (invalid) return fail(invalid);
  const teacherLogitsFn = logitsOf(inputs.teacher);
  if (!teacherLogitsFn.ok) return teacherLogitsFn;
  const twins = twinStudents(inputs.studentGraph, settings.seed);
  if (!twins.ok) return twins;
  const [alone, distilled] = twins.value;
  const aloneLogits = logitsOf(alone);
  const distilledLogits = logitsOf(distilled);
  if (!aloneLogits.ok || !distilledLogits.ok) {
    alone.dispose();
    distilled.dispose();
    return aloneLogits.ok ? (distilledLogits as { ok: false; error: FlopLabError }) : aloneLogits;
  }
  const history: DistillEpoch[] = [];
  let status: DistillResult['status'] = 'done';
  // The students go to the caller only with a result; a throw (a bug, or tfjs out of memory)
  // must not leave them, the teacher's logits or the optimizers behind.
  let handedOver = false;
  let teacherLogits: tf.Tensor2D | undefined;
  let run: DistillLoop | undefined;
  try {
    const teacherAccuracy = await evaluateAccuracy(inputs.teacher, inputs.teacherData);
    onProgress({ type: 'teacher', accuracy: teacherAccuracy });
    teacherLogits = await logitsOfAll(teacherLogitsFn.value, inputs.teacherData);
    run = new DistillLoop(inputs.studentData, teacherLogits, settings);
    const steps = Math.ceil(inputs.studentData.split.train.length / settings.batchSize);
    for (let epoch = 1; epoch <= settings.epochs && status === 'done'; epoch++) {
      let aloneSum = 0;
      let distilledSum = 0;
      for (let step = 1; step <= steps; step++) {
        if (signal?.aborted) { status = 'cancelled'; break; }
        const [a, d] = await run.step(aloneLogits.value, alone, distilledLogits.value, distilled);
        aloneSum += a;
        distilledSum += d;
        onProgress({ type: 'step', epoch, step, steps });
        await yieldToEventLoop();
      }
      if (status === 'cancelled') break;
      const record: DistillEpoch = {
        epoch, aloneLoss: aloneSum / steps, distilledLoss: distilledSum / steps,
        aloneAccuracy: await evaluateAccuracy(alone, inputs.studentData),
        distilledAccuracy: await evaluateAccuracy(distilled, inputs.studentData),
      };
      history.push(record);
      onProgress({ type: 'epoch', record });
    }
    const darkKnowledge = await darkKnowledgeOf(teacherLogits, inputs.teacherData, settings.temperature);
    handedOver = true;
    return ok({ status, teacherAccuracy, history, alone, distilled, darkKnowledge });
  } finally {
    run?.dispose();
    teacherLogits?.dispose();
    if (!handedOver) {
      alone.dispose();
      distilled.dispose();
    }
  }
}

/** The per-step state of a run: both optimizers and the two batch streams. */
class DistillLoop {
  private readonly labelled: BatchStream;
  private readonly transfer: BatchStream;
  private readonly aloneOptimizer: tf.Optimizer;
  private readonly distilledOptimizer: tf.Optimizer;

  constructor(private readonly data: DigitsTensors, private readonly teacherLogits: tf.Tensor2D, private readonly s: DistillSettings) {
    const labelledIndices = data.split.train.subarray(0, s.labels);
    this.labelled = new BatchStream(labelledIndices, s.batchSize, s.seed);
    this.transfer = new BatchStream(s.transfer ? data.split.train : labelledIndices, s.batchSize, s.seed + 7919);
    this.aloneOptimizer = makeOptimizer(s);
    this.distilledOptimizer = makeOptimizer(s);
  }

  /** One step of both students on the same labelled batch; returns their losses. */
  async step(aloneLogits: LogitsFn, alone: tf.LayersModel, distilledLogits: LogitsFn, distilled: tf.LayersModel): Promise<[number, number]> {
    const labelled = this.labelled.next();
    const transfer = this.transfer.next();
    const losses = tf.tidy(() => {
      const li = tf.tensor1d(labelled, 'int32');
      const ti = tf.tensor1d(transfer, 'int32');
      const xl = tf.gather(this.data.images, li);
      const yl = tf.gather(this.data.labels, li) as tf.Tensor1D;
      const xt = tf.gather(this.data.images, ti);
      const zt = tf.gather(this.teacherLogits, ti) as tf.Tensor2D;
      const a = this.aloneOptimizer.minimize(() => crossEntropyOfLogits(aloneLogits(xl, true), yl), true, trainable(alone))!;
      const d = this.distilledOptimizer.minimize(() => {
        // One forward pass over both batches (cheaper than two), split after.
        const z = distilledLogits(tf.concat([xl, xt], 0), true);
        const [labelledLogits, transferLogits] = tf.split(z, [labelled.length, transfer.length], 0) as [tf.Tensor2D, tf.Tensor2D];
        return distillationLossTf({ labelledLogits, labels: yl, transferLogits, teacherLogits: zt, temperature: this.s.temperature, alpha: this.s.alpha });
      }, true, trainable(distilled))!;
      return tf.stack([a, d]);
    });
    const values = await losses.data();
    losses.dispose();
    return [values[0], values[1]];
  }

  dispose(): void {
    disposeOptimizer(this.aloneOptimizer);
    disposeOptimizer(this.distilledOptimizer);
  }
}

const trainable = (model: tf.LayersModel) => model.trainableWeights.map((w) => w.read() as tf.Variable);

/** How many test digits the dark-knowledge view shows (one of each of the first classes met). */
export const DARK_KNOWLEDGE_DIGITS = 5;

/** The teacher's softmax at T = 1 and at `temperature` for the first test digits of distinct classes. */
export async function darkKnowledgeOf(teacherLogits: tf.Tensor2D, data: DigitsTensors, temperature: number, count = DARK_KNOWLEDGE_DIGITS): Promise<DarkKnowledgeDigit[]> {
  const labels = await data.labels.data();
  const picked: number[] = [];
  const seen = new Set<number>();
  for (const index of data.split.test) {
    if (picked.length >= count) break;
    if (seen.has(labels[index])) continue;
    seen.add(labels[index]);
    picked.push(index);
  }
  if (picked.length === 0) return [];
  const rows = tf.tidy(() => tf.gather(teacherLogits, tf.tensor1d(picked, 'int32')));
  const values = (await rows.array()) as number[][];
  rows.dispose();
  return picked.map((index, i) => ({
    index, label: labels[index], atOne: softmaxWithTemperature(values[i], 1), atTemperature: softmaxWithTemperature(values[i], temperature),
  }));
}
