/**
 * SIGINT / SIGTERM for long work in a process of its own: the CLI's commands
 * (run, train, sweep, report) and the server's job workers.
 * The first signal aborts the command's AbortSignal: the work stops at its
 * next safe point (training checkpoints first), the run folder is marked
 * `interrupted` and the command returns 130 (SIGINT) or 143 (SIGTERM). A
 * second signal exits at once with its own code, after `onForcedExit` (which
 * marks the run folder synchronously).
 */
import { messages } from "../messages/index.js";
import { readRunRecord, writeRunRecord } from "./run-record.js";

export type StopSignalName = "SIGINT" | "SIGTERM";

/** 128 + the signal number, as shells report a process stopped by it. */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type SignalExitCode = (typeof SIGNAL_EXIT)[StopSignalName];

export interface StopSignals {
  readonly signal: AbortSignal;
  /** The exit code of the first signal received, if any. */
  exitCode(): SignalExitCode | undefined;
  /** Called synchronously before a second signal exits the process. */
  onForcedExit(hook: () => void): void;
  /** Removes the handlers (the command finished). */
  dispose(): void;
}

export function handleStopSignals(say: (text: string) => void): StopSignals {
  const controller = new AbortController();
  let received: StopSignalName | undefined;
  let forcedExitHook: (() => void) | undefined;
  const handler = (name: StopSignalName): void => {
    if (received === undefined) {
      received = name;
      say(messages.run.stopping(name));
      controller.abort(name);
      return;
    }
    try {
      forcedExitHook?.();
    } finally {
      process.exit(SIGNAL_EXIT[name]);
    }
  };
  const onSigint = (): void => handler("SIGINT");
  const onSigterm = (): void => handler("SIGTERM");
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigterm);
  return {
    signal: controller.signal,
    exitCode: () => (received ? SIGNAL_EXIT[received] : undefined),
    onForcedExit: (hook) => {
      forcedExitHook = hook;
    },
    dispose: () => {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
    },
  };
}

/**
 * Marks the run folder `interrupted` synchronously, for a second signal that
 * exits before the executor could (a folder already finished is left alone).
 */
export function markInterruptedNow(dir: string | undefined): void {
  if (!dir) return;
  const record = readRunRecord(dir);
  if (record?.status !== "running") return;
  record.status = "interrupted";
  record.finishedAt = new Date().toISOString();
  for (const stage of record.stages) if (stage.status === "running") stage.status = "interrupted";
  writeRunRecord(dir, record);
}
