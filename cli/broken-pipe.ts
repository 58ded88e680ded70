/**
 * `drlwb runs list | head`: when the reader closes its end of the pipe, the
 * next write fails with EPIPE. The output is no longer wanted, so the command
 * stops quietly with exit 0 instead of dying on an unhandled 'error' event
 * with a stack trace. Any other stream error is still thrown.
 */
import { EXIT } from "./io.js";

interface ErrorEmitter {
  on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

const guarded = new WeakSet<object>();

/** Installs the handler once per stream; `exit` is `process.exit` outside tests. */
export function exitQuietlyOnBrokenPipe(
  stream: ErrorEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on("error", (error) => {
    if (error.code === "EPIPE") exit(EXIT.ok);
    else throw error;
  });
}
