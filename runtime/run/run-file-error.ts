import { ioErrorCode, describeIoError } from "../core/io-error.js";
import { stateFilesMessages } from "../messages/state-files.js";

/**
 * A file of a run folder could not be written (disk full, permissions, a
 * read-only file system…). The message names the file relative to the run
 * folder and, when known, the stage — e.g. "cannot write
 * stages/backtest/trades.csv in stage backtest: no space left on device
 * (ENOSPC)" — and never an absolute path, so it can be shown to API clients.
 */
export class RunFileWriteError extends Error {
  readonly file: string;
  readonly stage: string | undefined;
  readonly code: string | undefined;
  constructor(file: string, stage: string | undefined, cause: unknown) {
    const reason = describeIoError(cause);
    super(
      stage === undefined
        ? stateFilesMessages.cannotWrite(file, reason)
        : stateFilesMessages.cannotWriteInStage(file, stage, reason),
      { cause },
    );
    this.name = "RunFileWriteError";
    this.file = file;
    this.stage = stage;
    this.code = ioErrorCode(cause);
  }
}

/** Runs `write`; a system error (ENOSPC, EACCES, …) becomes a RunFileWriteError naming the file. */
export function namingRunFile<T>(file: string, stage: string | undefined, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (ioErrorCode(error) === undefined || error instanceof RunFileWriteError) throw error;
    throw new RunFileWriteError(file, stage, error);
  }
}
