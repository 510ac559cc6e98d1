/**
 * The small student of the distillation lesson (issue 9): a 784 → 64 → 10 MLP with ReLU, about
 * a fifth of LeNet-300-100's params. Same 28×28×1 input as LeNet-300-100 (flattened by the
 * model), so teacher and student read the same digits.
 */
import type { ModelGraph } from '../model';
import { dense, flatten, input } from './layers';

/** 784·64 + 64 + 64·10 + 10 = 50,890 params. */
export function buildStudentMlp(): ModelGraph {
  return {
    name: 'Student MLP 784-64-10',
    layers: [
      input('input', [28, 28, 1]),
      flatten('flatten'),
      dense('fc1', 64, 'relu'),
      dense('output', 10, 'softmax'),
    ],
  };
}
