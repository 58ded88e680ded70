import { type Command, Option } from "commander";
import type { RunsQueryOptions } from "../runs-query.js";
import { cliMessages } from "../../runtime/messages/cli.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that inspect run folders. */
export function defineRunCommands(program: Command, io: CliIO, set: (code: number) => void): void {
  const runs = program.command("runs").description("list, query and inspect runs");
  const queryFlags = ["store", "columns", "sort", "filter", "limit", "offset"];
  runs
    .command("list")
    .description(
      "list the runs the tracking store indexes, newest first (or sorted, filtered, with metric columns)",
    )
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--columns <list>", "metrics and run fields to show, e.g. sharpe,cagr,maxDrawdown")
    .option("--sort <keys>", "sort keys, - for descending, e.g. -sharpe or -sharpe,started")
    .option("--filter <expr>", "e.g. 'sharpe > 1 and name ~ swx' (see docs/store.md)")
    .option("--limit <n>", "rows to show (default: the store's query.default_limit)")
    .option("--offset <n>", "rows to skip first")
    .addOption(
      new Option(
        "--folders",
        "list the run folders themselves, with corrupt ones and their problems",
      ).conflicts(queryFlags),
    )
    .option("--dir <dir>", "folder holding run folders", "runs")
    .option("--json", "machine-readable output")
    .action(async (opts: RunsQueryOptions & { folders?: boolean }) => {
      if (opts.folders) set((await import("../runs.js")).runsListCommand(opts, io));
      else set(await (await import("../runs-query.js")).runsQueryCommand(opts, io));
    });
  runs
    .command("show")
    .description("show one run: record, provenance, metrics, files")
    .argument("<id>", "run id, id prefix or run folder")
    .option("--dir <dir>", "folder holding run folders", "runs")
    .option("--json", "machine-readable output")
    .action(async (id: string, opts: { dir?: string; json?: boolean }) =>
      set((await import("../runs.js")).runsShowCommand(id, opts, io)),
    );
}
