/**
 * Expected failures are values, not exceptions (STYLE.md). A thrown error is a bug.
 */

export type ErrorCode =
  | 'invalid-value'      // a hyperparameter out of range (zero filters, negative stride…)
  | 'kernel-too-large'   // kernel (dilated) larger than its padded input
  | 'wrong-rank'         // e.g. Dense on a 4-D input without Flatten
  | 'shape-mismatch'     // Add of different shapes, Concatenate off-axis mismatch, Reshape size
  | 'missing-input'      // inputs names a layer that does not exist, or a layer has no input
  | 'cycle'              // the graph is not a DAG
  | 'duplicate-name'
  | 'no-input-layer'
  | 'unknown-layer'      // a layer type FlopLab does not know, shape unknown
  | 'parse-error'        // unreadable / malformed file or JSON
  | 'cancelled'          // the user cancelled a job (not a failure: the UI shows no error)
  | 'worker-stopped';    // the background worker died before it answered (a new one is started)

export interface FlopLabError {
  code: ErrorCode;
  /** The message a user reads, naming the layer and field: "Layer 'conv2': Expected kernelSize … but got …". */
  message: string;
  layer?: string;
  field?: string;
}

export type Result<T, E = FlopLabError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (error: FlopLabError): { ok: false; error: FlopLabError } => ({ ok: false, error });
