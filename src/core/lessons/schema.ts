/**
 * The lesson format (docs/lessons.md): a lesson is an id, a title and steps; a step is a short
 * text with figures as templates ({{macs:conv1}}), an optional model set-up (a preset id or a
 * FlopLab graph), an optional "predict first" question whose answer the engine computes, and an
 * optional task: a declarative check on the live model. Lesson files hold data only, no code.
 */
// Jitless zod first (CSP: no eval): this module may be evaluated in a shared chunk before main.tsx's own import.
import '../zod-csp';
import { z } from 'zod';
import { flopLabConfigSchema } from '../config-schema';
import { COMPRESSION_STAGES } from './compression-summary';

/** Most words a step's text may have (the issue: "a short text, ≤ 120 words"). */
export const MAX_STEP_WORDS = 120;
export const MAX_STEPS = 30;

/** Engine-computed quantities a question or task can name. */
/** int8Bytes: the weights' bytes after 8-bit quantization of the kernels (int8-bytes.ts). */
export const QUANTITIES = ['params', 'macs', 'flops', 'weightBytes', 'outputElements', 'int8Bytes'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** The views a step can ask for (presenter mode shows only that one). */
export const STEP_VIEWS = ['analysis', 'compare', 'compress', 'distill', 'editor'] as const;
export type StepView = (typeof STEP_VIEWS)[number];

const layerName = z.string().min(1).max(200);

/** A question's answer: a quantity of one layer, or of the whole model when `layer` is absent. */
export const questionSchema = z.strictObject({
  prompt: z.string().min(1).max(300),
  quantity: z.enum(QUANTITIES),
  layer: layerName.optional(),
});

export const taskSchema = z.discriminatedUnion('kind', [
  /** The model's total of a quantity is below `value`. */
  z.strictObject({ kind: z.literal('totalBelow'), prompt: z.string().min(1).max(300), quantity: z.enum(QUANTITIES), value: z.number().positive() }),
  /** One layer's quantity is below `value`. */
  z.strictObject({ kind: z.literal('layerBelow'), prompt: z.string().min(1).max(300), quantity: z.enum(QUANTITIES), layer: layerName, value: z.number().positive() }),
  /** The layer named `layer` is of `type` (e.g. SeparableConv2D). */
  z.strictObject({ kind: z.literal('layerIs'), prompt: z.string().min(1).max(300), layer: layerName, type: z.string().min(1).max(60) }),
  /** The model has at least `count` layers of `type` (e.g. a MaxPooling2D). */
  z.strictObject({ kind: z.literal('hasLayer'), prompt: z.string().min(1).max(300), type: z.string().min(1).max(60), count: z.number().int().positive().default(1) }),
  /** The Compress tab's last result on this model shrank it at least `value` times (bytes before ÷ after). */
  z.strictObject({ kind: z.literal('compressionRatioAtLeast'), prompt: z.string().min(1).max(300), value: z.number().positive() }),
  /** The Compress tab's last result on this model kept a test accuracy of at least `value` (a fraction, 0.95). */
  z.strictObject({ kind: z.literal('compressedAccuracyAtLeast'), prompt: z.string().min(1).max(300), value: z.number().gt(0).max(1) }),
  /** The Compress tab's last result on this model ran the stage `stage`. */
  z.strictObject({ kind: z.literal('stageUsed'), prompt: z.string().min(1).max(300), stage: z.enum(COMPRESSION_STAGES) }),
  /** The Distill tab's last run recovered at least `value` of the teacher–student gap (a fraction, 0.7). */
  z.strictObject({ kind: z.literal('distillGapAtLeast'), prompt: z.string().min(1).max(300), value: z.number().gt(0).max(1) }),
]);

export const modelSetupSchema = z.union([
  z.strictObject({ preset: z.string().min(1).max(100) }),
  z.strictObject({ graph: flopLabConfigSchema }),
]);

export const stepSchema = z.strictObject({
  title: z.string().min(1).max(120),
  text: z.string().min(1).max(2000).refine((t) => wordCount(t) <= MAX_STEP_WORDS, { message: `Expected at most ${MAX_STEP_WORDS} words` }),
  model: modelSetupSchema.optional(),
  view: z.enum(STEP_VIEWS).optional(),
  /** The layer whose formula the step points at (selected when the step opens). */
  select: layerName.optional(),
  predict: questionSchema.optional(),
  task: taskSchema.optional(),
});

export const lessonSchema = z.strictObject({
  format: z.literal('floplab-lesson'),
  version: z.literal(1),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'Expected a kebab-case id' }).max(60),
  title: z.string().min(1).max(120),
  steps: z.array(stepSchema).min(1).max(MAX_STEPS),
});

export type Lesson = z.infer<typeof lessonSchema>;
export type LessonStep = z.infer<typeof stepSchema>;
export type LessonQuestion = z.infer<typeof questionSchema>;
export type LessonTask = z.infer<typeof taskSchema>;
export type ModelSetup = z.infer<typeof modelSetupSchema>;

/** Words in a text, templates counted as one word each. */
export function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter((w) => w.length > 0).length;
}
