/**
 * `drlwb models alias` and `drlwb models delete` write the registry's audit
 * log like the server's routes do (issue 15): the same file
 * (`<registry>/audit.log`), one JSON line per change with the equivalent API
 * method and path, who (the local user), when and the outcome — refusals
 * included — written by the one function the server uses
 * (runtime/registry/audit-log.ts). The server here shares the registry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cli-audit-"));
const secret = new TextEncoder().encode("a".repeat(40));
let registryDir = "";
let url = "";
let close = async () => {};
let drain = async () => {};

beforeAll(async () => {
  const loaded = testServerConfig(root);
  registryDir = loaded.workspace.registry;
  const registry = new ModelRegistry(registryDir);
  for (const content of ["one", "two", "three"]) {
    const dir = join(root, `artifact-${content}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "weights.txt"), content);
    registry.registerModel({ name: "audited", sourceDir: dir, metrics: {} });
  }
  const app = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  drain = () => app.jobs.drain();
  ({ url, close } = await listen(app.app));
});
afterAll(async () => {
  await drain();
  await close();
  rmSync(root, { recursive: true, force: true });
});

const auditLines = (): Record<string, unknown>[] =>
  readFileSync(join(registryDir, "audit.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("registry changes from the CLI", () => {
  it("are audited in the server's audit log, with the API call they stand for", async () => {
    const token = await createToken(secret, { subject: "ann", role: "admin" });
    const served = await fetch(`${url}/models/audited/aliases`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ alias: "champion", version: 1 }),
    });
    expect(served.status).toBe(200);

    const r = ["--registry", registryDir];
    expect((await runCli(["models", "alias", "audited", "champion", "2", ...r])).code).toBe(0);
    expect((await runCli(["models", "alias", "audited", "champion", "9", ...r])).code).toBe(2);
    expect((await runCli(["models", "delete", "audited", "3", ...r])).code).toBe(0);

    const [server, alias, refused, deleted, ...rest] = auditLines();
    expect(rest).toEqual([]);
    expect(server).toMatchObject({
      subject: "ann",
      method: "POST",
      path: "/models/audited/aliases",
      status: 200,
      outcome: "ok",
    });
    const me = userInfo().username;
    expect(alias).toMatchObject({
      via: "cli",
      subject: me,
      method: "POST",
      path: "/models/audited/aliases",
      exitCode: 0,
      outcome: "ok",
    });
    expect(refused).toMatchObject({
      via: "cli",
      method: "POST",
      path: "/models/audited/aliases",
      exitCode: 2,
      outcome: "refused",
    });
    expect(deleted).toMatchObject({
      via: "cli",
      subject: me,
      method: "DELETE",
      path: "/models/audited/versions/3",
      exitCode: 0,
      outcome: "ok",
    });
    for (const line of [alias, refused, deleted])
      expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
    expect(statSync(join(registryDir, "audit.log")).mode & 0o777).toBe(0o600);
  });
});
