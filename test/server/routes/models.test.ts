/**
 * Registered models over HTTP (server/routes/models.ts, server/routes/id-params.ts and the audit
 * log of server/middleware/audit.ts): list, show, one version, alias moves and deletion, each
 * with the role it needs; names and versions that are not identifiers are 400 before any
 * lookup; every state-changing call, refusals included, is one audit line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import type { Role } from "../../../server/auth/roles.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-models-route-"));
const secret = new TextEncoder().encode("q".repeat(40));
let url = "";
let close = async () => {};
let auditFile = "";
let registry: ModelRegistry;
const tokens = new Map<Role, string>();

function artifact(name: string, content: string): string {
  const dir = join(root, "artifacts", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "weights.bin"), content);
  return dir;
}

beforeAll(async () => {
  const loaded = testServerConfig(join(root, "ws"));
  registry = new ModelRegistry(loaded.workspace.registry);
  registry.registerModel({
    name: "alpha",
    sourceDir: artifact("a1", "one"),
    description: "first",
    metrics: { sharpe: 1.5 },
    tags: { team: "quant" },
  });
  registry.registerModel({
    name: "alpha",
    sourceDir: artifact("a2", "two"),
    aliases: ["champion"],
  });
  registry.registerModel({ name: "alpha", sourceDir: artifact("a3", "three") });
  registry.registerModel({ name: "beta", sourceDir: artifact("b1", "four") });
  auditFile = join(root, "audit.log");
  const { app } = createApp({
    registry,
    secret,
    ...loaded,
    auditFile,
    loadPredictor: async () => {
      throw new Error("this test predicts nothing");
    },
  });
  ({ url, close } = await listen(app));
  for (const role of ["viewer", "researcher", "admin"] as const)
    tokens.set(role, await createToken(secret, { subject: `${role}-1`, role }));
});
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

async function call(method: string, path: string, role?: Role, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(role ? { authorization: `Bearer ${tokens.get(role)}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const auditLines = (): Record<string, unknown>[] =>
  readFileSync(auditFile, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("reading models", () => {
  it("lists the models by name with their summaries", async () => {
    const res = await call("GET", "/models", "viewer");
    expect(res.status).toBe(200);
    const models = res.body.models as Record<string, unknown>[];
    expect(models.map((m) => m.name)).toEqual(["alpha", "beta"]);
    expect(models[0]).toMatchObject({
      name: "alpha",
      latestVersion: 3,
      versions: 3,
      aliases: { champion: 2 },
    });
    expect(models[1]).toMatchObject({ name: "beta", latestVersion: 1, versions: 1 });
    expect((await call("GET", "/models")).status).toBe(401);
  });

  it("shows one model with all its versions", async () => {
    const res = await call("GET", "/models/alpha", "viewer");
    expect(res.status).toBe(200);
    const versions = res.body.versions as Record<string, unknown>[];
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[0]).toMatchObject({
      description: "first",
      metrics: { sharpe: 1.5 },
      tags: { team: "quant" },
    });
    expect(versions[0]?.artifact).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows one version by number, alias or latest", async () => {
    expect((await call("GET", "/models/alpha/versions/1", "viewer")).body.version).toBe(1);
    expect((await call("GET", "/models/alpha/versions/champion", "viewer")).body.version).toBe(2);
    expect((await call("GET", "/models/alpha/versions/latest", "viewer")).body.version).toBe(3);
  });

  it("answers 404 for an unknown model, version or alias", async () => {
    for (const path of [
      "/models/gamma",
      "/models/alpha/versions/7",
      "/models/alpha/versions/staging",
    ]) {
      const res = await call("GET", path, "viewer");
      expect(res.status, path).toBe(404);
      expect(res.body.error, path).toBe("not_found");
    }
  });

  it("answers 400 without echoing a name or version that is not an identifier", async () => {
    const name = await call("GET", "/models/Not%20A%20Name", "viewer");
    expect(name.status).toBe(400);
    expect(name.body.message).toMatch(/^not a model name/);
    expect(JSON.stringify(name.body)).not.toContain("Not A Name");
    const version = await call("GET", "/models/alpha/versions/1.5", "viewer");
    expect(version.status).toBe(400);
    expect(version.body.message).toMatch(/^not a version/);
  });
});

describe("changing models", () => {
  it("moves an alias (researcher), audited with who, what and the outcome", async () => {
    const res = await call("POST", "/models/alpha/aliases?note=x", "researcher", {
      alias: "champion",
      version: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: "alpha", alias: "champion", version: 3 });
    expect(registry.getVersion("alpha", "champion").version).toBe(3);
    expect(auditLines().at(-1)).toMatchObject({
      subject: "researcher-1",
      role: "researcher",
      method: "POST",
      path: "/models/alpha/aliases",
      status: 200,
      outcome: "ok",
    });
  });

  it("checks the alias body against the schema and audits the refusal", async () => {
    const res = await call("POST", "/models/alpha/aliases", "researcher", {
      alias: "champion",
      version: "three",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_body");
    expect(auditLines().at(-1)).toMatchObject({ status: 400, outcome: "refused" });
    const viewer = await call("POST", "/models/alpha/aliases", "viewer", {
      alias: "x",
      version: 1,
    });
    expect(viewer.status).toBe(403);
    expect(auditLines().at(-1)).toMatchObject({ subject: "viewer-1", status: 403 });
  });

  it("deletes a version (admin only), moving nothing else, and frees its artifact", async () => {
    expect((await call("DELETE", "/models/beta/versions/1", "researcher")).status).toBe(403);
    const res = await call("DELETE", "/models/alpha/versions/1", "admin");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ removedVersions: [1], freedArtifacts: 1 });
    expect(registry.getModel("alpha").versions.map((v) => v.version)).toEqual([2, 3]);
    expect(auditLines().at(-1)).toMatchObject({
      subject: "admin-1",
      method: "DELETE",
      path: "/models/alpha/versions/1",
      outcome: "ok",
    });
    expect((await call("GET", "/models/alpha/versions/1", "viewer")).status).toBe(404);
  });
});
