/**
 * `drlwb models migrate --to store`: copies the lowdb registry's metadata
 * (registry.json in `--registry`, else $DRLWB_REGISTRY or ./registry) into the
 * tracking store (`--store`, else DRLWB_STORE, else sqlite:drlwb.db), so the
 * registry can switch to the store backend. The artifacts stay in the
 * registry folder. Running it again copies nothing new
 * (runtime/registry/copy-to-store.ts).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../runtime/core/errors.js";
import { messages } from "../runtime/messages/index.js";
import { copyRegistryToStore } from "../runtime/registry/copy-to-store.js";
import { defaultRegistryRoot, ModelRegistry } from "../runtime/registry/index.js";
import { openStore } from "../runtime/store/open-store.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { cliStoreOptions } from "./store-option.js";

export interface ModelsMigrateOptions {
  /** The backend to copy into: `store` (commander checks the choice). */
  readonly to: string;
  readonly registry?: string;
  readonly store?: string;
  readonly json?: boolean;
}

export async function modelsMigrateCommand(
  options: ModelsMigrateOptions,
  io: CliIO,
): Promise<ExitCode> {
  const root = options.registry === undefined ? defaultRegistryRoot() : resolve(options.registry);
  const file = join(root, "registry.json");
  if (!existsSync(file)) throw new UserError(messages.registry.copyNoSource(file));
  const models = new ModelRegistry(root).listModels();
  const store = await openStore(cliStoreOptions(options.store));
  try {
    const report = await copyRegistryToStore(models, store, root);
    if (options.json) printJson(io, { store: store.display, registry: root, ...report });
    else io.stdout.write(`${messages.registry.copied(store.display, report)}\n`);
    for (const m of report.missingArtifacts)
      io.stderr.write(`${messages.registry.copyMissingArtifact(m.model, m.version, m.artifact)}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
