import { Command, CommanderError, InvalidArgumentError } from "commander";
import { formatDiagnostic, isUserError } from "../core/errors.js";
import { type CliIO, EXIT, processIO } from "./io.js";
import {
  modelsAliasCommand,
  modelsCompareCommand,
  modelsDeleteCommand,
  modelsListCommand,
  modelsShowCommand,
} from "./models.js";
import { compareCommand } from "./compare.js";
import { dataDescribe } from "./data-describe.js";
import { planCommand } from "./plan.js";
import { reportCommand } from "./report.js";
import { runCommand } from "./run.js";
import { runsListCommand, runsShowCommand } from "./runs.js";
import { serveCommand } from "./serve.js";
import { sweepCommand } from "./sweep.js";
import { apiKeyCreateCommand, tokenCreateCommand } from "./token.js";
import { validateCommand } from "./validate.js";

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError("the seed must be an integer from 0 to 4294967295");
  }
  return n;
}

/** Builds the command tree; each action stores its exit code in `result`. */
function buildProgram(io: CliIO, result: { code: number }): Command {
  const program = new Command("drlwb")
    .description("DRL Workbench: spec-driven backtests and deep-RL experiments")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  const set = (code: number): void => {
    result.code = code;
  };

  program
    .command("validate")
    .description("validate spec files; print every problem as file:line:col  /path  message")
    .argument("<files...>", "spec files (YAML)")
    .option("--env <name>", "environment overlay to apply")
    .option("--json", "machine-readable output")
    .action((files: string[], opts: { env?: string; json?: boolean }) =>
      set(validateCommand(files, opts, io)),
    );

  program
    .command("plan")
    .description("compile a spec and print its stages")
    .argument("<spec>", "experiment spec")
    .option("--env <name>", "environment overlay to apply")
    .option("--seed <n>", "override the spec's seed", parseSeed)
    .option("--json", "machine-readable output")
    .action((spec: string, opts: { env?: string; seed?: number; json?: boolean }) =>
      set(planCommand(spec, opts, io)),
    );

  program
    .command("run")
    .description("run a spec end to end into runs/<id>/")
    .argument("<spec>", "experiment spec")
    .option("--env <name>", "environment overlay to apply")
    .option("--seed <n>", "override the spec's seed", parseSeed)
    .option("--out <dir>", "folder for run folders", "runs")
    .option("--json", "machine-readable output")
    .action(
      async (spec: string, opts: { env?: string; seed?: number; out?: string; json?: boolean }) =>
        set(await runCommand(spec, opts, io)),
    );

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

  const data = program.command("data").description("datasets: describe what a spec or file loads");
  data
    .command("describe")
    .description("rows, range, symbols, content hash and the quality summary")
    .argument("<target>", "a spec with a data: section, a kind: data spec, or a CSV/Parquet file")
    .option("--json", "machine-readable output")
    .action(async (target: string, opts: { json?: boolean }) => {
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
    .option("--json", "machine-readable output")
    .action(
      async (
        spec: string,
        opts: { env?: string; out?: string; workers?: number; json?: boolean },
      ) => set(await sweepCommand(spec, opts, io)),
    );

  program
    .command("report")
    .description("render a run's tear sheet (HTML, and PDF with --pdf)")
    .argument("<run>", "run folder, id or id prefix")
    .option("--pdf", "also write report.pdf (Chromium)")
    .option("--out <file>", "HTML output path (default: <run>/report.html)")
    .option("--log-scale", "equity on a log scale")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .action(
      async (
        run: string,
        opts: { pdf?: boolean; out?: string; logScale?: boolean; runs: string },
      ) =>
        set(
          await reportCommand(
            run,
            {
              ...(opts.pdf ? { pdf: true } : {}),
              ...(opts.out ? { out: opts.out } : {}),
              ...(opts.logScale ? { logScale: true } : {}),
              runsDir: opts.runs,
            },
            io,
          ),
        ),
    );

  program
    .command("compare")
    .description(
      "two or more runs side by side: statistics with differences, overlaid equity and drawdown",
    )
    .argument("<runs...>", "run folders, ids or id prefixes")
    .option("--out <file>", "HTML output path")
    .option("--pdf", "also write a PDF")
    .option("--title <text>", "report title")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .action(
      async (runs: string[], opts: { out?: string; pdf?: boolean; title?: string; runs: string }) =>
        set(
          await compareCommand(
            runs,
            {
              ...(opts.out ? { out: opts.out } : {}),
              ...(opts.pdf ? { pdf: true } : {}),
              ...(opts.title ? { title: opts.title } : {}),
              runsDir: opts.runs,
            },
            io,
          ),
        ),
    );

  const models = program.command("models").description("the model registry");
  const registryOption = [
    "--registry <dir>",
    "registry folder (default: $DRLWB_REGISTRY or ./registry)",
  ] as const;
  type ModelOpts = { registry?: string; json?: boolean };
  models
    .command("list")
    .description("registered models with versions and aliases")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((opts: ModelOpts) => set(modelsListCommand(opts, io)));
  models
    .command("show")
    .description("a model, or one version by number or alias")
    .argument("<name>")
    .argument("[version]", "version number, alias or latest")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((name: string, version: string | undefined, opts: ModelOpts) =>
      set(modelsShowCommand(name, version, opts, io)),
    );
  models
    .command("alias")
    .description("point an alias (champion, challenger, …) at a version")
    .argument("<name>")
    .argument("<alias>")
    .argument("<version>")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((name: string, alias: string, version: string, opts: ModelOpts) =>
      set(modelsAliasCommand(name, alias, version, opts, io)),
    );
  models
    .command("compare")
    .description("metric differences between two versions")
    .argument("<name>")
    .argument("<a>")
    .argument("<b>")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((name: string, a: string, b: string, opts: ModelOpts) =>
      set(modelsCompareCommand(name, a, b, opts, io)),
    );
  models
    .command("delete")
    .description("delete a version (or the whole model) and collect unreferenced artifacts")
    .argument("<name>")
    .argument("[version]")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((name: string, version: string | undefined, opts: ModelOpts) =>
      set(modelsDeleteCommand(name, version, opts, io)),
    );

  program
    .command("serve")
    .description("serve the registry, predictions, runs and backtest jobs over HTTP")
    .option("--port <n>", "port", (v) => Number.parseInt(v, 10), 8080)
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option(...registryOption)
    .option("--runs <dir>", "folder holding run folders", "runs")
    .option("--specs <dir>", "folder POST /backtests may read spec files from", "specs")
    .option("--rate-limit <n>", "requests per minute per caller", (v) => Number.parseInt(v, 10))
    .action(
      async (opts: {
        port: number;
        host: string;
        registry?: string;
        runs: string;
        specs: string;
        rateLimit?: number;
      }) => set(await serveCommand(opts, io)),
    );

  const token = program.command("token").description("credentials for the server");
  type TokenOpts = {
    role: string;
    subject?: string;
    expires?: string;
    registry?: string;
    json?: boolean;
  };
  token
    .command("create")
    .description("create a signed bearer token")
    .requiredOption("--role <role>", "viewer | researcher | admin")
    .option("--subject <name>", "who the token is for")
    .option("--expires <span>", "lifetime such as 1h or 30d", "12h")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action(async (opts: TokenOpts) => set(await tokenCreateCommand(opts, io)));
  token
    .command("api-key")
    .description("create an API key for a service account (printed once)")
    .argument("<name>", "service account name")
    .requiredOption("--role <role>", "viewer | researcher | admin")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action((name: string, opts: TokenOpts) => set(apiKeyCreateCommand(name, opts, io)));

  return program;
}

/**
 * The `drlwb` entry point. Returns the exit code: 0 ok, 1 runtime failure,
 * 2 invalid input. User errors are printed without a stack trace.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpShown =
        error.code === "commander.helpDisplayed" || error.code === "commander.version";
      if (helpShown || error.code === "commander.help") return EXIT.ok;
      return EXIT.invalid;
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
