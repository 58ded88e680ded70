/**
 * The registry the CLI uses: `--registry-backend`, else `DRLWB_REGISTRY_BACKEND`,
 * lowdb (default: registry.json in `--registry`, else $DRLWB_REGISTRY or
 * ./registry) or store (the tracking store from `--store`, else DRLWB_STORE,
 * else sqlite:drlwb.db; artifacts still in the registry folder). Only the CLI
 * reads these: the runtime is handed the backend.
 */
import { resolve } from "node:path";
import { cliMessages } from "../runtime/messages/cli.js";
import type {
  OpenRegistry,
  RegistryBackend,
  RegistryBackendKind,
} from "../runtime/registry/backend.js";
import { defaultRegistryRoot } from "../runtime/registry/index.js";
import { parseRegistryBackendKind, registryBackend } from "../runtime/registry/open-backend.js";
import { type OpenStoreOptions, openStore } from "../runtime/store/open-store.js";
import { cliStoreOptions } from "./store-option.js";

export const REGISTRY_BACKEND_OPTION_HELP = cliMessages.registryBackendOptionHelp();

/** The backend `--registry-backend` names, else DRLWB_REGISTRY_BACKEND, else lowdb. */
export function cliRegistryBackendKind(flag: string | undefined): RegistryBackendKind {
  if (flag !== undefined) return parseRegistryBackendKind(flag, "--registry-backend");
  return parseRegistryBackendKind(process.env.DRLWB_REGISTRY_BACKEND, "DRLWB_REGISTRY_BACKEND");
}

export interface CliRegistryOptions {
  readonly registry?: string;
  readonly store?: string;
  readonly registryBackend?: string;
}

export async function openCliRegistry(options: CliRegistryOptions): Promise<RegistryBackend> {
  const kind = cliRegistryBackendKind(options.registryBackend);
  const root = options.registry === undefined ? defaultRegistryRoot() : resolve(options.registry);
  if (kind === "lowdb") return registryBackend({ kind, root });
  return storeRegistry(cliStoreOptions(options.store), root);
}

/** The store backend over a store opened now (closed with it, or at once if the backend cannot be made). */
async function storeRegistry(options: OpenStoreOptions, root: string): Promise<RegistryBackend> {
  const store = await openStore(options);
  try {
    return registryBackend({ kind: "store", root, store, ownsStore: true });
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * How `drlwb run`'s `register:` stage records its version: undefined for
 * lowdb (the stage writes registry.json itself), else an opener over the
 * store `--store` names. A bad backend name or store location is refused
 * now, before the run starts; the store is opened only when the stage
 * registers, and closed by it.
 */
export function cliOpenRegistry(options: {
  readonly store?: string;
  readonly registryBackend?: string;
}): OpenRegistry | undefined {
  const kind = cliRegistryBackendKind(options.registryBackend);
  if (kind === "lowdb") return undefined;
  const storeOptions = cliStoreOptions(options.store);
  return (root) => storeRegistry(storeOptions, root);
}
