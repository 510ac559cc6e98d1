import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../core/analyze';
import type { CostReport } from '../core/cost-types';
import type { LayerSpec, ModelGraph } from '../core/model';
import { LESSONS, findLesson } from './index';
import { toSeparable } from '../core/separable';
import { setupStepIndex, stepModel } from '../core/lessons/lesson-model';
import { parseLesson, parseLessonText } from '../core/lessons/parse-lesson';
import { guessError, parseGuess, quantityOf } from '../core/lessons/quantity';
import { evaluateTask } from '../core/lessons/task-check';
import { summarizeCompression } from '../core/lessons/compression-summary';
import { fillTemplateText, missingFigures } from '../core/lessons/template';
import type { Lesson } from '../core/lessons/schema';

function report(graph: ModelGraph): CostReport {
  const r = analyzeModel(graph);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.report;
}
const DEVICE = { name: 'Test device', peakGflops: 10, naiveMs: 1, rooflineMs: 2 };

describe('shipped lessons', () => {
  it('are in the lecture order with the issue ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'inference-time', 'counting-flops', 'macs-vs-flops', 'pooling', 'separable', 'pruning', 'quantization', 'weight-sharing', 'compression', 'distillation',
    ]);
  });
  it('fill every figure and question on the model each step has (first step sets one up)', () => {
    for (const lesson of LESSONS) {
      expect(lesson.steps[0].model, lesson.id).toBeDefined();
      for (let i = 0; i < lesson.steps.length; i++) {
        const setup = stepModel(lesson, setupStepIndex(lesson, i));
        expect(setup, `${lesson.id} step ${i + 1}`).not.toBeNull();
        const graph = setup!.graph;
        const context = { report: report(graph), graph, device: DEVICE };
        const step = lesson.steps[i];
        expect(missingFigures(step.text, context), `${lesson.id} step ${i + 1}`).toEqual([]);
        if (step.predict) expect(quantityOf(context.report, step.predict.quantity, step.predict.layer, graph).ok).toBe(true);
        if (step.task) expect(evaluateTask(step.task, context.report, graph).done, `${lesson.id} step ${i + 1} starts undone`).toBe(false);
      }
    }
  });
});

describe('figures by hand (LeNet-5, 32×32×1)', () => {
  const lenet = stepModel(findLesson('counting-flops')!, 0)!.graph;
  const r = report(lenet);
  it('pooling s2: (28/2)·(28/2)·6 = 1,176 FLOPs; dense f6: 120 × 84 = 10,080 MACs; conv c3: 5·5·6 × 10·10·16 = 240,000 MACs', () => {
    const ctx = { report: r, graph: lenet };
    expect(fillTemplateText('{{flops:s2}} {{macs:f6}} {{macs:c3}} {{shape:s2}}', ctx)).toBe('1,176 10,080 240,000 14×14×6');
    expect(quantityOf(r, 'outputElements', 's2')).toMatchObject({ ok: true, value: { value: 1176 } });
  });
  it('an unknown layer or template is a missing piece, not a throw', () => {
    const ctx = { report: r, graph: lenet };
    expect(fillTemplateText('{{macs:nope}}', ctx)).toBe('?');
    expect(missingFigures('{{bogus:c1}} {{naiveMs}}', ctx)).toHaveLength(2);
  });
  it('separable ratio of the lecture example: 1/64 + 1/49 ≈ 0.036, saving 96.4 %', () => {
    const graph = stepModel(findLesson('separable')!, 0)!.graph;
    const ctx = { report: report(graph), graph };
    expect(fillTemplateText('{{ratio:conv}} | {{saving:conv}} | {{macs:conv}}', ctx)).toBe('1/64 + 1/7² ≈ 0.036 | 96.4 % | 10,188,864');
  });
});

describe('tasks', () => {
  it('pooling: a 2×2 MaxPooling2D before conv2 brings 19,759,104 MACs to 884,736 + 4,718,592 = 5,603,328 (< 10 M)', () => {
    const lesson = findLesson('pooling')!;
    const graph = stepModel(lesson, 0)!.graph;
    const task = lesson.steps[1].task!;
    expect(evaluateTask(task, report(graph), graph)).toEqual({ done: false, current: 19_759_104 });
    const pool: LayerSpec = { type: 'MaxPooling2D', name: 'pool', poolSize: [2, 2], strides: [2, 2], padding: 'valid' };
    const pooled = { ...graph, layers: [graph.layers[0], graph.layers[1], pool, graph.layers[2]] };
    expect(evaluateTask(task, report(pooled), pooled)).toEqual({ done: true, current: 5_603_328 });
  });
  it('separable: layerIs is met once conv is a SeparableConv2D', () => {
    const lesson = findLesson('separable')!;
    const graph = stepModel(lesson, 0)!.graph;
    const task = lesson.steps[1].task!;
    const conv = graph.layers[1];
    if (conv.type !== 'Conv2D') throw new Error('expected a Conv2D');
    const sep = { ...graph, layers: [graph.layers[0], toSeparable(conv)] };
    expect(evaluateTask(task, report(graph), graph).done).toBe(false);
    expect(evaluateTask(task, report(sep), sep).done).toBe(true);
    expect(evaluateTask({ kind: 'hasLayer', prompt: 'x', type: 'SeparableConv2D', count: 1 }, report(sep), sep).done).toBe(true);
  });
});

describe('compression lessons (6–9)', () => {
  // LeNet-300-100's 1,066,440 float32 bytes (266,610 × 4) through a pipeline, as the Compress tab reports it.
  const summary = (stages: string[], bytesAfter: number, accuracy: number | null) =>
    summarizeCompression({ stages: [{ name: 'original' }, ...stages.map((name) => ({ name }))], totals: { bytesBefore: 1_066_440, bytesAfter }, accuracy: accuracy === null ? null : { after: accuracy } });
  it('each has a task on the Compress result: undone without one, judged on the summary', () => {
    const tasks = ['pruning', 'quantization', 'weight-sharing', 'compression'].map((id) => findLesson(id)!.steps.find((s) => s.task)!.task!);
    const graph = stepModel(findLesson('pruning')!, 0)!.graph;
    const r = report(graph);
    for (const task of tasks) expect(evaluateTask(task, r, graph, { compression: null }).done, task.kind).toBe(false);
    const [prune, quantize, share, all] = tasks;
    // 80 % sparsity: 1,066,440 / 247,875 ≈ 4.3× (≥ 4); 50 %: 1,066,440 / 567,315 ≈ 1.9×.
    expect(evaluateTask(prune, r, graph, { compression: summary(['prune'], 247_875, null) }).done).toBe(true);
    expect(evaluateTask(prune, r, graph, { compression: summary(['prune'], 567_315, null) }).done).toBe(false);
    expect(evaluateTask(quantize, r, graph, { compression: summary(['quantize'], 267_864, null) }).done).toBe(true);
    expect(evaluateTask(quantize, r, graph, { compression: summary(['share'], 134_932, null) }).done).toBe(false);
    expect(evaluateTask(share, r, graph, { compression: summary(['share'], 134_932, 0.96) }).done).toBe(true);
    expect(evaluateTask(share, r, graph, { compression: summary(['share'], 134_932, 0.9) }).done).toBe(false);
    // 1,066,440 / 40,000 ≈ 26.7× (≥ 25); / 96,767 ≈ 11×.
    expect(evaluateTask(all, r, graph, { compression: summary(['prune', 'share', 'quantize', 'huffman'], 40_000, null) }).done).toBe(true);
    expect(evaluateTask(all, r, graph, { compression: summary(['prune', 'share', 'quantize', 'huffman'], 96_767, null) }).done).toBe(false);
  });
});

describe('distillation (10)', () => {
  it('teacher LeNet-300-100: 784·300 + 300·100 + 100·10 = 266,200 MACs; student 784·64 + 64 + 64·10 + 10 = 50,890 params', () => {
    const lesson = findLesson('distillation')!;
    const answer = (i: number) => {
      const graph = stepModel(lesson, setupStepIndex(lesson, i))!.graph;
      const q = lesson.steps[i].predict!;
      const v = quantityOf(report(graph), q.quantity, q.layer);
      return v.ok ? v.value.value : NaN;
    };
    expect(answer(0)).toBe(784 * 300 + 300 * 100 + 100 * 10);
    expect(answer(0)).toBe(266_200);
    expect(answer(1)).toBe(784 * 64 + 64 + 64 * 10 + 10);
    expect(answer(1)).toBe(50_890);
  });
  it('the last step asks for 70 % of the gap: teacher 97.05 %, alone 87.10 %, distilled 95.10 % recover 8.00 / 9.95 ≈ 80 %; 93.0 % only 5.90 / 9.95 ≈ 59 %', () => {
    const lesson = findLesson('distillation')!;
    const task = lesson.steps[lesson.steps.length - 1].task!;
    const graph = stepModel(lesson, 1)!.graph;
    const r = report(graph);
    expect(evaluateTask(task, r, graph, {}).done).toBe(false);
    expect(evaluateTask(task, r, graph, { distillGapRecovered: null }).done).toBe(false);
    const met = evaluateTask(task, r, graph, { distillGapRecovered: (0.951 - 0.871) / (0.9705 - 0.871) });
    expect(met.done).toBe(true);
    expect(met.current).toBeCloseTo(8.0 / 9.95, 10);
    expect(evaluateTask(task, r, graph, { distillGapRecovered: (0.93 - 0.871) / (0.9705 - 0.871) }).done).toBe(false);
    expect(lesson.steps.slice(2).every((s) => s.view === 'distill')).toBe(true);
  });
});

describe('parsing', () => {
  const minimal: Lesson = { format: 'floplab-lesson', version: 1, id: 'my-lesson', title: 'T', steps: [{ title: 'S', text: 'Hello' }] };
  it('accepts a minimal lesson and refuses code, long texts and unknown presets with the step named', () => {
    expect(parseLesson(minimal).ok).toBe(true);
    const long = { ...minimal, steps: [{ title: 'S', text: Array(121).fill('word').join(' ') }] };
    const r1 = parseLesson(long);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.error.message).toContain('step 1 (steps[0].text)');
    const r2 = parseLesson({ ...minimal, steps: [{ title: 'S', text: 'x', model: { preset: 'nope' } }] });
    expect(r2.ok || r2.error.message).toContain("got 'nope'");
    expect(parseLesson({ ...minimal, steps: [{ title: 'S', text: 'x', task: { kind: 'eval', code: 'alert(1)' } }] }).ok).toBe(false);
    expect(parseLessonText('{').ok).toBe(false);
  });
});

describe('guesses', () => {
  it('reads units and separators', () => {
    expect(parseGuess('1.2M')).toBe(1_200_000);
    expect(parseGuess(' 30 k ')).toBe(30_000);
    expect(parseGuess('2,400')).toBe(2400);
    expect(parseGuess('1e6')).toBe(1e6);
    expect(parseGuess('lots')).toBeNull();
  });
  it('says how far: 150 for 100 is +50 % and 1.5×', () => {
    expect(guessError(150, 100)).toEqual({ relative: 0.5, factor: 1.5 });
    expect(guessError(50, 100)).toEqual({ relative: -0.5, factor: 2 });
    expect(guessError(0, 0)).toEqual({ relative: 0, factor: 1 });
  });
});
