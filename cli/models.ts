import { UserError } from "../runtime/core/errors.js";
import { ModelRegistry } from "../runtime/registry/index.js";
import { messages } from "../runtime/messages/index.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { auditedChange } from "./registry-audit.js";

export interface ModelsOptions {
  readonly json?: boolean;
  readonly registry?: string;
}

const open = (options: ModelsOptions): ModelRegistry => new ModelRegistry(options.registry);

/** `drlwb models list` */
export function modelsListCommand(options: ModelsOptions, io: CliIO): ExitCode {
  const models = open(options).listModels();
  if (options.json) {
    printJson(io, models);
    return EXIT.ok;
  }
  if (models.length === 0)
    io.stdout.write("no registered models (runs with `register:` register theirs)\n");
  for (const m of models) {
    const aliases = Object.entries(m.aliases)
      .map(([a, v]) => `${a}→${v}`)
      .join(" ");
    io.stdout.write(
      `${m.name.padEnd(32)} versions ${String(m.versions.length).padEnd(4)} latest ${m.versions.at(-1)?.version ?? "-"}  ${aliases}\n`,
    );
  }
  return EXIT.ok;
}

/** `drlwb models show <name> [version|alias]` */
export function modelsShowCommand(
  name: string,
  ref: string | undefined,
  options: ModelsOptions,
  io: CliIO,
): ExitCode {
  const registry = open(options);
  const value = ref === undefined ? registry.getModel(name) : registry.getVersion(name, ref);
  if (options.json) printJson(io, value);
  else io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return EXIT.ok;
}

/** `drlwb models alias <name> <alias> <version>` */
export function modelsAliasCommand(
  name: string,
  alias: string,
  ref: string,
  options: ModelsOptions,
  io: CliIO,
): ExitCode {
  const version = auditedChange(
    open(options),
    { method: "POST", segments: ["models", name, "aliases"] },
    (registry) => registry.setAlias(name, alias, ref),
  );
  if (options.json) printJson(io, { name, alias, version: version.version });
  else io.stdout.write(`${messages.registry.aliasSet(name, alias, version.version)}\n`);
  return EXIT.ok;
}

/** `drlwb models compare <name> <a> <b>`: metric differences b − a. */
export function modelsCompareCommand(
  name: string,
  a: string,
  b: string,
  options: ModelsOptions,
  io: CliIO,
): ExitCode {
  const cmp = open(options).compareVersions(name, a, b);
  if (options.json) {
    printJson(io, cmp);
    return EXIT.ok;
  }
  const fmt = (x: number | null): string =>
    x === null ? "—" : Number(x.toPrecision(6)).toString();
  io.stdout.write(
    `${"metric".padEnd(28)}${`v${cmp.a}`.padStart(14)}${`v${cmp.b}`.padStart(14)}${"diff".padStart(14)}\n`,
  );
  for (const row of cmp.metrics) {
    io.stdout.write(
      `${row.metric.padEnd(28)}${fmt(row.a).padStart(14)}${fmt(row.b).padStart(14)}${fmt(row.diff).padStart(14)}\n`,
    );
  }
  return EXIT.ok;
}

/** `drlwb models delete <name> [version]`: removes versions and collects unreferenced artifacts. */
export function modelsDeleteCommand(
  name: string,
  ref: string | undefined,
  options: ModelsOptions,
  io: CliIO,
): ExitCode {
  const result = auditedChange(
    open(options),
    {
      method: "DELETE",
      segments: ref === undefined ? ["models", name] : ["models", name, "versions", ref],
    },
    (registry) => registry.delete(name, ref),
  );
  if (options.json) printJson(io, result);
  else
    io.stdout.write(
      `${messages.registry.deleted(ref === undefined ? name : `${name} version ${result.removedVersions.join(", ")}`, result.freedArtifacts)}\n`,
    );
  return EXIT.ok;
}

export interface ModelsGcOptions extends ModelsOptions {
  /** Keep leftovers younger than this (`30m`, `1h`, `2d`; default 1h). */
  readonly minAge?: string;
  readonly dryRun?: boolean;
}

const AGE_UNIT_MS = new Map([
  ["s", 1000],
  ["m", 60_000],
  ["h", 3_600_000],
  ["d", 86_400_000],
]);

/** `30m` → ms; a bare number is seconds. */
function parseAge(text: string): number {
  const match = /^\s*(\d{1,9})\s*([smhd]?)\s*$/.exec(text);
  if (!match) throw new UserError(messages.registry.gcBadAge(text));
  return Number(match[1]) * (AGE_UNIT_MS.get(match[2] || "s") ?? 1000);
}

/** `drlwb models gc`: removes unreferenced artifacts and stale temporary leftovers. */
export function modelsGcCommand(options: ModelsGcOptions, io: CliIO): ExitCode {
  const report = open(options).gc({
    ...(options.minAge === undefined ? {} : { minAgeMs: parseAge(options.minAge) }),
    dryRun: options.dryRun ?? false,
  });
  if (options.json) {
    printJson(io, report);
    return EXIT.ok;
  }
  for (const item of report.removed)
    io.stdout.write(`${messages.registry.gcItem(item.kind, item.path, item.bytes)}\n`);
  const artifacts = report.removed.filter((r) => r.kind === "artifact").length;
  io.stdout.write(
    `${messages.registry.gcReport(artifacts, report.removed.length - artifacts, report.bytes, report.dryRun)}\n`,
  );
  return EXIT.ok;
}
