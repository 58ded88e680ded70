/**
 * Messages between the server and a job worker (JSON over the IPC channel).
 * Server → worker: one `run` message. Worker → server: `started` once the run
 * folder exists, then `finished` (the run ended, any status) or `failed` (the
 * spec never became a run: invalid, refused by the policy).
 */
import type { Diagnostic } from "../../runtime/core/errors.js";
import { isPlainObject } from "../../runtime/spec/pointer.js";

/** What a worker runs: a spec file and the options the route chose (JSON data). */
export interface WorkerTask {
  readonly file: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface RunMessage {
  readonly type: "run";
  readonly task: WorkerTask;
}

export type WorkerMessage =
  | { readonly type: "started"; readonly runId: string; readonly runDir: string }
  | {
      readonly type: "finished";
      readonly runId: string;
      readonly status: string;
      readonly metrics: unknown;
      readonly error?: string;
      /** The spec's problems when the run failed on one (file, line:col, pointer, hint). */
      readonly diagnostics?: readonly Diagnostic[];
    }
  | {
      readonly type: "failed";
      readonly error: string;
      readonly diagnostics?: readonly Diagnostic[];
    };

/** One diagnostic from a worker, checked field by field (undefined when malformed). */
function parseDiagnostic(value: unknown): Diagnostic | undefined {
  if (!isPlainObject(value)) return undefined;
  const { file, line, col, path, message, hint, severity } = value;
  if (typeof file !== "string" || typeof path !== "string" || typeof message !== "string")
    return undefined;
  if (severity !== "error" && severity !== "warning") return undefined;
  const position = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);
  return {
    file,
    ...(position(line) ? { line } : {}),
    ...(position(col) ? { col } : {}),
    path,
    message,
    ...(typeof hint === "string" ? { hint } : {}),
    severity,
  };
}

/** A message's `diagnostics` (only well-formed ones); absent when it has none. */
function diagnosticsOf(value: Record<string, unknown>): { diagnostics?: Diagnostic[] } {
  if (!Array.isArray(value.diagnostics)) return {};
  const diagnostics = value.diagnostics
    .map(parseDiagnostic)
    .filter((d): d is Diagnostic => d !== undefined);
  return diagnostics.length > 0 ? { diagnostics } : {};
}

/** A message from a worker, checked field by field (undefined when malformed). */
export function parseWorkerMessage(value: unknown): WorkerMessage | undefined {
  if (!isPlainObject(value)) return undefined;
  const { type } = value;
  if (type === "started" && typeof value.runId === "string" && typeof value.runDir === "string")
    return { type, runId: value.runId, runDir: value.runDir };
  if (type === "finished" && typeof value.runId === "string" && typeof value.status === "string")
    return {
      type,
      runId: value.runId,
      status: value.status,
      metrics: value.metrics ?? null,
      ...(typeof value.error === "string" ? { error: value.error } : {}),
      ...diagnosticsOf(value),
    };
  if (type === "failed" && typeof value.error === "string")
    return { type, error: value.error, ...diagnosticsOf(value) };
  return undefined;
}

/** The `run` message a worker receives, checked (undefined when malformed). */
export function parseRunMessage(value: unknown): RunMessage | undefined {
  if (!isPlainObject(value) || value.type !== "run" || !isPlainObject(value.task)) return undefined;
  const { file, options } = value.task;
  if (typeof file !== "string" || !isPlainObject(options)) return undefined;
  return { type: "run", task: { file, options } };
}
