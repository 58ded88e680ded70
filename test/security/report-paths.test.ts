/**
 * A run started under the server's spec policy records and shows only
 * workspace-relative paths: the tear sheet served by GET /runs/:id/report
 * (its provenance table names the spec file) and run.json carry no absolute
 * server path (the workspace root or the installation folder).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { serverSpecPolicy } from "../../server/spec-policy.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const fixtures = new URL("../fixtures/specs/jobs/", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-report-paths-"));
const secret = new TextEncoder().encode("p".repeat(40));
const install = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
let url = "";
let close = async () => {};
let runId = "";
let runDir = "";

beforeAll(async () => {
  const loaded = testServerConfig(root);
  cpSync(fixtures, loaded.workspace.specs, { recursive: true });
  const policy = serverSpecPolicy(loaded.config, loaded.workspace);
  const result = await runSpec(join(loaded.workspace.specs, "quick-strategy.yaml"), { policy });
  expect(result.status).toBe("complete");
  runId = result.id;
  runDir = result.dir;
  const { app } = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  ({ url, close } = await listen(app));
}, 120_000);
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

describe("paths in a server run's records", () => {
  it("the served tear sheet names the spec file relative to the workspace", async () => {
    const token = await createToken(secret, { subject: "v", role: "viewer" });
    const res = await fetch(`${url}/runs/${runId}/report`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("specs/quick-strategy.yaml");
    expect(html).not.toContain(root);
    expect(html).not.toContain(install);
  });

  it("run.json records the workspace-relative spec file", () => {
    const record = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8")) as {
      specFile: string;
    };
    expect(record.specFile).toBe("specs/quick-strategy.yaml");
  });
});
