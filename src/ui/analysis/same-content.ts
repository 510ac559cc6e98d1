/**
 * Content equality for chart inputs. A new report brings new arrays even when the figures a
 * chart draws are unchanged (adding a Dropout adds no FLOPs or params); comparing the content
 * lets the memoised charts skip the redraw.
 */

/** Same length and, element by element, the same own enumerable values (one level deep). */
export function sameRows<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!sameFields(a[i], b[i])) return false;
  }
  return true;
}

/** Same keys with Object.is-equal values; arrays of primitives compared element-wise. */
export function sameFields(a: object, b: object): boolean {
  if (a === b) return true;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((k) => Object.hasOwn(rb, k) && (Object.is(ra[k], rb[k]) || (Array.isArray(ra[k]) && Array.isArray(rb[k]) && sameList(ra[k], rb[k]))));
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
