/** An in-memory Hdf5Reader for tests: datasets by path ([shape, values]), groups implied by the paths, attributes by path. */
import type { FloatInfo, FloatRead, Hdf5Reader } from './hdf5-reader';

export function fakeHdf5(datasets: Record<string, [number[], number[]]>, attributes: Record<string, Record<string, unknown>> = {}, emptyGroups: string[] = []): Hdf5Reader {
  const groups = new Map<string, Set<string>>([['', new Set()]]);
  for (const path of [...Object.keys(datasets), ...emptyGroups.map((g) => `${g}/`), ...Object.keys(attributes).map((g) => `${g}/`)]) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!groups.has(parent)) groups.set(parent, new Set());
      if (parts[i] !== '') groups.get(parent)!.add(parts[i]);
      if (i < parts.length - 1 && !groups.has(parts.slice(0, i + 1).join('/'))) groups.set(parts.slice(0, i + 1).join('/'), new Set());
    }
  }
  const norm = (p: string) => p.replace(/^\/+|\/+$/g, '');
  return {
    children: (path) => (groups.has(norm(path)) && !(norm(path) in datasets) ? [...groups.get(norm(path))!] : null),
    attributes: (path) => attributes[norm(path)] ?? (groups.has(norm(path)) || norm(path) in datasets ? {} : null),
    isDataset: (path) => norm(path) in datasets,
    describe: (path): FloatInfo => (norm(path) in datasets ? { ok: true, shape: datasets[norm(path)][0] } : { ok: false, message: 'absent' }),
    floats: (path, maxElements): FloatRead => {
      if (!(norm(path) in datasets)) return { ok: false, message: 'absent' };
      const [shape, values] = datasets[norm(path)];
      if (shape.reduce((a, b) => a * b, 1) > maxElements) return { ok: false, message: `over ${maxElements}` };
      return { ok: true, shape, data: Float32Array.from(values) };
    },
  };
}
