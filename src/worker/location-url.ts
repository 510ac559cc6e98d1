/**
 * A URL resolved against the worker's own location ('http://localhost/' where there is none:
 * Node tests), for fetching files the app serves.
 */
export function againstLocation(url: string): URL {
  return new URL(url, (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/');
}
