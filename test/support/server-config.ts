import type { LoadedServerConfig } from "../../server/config/load-config.js";
import { loadServerConfig } from "../../server/config/load-config.js";

/**
 * A server configuration for tests: the workspace is `root` (its data/,
 * specs/, runs/ and registry/ are created), `overrides` are checked by the
 * schema like a config file's keys.
 */
export function testServerConfig(
  root: string,
  overrides: Record<string, unknown> = {},
): LoadedServerConfig {
  return loadServerConfig(undefined, { workspace: { root }, ...overrides }, root);
}
