// Property test: random request bodies and random path segments against every
// route never produce a 5xx, and never make the server touch a path outside its
// workspace (and the project's own read-only files). Every file-system call the
// server's code makes is recorded by wrapping node:fs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve, sep } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { projectRoot } from "../../runtime/core/project-paths.js";
import { type ModelServer, startModelServer } from "../support/model-server.js";

const touched = vi.hoisted(() => ({ paths: [] as string[], on: false }));

/** Wraps every function of an fs module whose first argument may be a path. */
function recording<T extends object>(mod: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(mod)) {
    out[name] =
      typeof value === "function" && /^[a-z]/.test(name) && name !== "promises"
        ? function (this: unknown, ...args: unknown[]) {
            const first = args[0];
            if (touched.on && (typeof first === "string" || first instanceof URL))
              touched.paths.push(String(first));
            if (touched.on && name === "renameSync" && typeof args[1] === "string")
              touched.paths.push(args[1]);
            return (value as (...a: unknown[]) => unknown).apply(this, args);
          }
        : value;
  }
  return out as T;
}

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const wrapped = recording(actual);
  return { ...wrapped, default: wrapped, promises: recording(actual.promises) };
});
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const wrapped = recording(actual);
  return { ...wrapped, default: wrapped };
});

const outside = mkdtempSync(join(tmpdir(), "drlwb-outside-"));
let server: ModelServer;
let url = "";
let admin: Record<string, string> = {};
let workspaceRoot = "";

beforeAll(async () => {
  server = await startModelServer({
    prefix: "drlwb-props-",
    overrides: { http: { rate_limit_per_minute: 10_000_000 } },
    models: [{ name: "cart", aliases: ["champion"] }],
  });
  ({ url, admin } = server);
  workspaceRoot = server.workspace.root;
  // A run folder outside the workspace that a traversal would reach.
  mkdirSync(join(outside, "secretrun"), { recursive: true });
  writeFileSync(join(outside, "secretrun", "run.json"), JSON.stringify({ id: "secretrun" }));
}, 120_000);

afterAll(async () => {
  await server.close();
  rmSync(outside, { recursive: true, force: true });
});

const ROUTES: readonly { method: string; path: (seg: string) => string; body: boolean }[] = [
  { method: "GET", path: (s) => `/models/${s}`, body: false },
  { method: "GET", path: (s) => `/models/${s}/versions/${s}`, body: false },
  { method: "GET", path: (s) => `/models/cart/versions/${s}`, body: false },
  { method: "POST", path: (s) => `/models/${s}/aliases`, body: true },
  { method: "POST", path: (s) => `/models/${s}/predict`, body: true },
  { method: "POST", path: () => "/models/cart/predict", body: true },
  { method: "DELETE", path: (s) => `/models/${s}/versions/${s}`, body: false },
  { method: "GET", path: (s) => `/runs/${s}`, body: false },
  { method: "GET", path: (s) => `/runs/${s}/report`, body: false },
  { method: "GET", path: (s) => `/jobs/${s}`, body: false },
  { method: "DELETE", path: (s) => `/jobs/${s}`, body: false },
  { method: "POST", path: () => "/backtests", body: true },
  { method: "GET", path: (s) => `/${s}`, body: false },
];

/** Hostile path segments: traversal in every encoding, absolute paths, prototype names, noise. */
const segment = fc.oneof(
  fc.constantFrom(
    "..",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2Fetc%2Fpasswd",
    "%252F..%252Fetc",
    encodeURIComponent(join(outside, "secretrun")),
    encodeURIComponent(`../${outside.split(sep).at(-1)}/secretrun`),
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "%00",
    "%C0%AE%C0%AE",
    "cart",
    "1",
    "0",
    "-1",
    "1e309",
    "champion",
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);

const number = fc.oneof(
  fc.double(),
  fc.constantFrom(1e308, -1e308, 0, -0, 1, 4),
  fc.integer({ min: -5, max: 10 }),
);
const observation = fc.array(number, { maxLength: 6 });
/** Bodies near the real schemas (to reach handlers) and arbitrary JSON (to reach the validators). */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      observation,
      observations: fc.array(observation, { maxLength: 3 }),
      version: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()),
      alias: fc.oneof(fc.constantFrom("champion", "__proto__", "constructor"), fc.string()),
      portfolio: fc.record(
        { equity: number, peakEquity: number, weights: fc.array(number, { maxLength: 3 }) },
        { requiredKeys: [] },
      ),
      riskState: fc.jsonValue({ maxDepth: 3 }),
      specFile: fc.oneof(
        fc.constantFrom("../../etc/passwd", join(outside, "x.yaml"), "quickstart.yaml", "%2e%2e/x"),
        fc.string(),
      ),
      spec: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  ),
);
/** Raw JSON text with non-finite and huge literals that JSON.stringify cannot produce. */
const rawBody = fc.constantFrom(
  '{"observation":[1e309,0,0,0]}',
  '{"observation":[-1e309,0,0,0],"portfolio":{"equity":1e309}}',
  `{"observation":[0,0,0,0],"riskState":${"[".repeat(5000)}${"]".repeat(5000)}}`,
  '{"alias":"__proto__","version":1}',
  '{"__proto__":{"admin":true},"observation":[0,0,0,0]}',
  "{not json",
);

/** Inside the workspace, the project's own files, or a temp file of the test's own fixtures. */
function allowed(path: string): boolean {
  if (path.startsWith("file:")) return true;
  const abs = isAbsolute(path) ? path : resolve(path);
  return [workspaceRoot, projectRoot()].some((dir) => abs === dir || abs.startsWith(dir + sep));
}

async function send(method: string, path: string, payload: string | undefined) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...admin },
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await res.text();
  return { status: res.status, text };
}

describe("every route under random input", () => {
  it("never answers 5xx, never leaks a server path, never touches a path outside the workspace", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        segment,
        fc.oneof(
          body.map((b) => JSON.stringify(b)),
          rawBody,
        ),
        async (route, seg, payload) => {
          touched.paths.length = 0;
          touched.on = true;
          const res = await send(route.method, route.path(seg), route.body ? payload : undefined);
          touched.on = false;
          expect(res.status, `${route.method} ${route.path(seg)} → ${res.text}`).toBeLessThan(500);
          expect(res.text).not.toContain(outside);
          expect(res.text).not.toContain(workspaceRoot);
          const escaped = touched.paths.filter((p) => !allowed(p));
          expect(escaped, `${route.method} ${route.path(seg)}`).toEqual([]);
        },
      ),
      { numRuns: 1500, seed: 20261203 },
    );
  }, 300_000);
});
