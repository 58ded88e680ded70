import { Command, CommanderError } from "commander";
import { formatDiagnostic, isUserError } from "../runtime/core/errors.js";
import { defineDataCommands } from "./commands/data-commands.js";
import { defineModelCommands } from "./commands/model-commands.js";
import { defineReportCommands } from "./commands/report-commands.js";
import { defineRunCommands } from "./commands/run-commands.js";
import { defineSpecCommands } from "./commands/spec-commands.js";
import { defineStoreCommands } from "./commands/store-commands.js";
import { defineTrainCommand } from "./commands/train-command.js";
import { readPackageVersion } from "../runtime/run/code-version.js";
import { exitQuietlyOnBrokenPipe } from "./broken-pipe.js";
import { type CliIO, EXIT, processIO } from "./io.js";

/** Builds the command tree; each action stores its exit code in `result`. */
export function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command("drlwb")
    .description("DRL Workbench: spec-driven backtests and deep-RL experiments")
    .version(readPackageVersion().version, "-V, --version", "print the version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const set = (code: number): void => {
    result.code = code;
  };
  for (const define of [
    defineSpecCommands,
    defineRunCommands,
    defineTrainCommand,
    defineDataCommands,
    defineReportCommands,
    defineModelCommands,
    defineStoreCommands,
  ]) {
    define(program, io, set);
  }
  return program;
}

/**
 * The `drlwb` entry point. Returns the exit code: 0 ok, 1 runtime failure,
 * 2 invalid input. User errors are printed without a stack trace.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = buildProgram(io, result);
  if (io === processIO) {
    exitQuietlyOnBrokenPipe(process.stdout);
    exitQuietlyOnBrokenPipe(process.stderr);
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `--help`, `--version`, `drlwb help`: asked for. Help shown because a command is
      // missing (`drlwb`, `drlwb runs`) comes with a non-zero exit code: invalid input.
      const asked =
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        (error.code === "commander.help" && error.exitCode === 0);
      return asked ? EXIT.ok : EXIT.invalid;
    }
    if (isUserError(error)) {
      for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write(`${error.message}\n`);
      return EXIT.invalid;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DRLWB_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return EXIT.failure;
  }
}
