/**
 * Zod without run-time code generation: by default zod v4 compiles object parsers with
 * `new Function` (and probes for it, which a strict Content-Security-Policy reports as a
 * violation even when the probe's error is caught). Jitless parsing gives the same results.
 *
 * Zod reads this setting when a schema is created, so this module must be evaluated before any
 * schema module: it is the first import of the page (src/main.tsx) and of the worker
 * (src/worker/entry.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
