import type { Command } from "commander";
import { EXIT } from "../io.js";
import { cliMessages } from "../../runtime/messages/cli.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that describe datasets and sweep parameters. */
export function defineDataCommands(program: Command, io: CliIO, set: (code: number) => void): void {
  const data = program.command("data").description("datasets: describe what a spec or file loads");
  data
    .command("describe")
    .description("rows, range, symbols, content hash and the quality summary")
    .argument("<target>", "a spec with a data: section, a kind: data spec, or a CSV/Parquet file")
    .option("--json", "machine-readable output")
    .action(async (target: string, opts: { json?: boolean }) => {
      const { dataDescribe } = await import("../data-describe.js");
      const { code, output } = await dataDescribe(target, { json: opts.json === true });
      (code === EXIT.ok ? io.stdout : io.stderr).write(
        output.endsWith("\n") ? output : `${output}\n`,
      );
      set(code);
    });

  program
    .command("sweep")
    .description("run a parameter sweep (kind: sweep spec) on all cores")
    .argument("<spec>", "sweep spec")
    .option("--env <name>", "environment overlay to apply")
    .option("--out <dir>", "output folder for the results table and top-k")
    .option("--workers <n>", "worker threads (default: all cores)", (v) => Number.parseInt(v, 10))
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .action(
      async (
        spec: string,
        opts: { env?: string; out?: string; workers?: number; store?: string; json?: boolean },
      ) => set(await (await import("../sweep.js")).sweepCommand(spec, opts, io)),
    );
}
