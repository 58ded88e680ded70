/**
 * The policy of specs the server runs (server/spec-policy.ts), built from the configuration:
 * workspace folders, no environment, the granted secrets only (never the token-signing
 * secret), normalized allowed hosts, forbidden output locations and the configured limits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { OUTPUT_LOCATION_KEYS } from "../../runtime/spec/spec-policy.js";
import { serverSpecPolicy } from "../../server/spec-policy.js";
import { testServerConfig } from "../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-server-policy-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("serverSpecPolicy", () => {
  it("confines specs to the workspace, without environment, with the configured limits", () => {
    const { config, workspace } = testServerConfig(join(root, "a"), {
      specs: {
        allowed_http_hosts: ["API.Example.com", "*.data.org:8443"],
        secrets: { POLYGON_KEY: "POLYGON_ENV" },
        max_total_timesteps: 5000,
        max_data_file_bytes: 1024,
      },
    });
    const policy = serverSpecPolicy(config, workspace);
    expect(policy).toMatchObject({
      mode: "server",
      allowEnv: false,
      workspace: {
        root: workspace.root,
        data: workspace.data,
        specs: workspace.specs,
        runs: workspace.runs,
        registry: workspace.registry,
      },
      allowedHttpHosts: ["api.example.com", "*.data.org:8443"],
      maxTotalTimesteps: 5000,
      maxDataFileBytes: 1024,
    });
    expect(policy.forbiddenKeys).toEqual([...OUTPUT_LOCATION_KEYS]);
    expect({ ...policy.secrets }).toEqual({ POLYGON_KEY: "POLYGON_ENV" });
    expect(Object.getOwnPropertyDescriptor(policy.secrets, "POLYGON_KEY")?.writable).toBe(false);
    expect(policy.yamlLimits).toBeDefined();
  });

  it("grants no secret and no host by default", () => {
    const { config, workspace } = testServerConfig(join(root, "b"));
    const policy = serverSpecPolicy(config, workspace);
    expect({ ...policy.secrets }).toEqual({});
    expect(policy.allowedHttpHosts).toEqual([]);
  });

  it("refuses a configuration that grants the token-signing secret to specs", () => {
    const { config, workspace } = testServerConfig(join(root, "c"), {
      specs: { secrets: { SIGN: "DRLWB_JWT_SECRET" } },
    });
    expect(() => serverSpecPolicy(config, workspace)).toThrow(UserError);
    expect(() => serverSpecPolicy(config, workspace)).toThrow(
      /specs\.secrets\.SIGN names DRLWB_JWT_SECRET/,
    );
  });
});
