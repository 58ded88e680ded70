// A truncated or malformed registry.json through the real server on loopback:
// every route that reads the registry answers 503 with a message naming the
// file relative to the workspace (registry/registry.json) and what is wrong —
// never the absolute path, never the file's content, never a bare 500 — and
// the server answers again once the file is repaired.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const CONTENT_MARKER = "sk-live-4f1d9c";
const secret = new TextEncoder().encode("c".repeat(40));
const root = mkdtempSync(join(tmpdir(), "drlwb-corrupt-reg-"));
let url = "";
let close = async () => {};
let auth: Record<string, string> = {};
let file = "";
let good = "";
let workspaceRoot = "";

beforeAll(async () => {
  const loaded = testServerConfig(root, { http: { rate_limit_per_minute: 1_000_000 } });
  workspaceRoot = loaded.workspace.root;
  const registry = new ModelRegistry(loaded.workspace.registry);
  const source = join(root, "artifact");
  mkdirSync(source);
  writeFileSync(join(source, "weights.bin"), "w");
  registry.registerModel({ name: "m", sourceDir: source, aliases: ["champion"] });
  file = join(loaded.workspace.registry, "registry.json");
  good = readFileSync(file, "utf8");
  const { app } = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("no predictions in this test");
    },
  });
  ({ url, close } = await listen(app));
  auth = { authorization: `Bearer ${await createToken(secret, { subject: "c", role: "admin" })}` };
});

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...auth },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

const REQUESTS: [string, string, unknown?][] = [
  ["GET", "/models"],
  ["GET", "/models/m"],
  ["GET", "/models/m/versions/1"],
  ["POST", "/models/m/aliases", { alias: "challenger", version: 1 }],
  ["POST", "/models/m/predict", { observation: [0, 0, 0, 0] }],
  ["DELETE", "/models/m/versions/1"],
  ["GET", "/ready"],
];

const DAMAGE: [string, () => string, RegExp][] = [
  ["truncated", () => good.slice(0, Math.floor(good.length / 2)), /not valid JSON/],
  [
    "not JSON",
    () => `${good.slice(0, 30)} ${CONTENT_MARKER} ${good.slice(30)}`,
    /not valid JSON \(line \d+ column \d+\)/,
  ],
  ["empty", () => "", /empty/],
  [
    "the wrong shape",
    () => good.replace(/"versions": \[/, `"versions": "${CONTENT_MARKER}", "x": [`),
    /\/models\/m\/versions should be a list/,
  ],
];

describe("a damaged registry.json on the server", () => {
  for (const [what, damage, problem] of DAMAGE) {
    it(`${what}: 503 naming registry/registry.json and the problem, no path or content`, async () => {
      writeFileSync(file, damage());
      try {
        for (const [method, path, body] of REQUESTS) {
          const res = await send(method, path, body);
          expect(res.status, `${method} ${path} → ${res.text}`).toBe(503);
          expect(res.body.message).toContain("registry/registry.json");
          expect(res.body.message).toMatch(problem);
          expect(res.text).not.toContain(workspaceRoot);
          expect(res.text).not.toContain(root);
          expect(res.text).not.toContain(CONTENT_MARKER);
        }
        expect(readFileSync(file, "utf8")).toBe(damage()); // nothing was written over it
      } finally {
        writeFileSync(file, good);
      }
      const repaired = await send("GET", "/models/m");
      expect(repaired.status).toBe(200);
      expect(repaired.body.aliases).toEqual({ champion: 1 });
    });
  }
});
