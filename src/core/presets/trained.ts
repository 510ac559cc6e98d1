/**
 * Presets whose trained weights ship with the app (issue 8): written by `npm run train-models`
 * (scripts/train-models.ts) into public/models/<id>/ (model.json, weights, record.json). The
 * test accuracy shown at once when one is picked is read from its record.json, the one source
 * of truth (src/tf/trained-models.test.ts evaluates the shipped weights and checks it).
 */
import type { ModelGraph } from '../model';
import lenet300Record from '../../../public/models/lenet-300-100-digits/record.json' with { type: 'json' };
import lenet5Record from '../../../public/models/lenet-5-digits/record.json' with { type: 'json' };
import studentRecord from '../../../public/models/student-mlp-digits/record.json' with { type: 'json' };
import { LENET_300_100, LENET_5 } from './lenet';
import { buildStudentMlp } from './student-mlp';
import type { ModelPreset } from './types';

/** What train-models writes beside the weights. */
export interface TrainingRecord {
  id: string;
  epochs: number;
  seed: number;
  batchSize: number;
  optimizer: string;
  learningRate: number;
  /** Training digits used (of the fixed split's 8,000). */
  trainExamples: number;
  /** Accuracy on the 2,000 test digits, 0..1. */
  testAccuracy: number;
  /** tfjs backend that trained it. */
  backend: string;
  seconds: number;
  /** ISO date (YYYY-MM-DD). */
  date: string;
}

const percent = (r: TrainingRecord) => `${(r.testAccuracy * 100).toFixed(2)} %`;

function trainedPreset(record: TrainingRecord, name: string, description: string, build: () => ModelGraph): ModelPreset {
  return {
    id: record.id,
    name,
    description: `${description} Trained on the 8,000 training digits: ${percent(record)} test accuracy.`,
    build: () => ({ ...build(), name }),
    trained: { modelPath: `models/${record.id}/model.json`, testAccuracy: record.testAccuracy },
  };
}

export const LENET_300_100_DIGITS = trainedPreset(lenet300Record, 'LeNet-300-100 (trained)',
  'LeNet-300-100 with weights trained on the digits: the model Deep Compression shrinks 40× in the paper.', LENET_300_100.build);

export const LENET_5_DIGITS = trainedPreset(lenet5Record, 'LeNet-5 (trained)',
  'LeNet-5 on 32×32×1 (digits padded by 2 pixels) with weights trained on the digits.', LENET_5.build);

export const STUDENT_MLP_DIGITS = trainedPreset(studentRecord, 'Student MLP 784-64-10 (trained)',
  'A small 784→64→10 ReLU MLP (50.9 K params), the student of the distillation lesson.', buildStudentMlp);

/** The trained presets, in the order the list shows them. */
export const TRAINED_PRESETS: ModelPreset[] = [LENET_5_DIGITS, LENET_300_100_DIGITS, STUDENT_MLP_DIGITS];
