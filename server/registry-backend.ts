import type { RegistryBackend } from "../runtime/registry/backend.js";
import { registryBackend } from "../runtime/registry/open-backend.js";
import type { ServerConfig, WorkspaceDirs } from "./config/load-config.js";
import type { ServerStore } from "./store.js";

/**
 * The server's model registry as configured: `registry.backend` lowdb
 * (registry.json in `workspace.registry`) or store (the tracking store's
 * tables; artifacts still in `workspace.registry`). Reads may reuse what was
 * read within `registry.max_staleness_ms`, so the prediction path resolves
 * aliases without a query per request.
 */
export function serverRegistry(
  config: ServerConfig,
  workspace: WorkspaceDirs,
  store: ServerStore,
): RegistryBackend {
  return registryBackend({
    kind: config.registry.backend,
    root: workspace.registry,
    store: () => store.get(),
    maxStalenessMs: config.registry.max_staleness_ms,
  });
}
