import type { z } from 'zod';
import { findPreset } from '../presets/index';
import { fail, ok, type Result } from '../result';
import { lessonSchema, type Lesson } from './schema';

/**
 * Validates a lesson (already JSON-parsed): the schema, then what the schema cannot see (presets
 * that exist). Errors name the step and field: "Expected step 2 (steps[1].text) to be …".
 */
export function parseLesson(json: unknown): Result<Lesson> {
  const parsed = lessonSchema.safeParse(json);
  if (!parsed.success) return fail({ code: 'parse-error', message: issueText(parsed.error) });
  const lesson = parsed.data;
  for (const [i, step] of lesson.steps.entries()) {
    if (step.model && 'preset' in step.model && !findPreset(step.model.preset)) {
      return fail({ code: 'parse-error', message: `Expected step ${i + 1} (steps[${i}].model.preset) to name a preset, but got '${step.model.preset}'.`, field: 'preset' });
    }
  }
  return ok(lesson);
}

/** Parses the text of a lesson file (JSON). */
export function parseLessonText(text: string): Result<Lesson> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail({ code: 'parse-error', message: 'Expected a lesson file to be JSON, but it could not be parsed.' });
  }
  return parseLesson(json);
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const step = issue.path[0] === 'steps' && typeof issue.path[1] === 'number' ? `step ${issue.path[1] + 1} ` : '';
  return `Expected ${step}(${path || 'the lesson'}) to be valid: ${issue.message}.`;
}
