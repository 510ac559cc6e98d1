/**
 * Analysing a PyTorch ResNet-50 exported to ONNX (~100 MB; issue 11's target: < 2 s on this
 * machine). The file is made by the project's fixture script with Debian's PyTorch
 * (`/usr/bin/python3 scripts/onnx-fixtures.py --resnet50 <file>`, torchvision resnet50 with
 * seeded random weights, opset 13) into a temporary folder, and its counts are checked against
 * the script's own (forward hooks in torch). Where torch is not installed the bench says so.
 * Figures: the whole CLI process (`node dist-cli/floplab.mjs analyze resnet50.onnx --json`,
 * rebuilt first) and, in this process, decode → import → analyze.
 * `npm run bench -- onnx`
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { analyzeModel } from '../src/core/analyze';
import { importOnnx } from '../src/core/onnx/import-onnx';
import { decodeOnnx } from '../src/core/onnx/read-model';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const TARGET_MS = 2000;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export default function onnxBench(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision, onnx'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('skipped: PyTorch is not installed for /usr/bin/python3 (apt-get install python3-torch python3-torchvision python3-onnx)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'floplab-onnx-bench-'));
  try {
    const file = join(dir, 'resnet50.onnx');
    const made = spawnSync(PYTHON, [join(root, 'scripts/onnx-fixtures.py'), '--resnet50', file], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`the fixture script failed: ${made.stderr}`);
    const expected = JSON.parse(readFileSync(file.replace(/\.onnx$/, '.expected.json'), 'utf8')) as { initializerParams: number; macs: number };
    const bytes = readFileSync(file);
    console.log(`torchvision resnet50 exported by PyTorch: ${(bytes.byteLength / 1e6).toFixed(1)} MB`);

    const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build:cli failed: ${build.stderr}`);
    const walls: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      let out = '';
      const ms = timeMs(() => {
        const r = spawnSync(process.execPath, [join(root, 'dist-cli/floplab.mjs'), 'analyze', file, '--json'], { encoding: 'utf8', maxBuffer: 64e6 });
        if (r.status !== 0) throw new Error(`analyze exited ${r.status}: ${r.stderr}`);
        out = r.stdout;
      });
      if (i > 0) walls.push(ms);
      if (i === 0) {
        const json = JSON.parse(out) as { params: number; macs: number };
        const same = json.params === expected.initializerParams && json.macs === expected.macs;
        console.log(`counts: ${json.params} params, ${json.macs} MACs; PyTorch's: ${expected.initializerParams}, ${expected.macs} (${same ? 'equal' : 'DIFFERENT'})`);
      }
    }
    const cli = median(walls);
    console.log(`${'CLI process: floplab analyze resnet50.onnx --json'.padEnd(58)} median ${cli.toFixed(0)} ms  min ${Math.min(...walls).toFixed(0)} ms  n=${RUNS}  (target < ${TARGET_MS} ms: ${cli < TARGET_MS ? 'met' : 'MISSED'})`);

    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parts = { decode: [] as number[], import: [] as number[], analyze: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      let model: ReturnType<typeof decodeOnnx> | undefined;
      let imported: ReturnType<typeof importOnnx> | undefined;
      parts.decode.push(timeMs(() => { model = decodeOnnx(view, 'resnet50.onnx'); }));
      if (!model?.ok) throw new Error('decode failed');
      const decoded = model.value;
      parts.import.push(timeMs(() => { imported = importOnnx(decoded, 'resnet50.onnx'); }));
      if (!imported?.ok) throw new Error('import failed');
      const graph = imported.value.graph;
      parts.analyze.push(timeMs(() => { analyzeModel(graph); }));
    }
    console.log(`in process: decode ${median(parts.decode).toFixed(1)} ms, map to the engine graph ${median(parts.import).toFixed(1)} ms, analyze ${median(parts.analyze).toFixed(1)} ms (medians of ${RUNS})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
