import { type Command, Option } from "commander";
import { cliMessages } from "../../runtime/messages/cli.js";
import type { ModelsMigrateOptions } from "../models-migrate.js";
import type { ServeOptions } from "../serve.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that the model registry, the server and its credentials. */
export function defineModelCommands(
  program: Command,
  io: CliIO,
  set: (code: number) => void,
): void {
  const models = program.command("models").description("the model registry");
  const registryOption = [
    "--registry <dir>",
    "registry folder (default: $DRLWB_REGISTRY or ./registry)",
  ] as const;
  const storeOption = [
    "--store <url>",
    `with the store registry backend, the ${cliMessages.storeOptionHelp()}`,
  ] as const;
  const backendOption = [
    "--registry-backend <kind>",
    cliMessages.registryBackendOptionHelp(),
  ] as const;
  type ModelOpts = { registry?: string; store?: string; registryBackend?: string; json?: boolean };
  models
    .command("list")
    .description("registered models with versions and aliases")
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option("--json", "machine-readable output")
    .action(async (opts: ModelOpts) =>
      set(await (await import("../models.js")).modelsListCommand(opts, io)),
    );
  models
    .command("show")
    .description("a model, or one version by number or alias")
    .argument("<name>")
    .argument("[version]", "version number, alias or latest")
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option("--json", "machine-readable output")
    .action(async (name: string, version: string | undefined, opts: ModelOpts) =>
      set(await (await import("../models.js")).modelsShowCommand(name, version, opts, io)),
    );
  models
    .command("alias")
    .description("point an alias (champion, challenger, …) at a version")
    .argument("<name>")
    .argument("<alias>")
    .argument("<version>")
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option("--json", "machine-readable output")
    .action(async (name: string, alias: string, version: string, opts: ModelOpts) =>
      set(await (await import("../models.js")).modelsAliasCommand(name, alias, version, opts, io)),
    );
  models
    .command("compare")
    .description("metric differences between two versions")
    .argument("<name>")
    .argument("<a>")
    .argument("<b>")
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option("--json", "machine-readable output")
    .action(async (name: string, a: string, b: string, opts: ModelOpts) =>
      set(await (await import("../models.js")).modelsCompareCommand(name, a, b, opts, io)),
    );
  models
    .command("delete")
    .description("delete a version (or the whole model) and collect unreferenced artifacts")
    .argument("<name>")
    .argument("[version]")
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option("--json", "machine-readable output")
    .action(async (name: string, version: string | undefined, opts: ModelOpts) =>
      set(await (await import("../models.js")).modelsDeleteCommand(name, version, opts, io)),
    );
  models
    .command("gc")
    .description(
      "remove artifacts no version references and stale temporary files left by interrupted writes",
    )
    .option(...registryOption)
    .option(...storeOption)
    .option(...backendOption)
    .option(
      "--min-age <age>",
      "keep anything modified more recently than this (e.g. 30m, 2d; default 1h)",
    )
    .option("--dry-run", "list what would be removed, remove nothing")
    .option("--json", "machine-readable output")
    .action(async (opts: ModelOpts & { minAge?: string; dryRun?: boolean }) =>
      set(await (await import("../models.js")).modelsGcCommand(opts, io)),
    );

  models
    .command("migrate")
    .description(
      "copy the lowdb registry (registry.json: models, versions, aliases, tags) into the tracking store's registry; artifacts stay in the registry folder; running it again copies nothing new",
    )
    .addOption(
      new Option("--to <backend>", "the backend to copy into")
        .choices(["store"])
        .makeOptionMandatory(),
    )
    .option(...registryOption)
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .action(async (opts: ModelsMigrateOptions) =>
      set(await (await import("../models-migrate.js")).modelsMigrateCommand(opts, io)),
    );

  program
    .command("serve")
    .description("serve the registry, predictions, runs and backtest jobs over HTTP")
    .option("--config <file>", "server configuration (YAML, schemas/server.schema.json)")
    .option("--workspace <dir>", "workspace folder (data/, specs/, runs/, registry/ inside)")
    .option("--port <n>", "port (default 8080)", (v) => Number.parseInt(v, 10))
    .option("--host <host>", "interface to bind (default 127.0.0.1)")
    .option("--registry <dir>", "registry folder, relative to the workspace")
    .option("--runs <dir>", "folder holding run folders, relative to the workspace")
    .option("--specs <dir>", "folder POST /backtests may read spec files from")
    .option("--rate-limit <n>", "requests per minute per caller", (v) => Number.parseInt(v, 10))
    .option("--json", "print where the server listens (url, docs, openapi) as JSON")
    .action(async (opts: ServeOptions) =>
      set(await (await import("../serve.js")).serveCommand(opts, io)),
    );

  const token = program.command("token").description("credentials for the server");
  type TokenOpts = {
    role: string;
    subject?: string;
    expires?: string;
    maxLifetime?: string;
    registry?: string;
    json?: boolean;
  };
  token
    .command("create")
    .description("create a signed bearer token")
    .requiredOption("--role <role>", "viewer | researcher | admin")
    .option("--subject <name>", "who the token is for")
    .option("--expires <span>", "lifetime such as 1h or 30d", "12h")
    .option(
      "--max-lifetime <span>",
      "longest --expires allowed (default: the server's auth.max_token_lifetime_seconds, 90d)",
    )
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action(async (opts: TokenOpts) =>
      set(await (await import("../token.js")).tokenCreateCommand(opts, io)),
    );
  token
    .command("api-key")
    .description("create an API key for a service account (printed once)")
    .argument("<name>", "service account name")
    .requiredOption("--role <role>", "viewer | researcher | admin")
    .option(...registryOption)
    .option("--json", "machine-readable output")
    .action(async (name: string, opts: TokenOpts) =>
      set((await import("../token.js")).apiKeyCreateCommand(name, opts, io)),
    );
}
