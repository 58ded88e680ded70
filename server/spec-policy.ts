import { UserError } from "../runtime/core/errors.js";
import { serverMessages } from "../runtime/messages/server.js";
import {
  normalizeHosts,
  OUTPUT_LOCATION_KEYS,
  type SpecPolicy,
} from "../runtime/spec/spec-policy.js";
import { yamlLimitsFromConfig } from "../runtime/spec/yaml-limits.js";
import type { ServerConfig, WorkspaceDirs } from "./config/load-config.js";

/** The environment variable that holds the server's token-signing secret: never granted to specs. */
const SIGNING_SECRET_ENV = "DRLWB_JWT_SECRET";

/**
 * The policy of every spec the server runs (runtime/spec/spec-policy.ts):
 * paths inside the workspace folders, no output locations chosen by the spec,
 * no `${env:…}`, only the secrets and hosts the configuration's `specs`
 * section grants, and its training limit.
 */
export function serverSpecPolicy(config: ServerConfig, workspace: WorkspaceDirs): SpecPolicy {
  const secrets: Record<string, string> = {};
  for (const [name, env] of Object.entries(config.specs.secrets)) {
    if (env === undefined) continue;
    if (env === SIGNING_SECRET_ENV) throw new UserError(serverMessages.signingSecretGranted(name));
    Object.defineProperty(secrets, name, { value: env, enumerable: true, writable: false });
  }
  return {
    mode: "server",
    workspace: {
      root: workspace.root,
      data: workspace.data,
      specs: workspace.specs,
      runs: workspace.runs,
      registry: workspace.registry,
    },
    allowEnv: false,
    secrets,
    forbiddenKeys: [...OUTPUT_LOCATION_KEYS],
    allowedHttpHosts: normalizeHosts(config.specs.allowed_http_hosts),
    maxTotalTimesteps: config.specs.max_total_timesteps,
    maxDataFileBytes: config.specs.max_data_file_bytes,
    yamlLimits: yamlLimitsFromConfig(config.limits),
  };
}
