import type { Command } from "commander";
import { runsListCommand, runsShowCommand } from "../runs.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that inspect run folders. */
export function defineRunCommands(program: Command, io: CliIO, set: (code: number) => void): void {
  const runs = program.command("runs").description("list and inspect run folders");
  runs
    .command("list")
    .description("list runs, newest first")
    .option("--dir <dir>", "folder holding run folders", "runs")
    .option("--json", "machine-readable output")
    .action((opts: { dir?: string; json?: boolean }) => set(runsListCommand(opts, io)));
  runs
    .command("show")
    .description("show one run: record, provenance, metrics, files")
    .argument("<id>", "run id, id prefix or run folder")
    .option("--dir <dir>", "folder holding run folders", "runs")
    .option("--json", "machine-readable output")
    .action((id: string, opts: { dir?: string; json?: boolean }) =>
      set(runsShowCommand(id, opts, io)),
    );
}
