// Prototype names (`constructor`, `__proto__`, `toString`, …) as model names,
// versions and aliases on every route that takes one, through the real server
// on loopback: the answer is always 400 or 404, never a 5xx (the registry read
// `data.models[name]` and found Object.prototype's members), and the registry
// refuses them as names and aliases.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { trainedArtifact } from "../support/trained-model.js";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];
const secret = new TextEncoder().encode("q".repeat(40));
const root = mkdtempSync(join(tmpdir(), "drlwb-proto-"));
let url = "";
let close = async () => {};
let admin: Record<string, string> = {};
let artifact = "";

beforeAll(async () => {
  const loaded = testServerConfig(root, { http: { rate_limit_per_minute: 1_000_000 } });
  const registry = new ModelRegistry(loaded.workspace.registry);
  artifact = await trainedArtifact();
  registry.registerModel({ name: "cart", sourceDir: artifact, aliases: ["champion"] });
  const { app } = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: createAgentPredictorLoader(),
  });
  ({ url, close } = await listen(app));
  admin = { authorization: `Bearer ${await createToken(secret, { subject: "p", role: "admin" })}` };
}, 120_000);

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
  rmSync(artifact, { recursive: true, force: true });
});

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
}

/** Every request that carries a user-chosen model name, version or alias. */
function requests(name: string): [string, string, unknown?][] {
  const n = encodeURIComponent(name);
  return [
    ["GET", `/models/${n}`],
    ["GET", `/models/${n}/versions/1`],
    ["GET", `/models/cart/versions/${n}`],
    ["GET", `/models/${n}/versions/${n}`],
    ["POST", `/models/${n}/aliases`, { alias: "challenger", version: 1 }],
    ["POST", "/models/cart/aliases", { alias: name, version: 1 }],
    ["POST", `/models/${n}/predict`, { observation: [0, 0, 0, 0] }],
    ["POST", "/models/cart/predict", { observation: [0, 0, 0, 0], alias: name }],
    ["DELETE", `/models/${n}/versions/1`],
    ["DELETE", `/models/cart/versions/${n}`],
  ];
}

describe("prototype names on every route with a model name, version or alias", () => {
  for (const name of NAMES) {
    it(`${name}: 400 or 404, never 5xx`, async () => {
      for (const [method, path, body] of requests(name)) {
        const res = await send(method, path, body);
        expect(
          [400, 404],
          `${method} ${path} ${JSON.stringify(body)} → ${res.status} ${res.body.message}`,
        ).toContain(res.status);
        expect(res.body.error).toBeTypeOf("string");
      }
      // The model and its alias are untouched.
      const cart = await send("GET", "/models/cart");
      expect(cart.status).toBe(200);
      expect(cart.body).toMatchObject({ aliases: { champion: 1 }, versions: [{ version: 1 }] });
    });
  }

  it("an alias named like a prototype member is refused with the catalog message", async () => {
    const res = await send("POST", "/models/cart/aliases", { alias: "constructor", version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('alias "constructor" is reserved');
  });
});
