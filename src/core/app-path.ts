/**
 * Files the app serves from public/ (trained presets' models, the digits): their path under the
 * app's base. Vite replaces `import.meta.env.BASE_URL` at build time; outside Vite (Node tools)
 * the base is '/'. No location here: the thread that fetches resolves the path against its own.
 */

/**
 * The path of a file the app serves, from a path relative to its base:
 * `appPath('data/digits.bin')` is '/data/digits.bin' with Vite's default base '/'.
 */
export function appPath(path: string): string {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return `${base}${path}`;
}
