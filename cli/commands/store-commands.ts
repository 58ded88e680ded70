import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { cliMessages } from "../../runtime/messages/cli.js";

/** `drlwb store …`: the tracking store's migrations and runs index. */
export function defineStoreCommands(
  program: Command,
  io: CliIO,
  set: (code: number) => void,
): void {
  const store = program
    .command("store")
    .description("the tracking store: schema migrations and the runs index");
  store
    .command("migrate")
    .description("apply pending migrations and print which were applied")
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .action(async (opts: { store?: string; json?: boolean }) =>
      set(await (await import("../store.js")).storeMigrateCommand(opts, io)),
    );
  store
    .command("status")
    .description("where the store is and each migration, applied or pending")
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .action(async (opts: { store?: string; json?: boolean }) =>
      set(await (await import("../store.js")).storeStatusCommand(opts, io)),
    );
  store
    .command("reindex")
    .description(
      "rebuild the runs index from run folders: every run written, rows of vanished folders removed, corrupt folders skipped",
    )
    .option("--dir <dir>", "folder holding run folders", "runs")
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .action(async (opts: { dir?: string; store?: string; json?: boolean }) =>
      set(await (await import("../store.js")).storeReindexCommand(opts, io)),
    );
}
