/// <reference lib="webworker" />
/**
 * The FlopLab Web Worker: all tfjs work (measuring, compressing) and the cost analysis run
 * here, so the main thread never blocks. The main thread talks to it through
 * src/state/worker-client.ts (Comlink `Remote<WorkerApi>`).
 */
// First: zod must not generate code at run time (CSP); see the module.
import '../core/zod-csp';
import * as Comlink from 'comlink';
import { createWorkerApi } from './worker-api';

Comlink.expose(createWorkerApi());
