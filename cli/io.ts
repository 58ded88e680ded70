import { SIGNAL_EXIT, type StopSignals } from "../runtime/run/stop-signals.js";
/** Where a command writes; the real process streams, or buffers in tests. */
export interface CliIO {
  readonly stdout: {
    write(text: string): boolean;
    readonly isTTY?: boolean;
    readonly columns?: number;
  };
  readonly stderr: { write(text: string): boolean; readonly isTTY?: boolean };
}

export const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr };

/** Exit codes: 0 ok, 1 runtime failure, 2 invalid input, 130/143 stopped by SIGINT/SIGTERM. */
export const EXIT = {
  ok: 0,
  failure: 1,
  invalid: 2,
  sigint: SIGNAL_EXIT.SIGINT,
  sigterm: SIGNAL_EXIT.SIGTERM,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a finished run: 130/143 when a signal interrupted it. */
export function interruptedExitCode(stop: StopSignals): ExitCode {
  return stop.exitCode() ?? EXIT.failure;
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
