import { InvalidArgumentError, type Command } from "commander";
import { cliMessages } from "../../runtime/messages/cli.js";
import type { CliIO } from "../io.js";

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError("the seed must be an integer from 0 to 4294967295");
  }
  return n;
}

/** `drlwb` commands that validate, plan and run a spec. */
export function defineSpecCommands(program: Command, io: CliIO, set: (code: number) => void): void {
  program
    .command("validate")
    .description("validate spec files; print every problem as file:line:col  /path  message")
    .argument("<files...>", "spec files (YAML)")
    .option("--env <name>", "environment overlay to apply")
    .option(
      "--allow-host <host>",
      "only these hosts may be contacted by the specs (repeatable: host, host:port, *.domain)",
      (host: string, hosts: string[] = []) => [...hosts, host],
    )
    .option("--json", "machine-readable output")
    .action(async (files: string[], opts: { env?: string; json?: boolean; allowHost?: string[] }) =>
      set((await import("../validate.js")).validateCommand(files, opts, io)),
    );

  program
    .command("plan")
    .description("compile a spec and print its stages")
    .argument("<spec>", "experiment spec")
    .option("--env <name>", "environment overlay to apply")
    .option("--seed <n>", "override the spec's seed", parseSeed)
    .option("--json", "machine-readable output")
    .action(async (spec: string, opts: { env?: string; seed?: number; json?: boolean }) =>
      set((await import("../plan.js")).planCommand(spec, opts, io)),
    );

  program
    .command("run")
    .description("run a spec end to end into runs/<id>/, or continue an interrupted run")
    .argument("[spec]", "experiment spec")
    .option("--env <name>", "environment overlay to apply")
    .option("--seed <n>", "override the spec's seed", parseSeed)
    .option("--out <dir>", "folder for run folders", "runs")
    .option(
      "--resume <run>",
      "continue an interrupted run (folder, id or id prefix) in its folder, from its spec, seed and env",
    )
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--registry-backend <kind>", cliMessages.registryBackendOptionHelp())
    .option("--json", "machine-readable output")
    .action(
      async (
        spec: string | undefined,
        opts: {
          env?: string;
          seed?: number;
          out?: string;
          resume?: string;
          store?: string;
          registryBackend?: string;
          json?: boolean;
        },
      ) => set(await (await import("../run.js")).runCommand(spec, opts, io)),
    );
}
