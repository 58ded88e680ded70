import { UserError } from "../runtime/core/errors.js";
import type { RegistryBackend } from "../runtime/registry/backend.js";
import type { ModelVersion, RegisteredModel } from "../runtime/registry/index.js";
import { messages } from "../runtime/messages/index.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { openCliRegistry } from "./open-registry.js";
import { auditedChange } from "./registry-audit.js";

export interface ModelsOptions {
  readonly json?: boolean;
  readonly registry?: string;
  /** The tracking store, with the store backend (default: DRLWB_STORE, else sqlite:drlwb.db). */
  readonly store?: string;
  /** lowdb or store (default: DRLWB_REGISTRY_BACKEND, else lowdb). */
  readonly registryBackend?: string;
}

/** Runs `work` on the registry the options and environment name, closing it after. */
async function withRegistry<T>(
  options: ModelsOptions,
  work: (registry: RegistryBackend) => Promise<T>,
): Promise<T> {
  const registry = await openCliRegistry(options);
  try {
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/** Where a change's audit row goes besides the log file: the tracking store (`--store`, DRLWB_STORE, default). */
const auditStore = (options: ModelsOptions, io: CliIO) => ({
  ...(options.store !== undefined ? { store: options.store } : {}),
  io,
});

/** `drlwb models list` */
export async function modelsListCommand(options: ModelsOptions, io: CliIO): Promise<ExitCode> {
  const models = await withRegistry(options, (registry) => registry.listModels());
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
export async function modelsShowCommand(
  name: string,
  ref: string | undefined,
  options: ModelsOptions,
  io: CliIO,
): Promise<ExitCode> {
  const value = await withRegistry<RegisteredModel | ModelVersion>(options, (registry) =>
    ref === undefined ? registry.getModel(name) : registry.getVersion(name, ref),
  );
  if (options.json) printJson(io, value);
  else io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  return EXIT.ok;
}

/** `drlwb models alias <name> <alias> <version>` */
export async function modelsAliasCommand(
  name: string,
  alias: string,
  ref: string,
  options: ModelsOptions,
  io: CliIO,
): Promise<ExitCode> {
  const version = await withRegistry(options, (opened) =>
    auditedChange(
      opened,
      { method: "POST", segments: ["models", name, "aliases"] },
      (registry) => registry.setAlias(name, alias, ref),
      auditStore(options, io),
    ),
  );
  if (options.json) printJson(io, { name, alias, version: version.version });
  else io.stdout.write(`${messages.registry.aliasSet(name, alias, version.version)}\n`);
  return EXIT.ok;
}

/** `drlwb models compare <name> <a> <b>`: metric differences b − a. */
export async function modelsCompareCommand(
  name: string,
  a: string,
  b: string,
  options: ModelsOptions,
  io: CliIO,
): Promise<ExitCode> {
  const cmp = await withRegistry(options, (registry) => registry.compareVersions(name, a, b));
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
export async function modelsDeleteCommand(
  name: string,
  ref: string | undefined,
  options: ModelsOptions,
  io: CliIO,
): Promise<ExitCode> {
  const result = await withRegistry(options, (opened) =>
    auditedChange(
      opened,
      {
        method: "DELETE",
        segments: ref === undefined ? ["models", name] : ["models", name, "versions", ref],
      },
      (registry) => registry.delete(name, ref),
      auditStore(options, io),
    ),
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
export async function modelsGcCommand(options: ModelsGcOptions, io: CliIO): Promise<ExitCode> {
  const gcOptions = {
    ...(options.minAge === undefined ? {} : { minAgeMs: parseAge(options.minAge) }),
    dryRun: options.dryRun ?? false,
  };
  const report = await withRegistry(options, (registry) => registry.gc(gcOptions));
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
