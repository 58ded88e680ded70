import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import type { TrackingStore } from "../store/open-store.js";
import {
  REGISTRY_BACKEND_KINDS,
  type RegistryBackend,
  type RegistryBackendKind,
} from "./backend.js";
import { LowdbRegistryBackend } from "./lowdb-backend.js";
import { ModelRegistry } from "./registry.js";
import { StoreRegistryBackend } from "./store-backend.js";

export interface RegistryBackendOptions {
  readonly kind: RegistryBackendKind;
  /** The registry folder (artifacts; registry.json for lowdb). */
  readonly root: string;
  /** The tracking store, or how to get it (kind "store"). */
  readonly store?: TrackingStore | (() => Promise<TrackingStore>);
  /** How long reads may reuse what they last read (the server: a few hundred ms). */
  readonly maxStalenessMs?: number;
  /** Close the store with the backend. */
  readonly ownsStore?: boolean;
}

/** The registry over the chosen backend. */
export function registryBackend(options: RegistryBackendOptions): RegistryBackend {
  if (options.kind === "lowdb")
    return new LowdbRegistryBackend(new ModelRegistry(options.root, options.maxStalenessMs ?? 0));
  if (!options.store) throw new Error("the store registry backend needs an open tracking store");
  return new StoreRegistryBackend(options.store, options.root, {
    maxStalenessMs: options.maxStalenessMs ?? 0,
    ownsStore: options.ownsStore ?? false,
  });
}

/**
 * A backend name as the caller read it from `source` (the CLI's
 * `--registry-backend` or `DRLWB_REGISTRY_BACKEND`; the runtime reads
 * neither): lowdb when unset or empty; anything else unknown is refused.
 */
export function parseRegistryBackendKind(
  value: string | undefined,
  source: string,
): RegistryBackendKind {
  if (value === undefined || value === "") return "lowdb";
  const kind = REGISTRY_BACKEND_KINDS.find((k) => k === value);
  if (!kind) throw new UserError(messages.registry.badBackend(value, source));
  return kind;
}
