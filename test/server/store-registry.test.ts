/**
 * The server with `registry.backend: store` (server/registry-backend.ts): the
 * model routes, readiness and the prediction path read the registry's
 * metadata from the tracking store, so a model registered or an alias moved
 * by another host (another process's connection to the same store) is served
 * without touching registry.json.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegistryBackend } from "../../runtime/registry/backend.js";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { openStore } from "../../runtime/store/open-store.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { serverRegistry } from "../../server/registry-backend.js";
import { serverStore } from "../../server/store.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { trainedArtifact } from "../support/trained-model.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-registry-"));
const secret = new TextEncoder().encode("r".repeat(40));
const artifacts: string[] = [];
let url = "";
let auth: Record<string, string> = {};
let otherHost: RegistryBackend;
const closers: (() => Promise<void>)[] = [];

function serve(overrides: Record<string, unknown>, workspaceRoot: string) {
  const loaded = testServerConfig(workspaceRoot, {
    registry: { backend: "store", max_staleness_ms: 0 },
    ...overrides,
  });
  const store = serverStore(loaded.config, loaded.workspace, {});
  const created = createApp({
    registry: serverRegistry(loaded.config, loaded.workspace, store),
    store,
    secret,
    ...loaded,
    loadPredictor: createAgentPredictorLoader(),
  });
  return { loaded, created };
}

beforeAll(async () => {
  const { loaded, created } = serve({ store: { url: "sqlite:drlwb.db" } }, join(root, "ws"));
  const server = await listen(created.app);
  url = server.url;
  closers.push(
    () => server.close(),
    () => created.store.close(),
  );
  // "Another host": its own connection to the same store and the same registry folder.
  const store = await openStore({
    config: loaded.config.store,
    baseDir: loaded.workspace.root,
    env: {},
  });
  otherHost = registryBackend({
    kind: "store",
    root: loaded.workspace.registry,
    store,
    ownsStore: true,
  });
  closers.push(() => otherHost.close());
  for (const steps of [undefined, 256]) {
    const artifact = await trainedArtifact(steps === undefined ? {} : { steps });
    artifacts.push(artifact);
    await otherHost.registerModel({
      name: "cart",
      sourceDir: artifact,
      ...(steps === undefined ? { aliases: ["champion"] } : {}),
    });
  }
  auth = {
    authorization: `Bearer ${await createToken(secret, { subject: "t", role: "researcher" })}`,
  };
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  rmSync(root, { recursive: true, force: true });
  for (const dir of artifacts) rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const observation = { observation: [0.01, 0.02, -0.03, 0.04] };

describe("the server with its registry in the tracking store", () => {
  it("lists and shows what another host registered, and is ready", async () => {
    const list = await call("GET", "/models");
    expect(list.status).toBe(200);
    expect(list.body.models).toEqual([
      expect.objectContaining({ name: "cart", aliases: { champion: 1 }, latestVersion: 2 }),
    ]);
    const version = await call("GET", "/models/cart/versions/champion");
    expect(version.status).toBe(200);
    expect(version.body.version).toBe(1);
    expect(version.body.signature).not.toBeNull();
    expect(await call("GET", "/ready")).toMatchObject({
      status: 200,
      body: { status: "ready", models: 1 },
    });
    const missing = await call("GET", "/models/crat");
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('did you mean \\"cart\\"');
    // Metadata in the store, not in a registry.json.
    expect(existsSync(join(otherHost.root, "registry.json"))).toBe(false);
  });

  it("predicts with the champion, and follows an alias moved through the API or by another host", async () => {
    expect((await call("POST", "/models/cart/predict", observation)).body.version).toBe(1);
    const moved = await call("POST", "/models/cart/aliases", { alias: "champion", version: 2 });
    expect(moved).toEqual({ status: 200, body: { name: "cart", alias: "champion", version: 2 } });
    expect((await otherHost.getVersion("cart", "champion")).version).toBe(2);
    // The new version loads in the background while the old one answers; then it is served.
    const servedVersion = async (want: number) => {
      for (let i = 0; i < 200; i++) {
        const res = await call("POST", "/models/cart/predict", observation);
        expect(res.status).toBe(200);
        if (res.body.version === want) return want;
        await new Promise((r) => setTimeout(r, 25));
      }
      return undefined;
    };
    expect(await servedVersion(2)).toBe(2);
    await otherHost.setAlias("cart", "champion", 1);
    expect(await servedVersion(1)).toBe(1);
  });

  it("is not ready while its store cannot be opened, without showing a path", async () => {
    const ws = join(root, "broken");
    const { loaded, created } = serve({ store: { url: "sqlite:broken.db" } }, ws);
    writeFileSync(join(loaded.workspace.root, "broken.db"), "not a database at all\n".repeat(20));
    const server = await listen(created.app);
    try {
      const res = await fetch(`${server.url}/ready`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ status: "not_ready", message: expect.any(String) });
      expect(text).not.toContain(root);
      const models = await fetch(`${server.url}/models`, { headers: auth });
      expect(models.status).toBeGreaterThanOrEqual(400);
      expect(await models.text()).not.toContain(root);
    } finally {
      await server.close();
      await created.store.close();
    }
  });
});
