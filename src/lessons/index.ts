/**
 * The shipped lessons, in the lecture's order (docs/lessons.md). Each file is data only and is
 * validated by the same schema as an imported lesson; lessons.test.ts checks every figure resolves.
 */
import { parseLesson } from '../core/lessons/parse-lesson';
import type { Lesson } from '../core/lessons/schema';
import compression from './compression.json';
import countingFlops from './counting-flops.json';
import distillation from './distillation.json';
import inferenceTime from './inference-time.json';
import macsVsFlops from './macs-vs-flops.json';
import pooling from './pooling.json';
import pruning from './pruning.json';
import quantization from './quantization.json';
import separable from './separable.json';
import weightSharing from './weight-sharing.json';

const FILES: unknown[] = [inferenceTime, countingFlops, macsVsFlops, pooling, separable, pruning, quantization, weightSharing, compression, distillation];

/**
 * The lessons. A shipped file that fails its schema (say, a preset renamed under it) is a bug that
 * lessons.test.ts reports; in the page it is left out with a console error rather than taking the
 * whole app down at start-up.
 */
export const LESSONS: Lesson[] = FILES.flatMap((file) => {
  const lesson = parseLesson(file);
  if (lesson.ok) return [lesson.value];
  console.error(`A shipped lesson is invalid and left out: ${lesson.error.message}`);
  return [];
});

/** The shipped lesson with this id, or undefined. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
