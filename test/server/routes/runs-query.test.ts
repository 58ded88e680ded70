/**
 * GET /runs with query parameters reads the server's tracking store
 * (server/store.ts, `config.store` relative to the workspace root): sorted,
 * filtered, paged rows; a bad query is a 400 with the caret message and no
 * server path; without parameters GET /runs still lists the run folders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../../runtime/registry/index.js";
import { serverStore } from "../../../server/store.js";
import { createApp } from "../../../server/app.js";
import { createToken } from "../../../server/auth/jwt.js";
import { listen } from "../../support/http-server.js";
import { testServerConfig } from "../../support/server-config.js";
import { seedRuns } from "../../support/store-runs.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-runs-query-route-"));
const secret = new TextEncoder().encode("q".repeat(40));
let url = "";
let close = async () => {};
let closeStore = async () => {};
let viewer: Record<string, string> = {};
const m = (entries: Record<string, number>) => new Map(Object.entries(entries));

beforeAll(async () => {
  const loaded = testServerConfig(root, {
    store: { url: "sqlite:state/drlwb.db", query: { max_limit: 100 } },
  });
  const { app, store } = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret,
    ...loaded,
    // The configured store decides (the suite's DRLWB_STORE is for servers that name none).
    store: serverStore(loaded.config, loaded.workspace, {}),
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  await seedRuns(await store.get(), [
    {
      id: "run-a",
      experiment: "swx-a",
      status: "complete",
      seed: 1,
      startedAt: "2026-01-01T00:00:00.000Z",
      metrics: m({ sharpe: 1.5, maxDrawdown: -0.1 }),
    },
    {
      id: "run-b",
      experiment: "base",
      status: "complete",
      seed: 2,
      startedAt: "2026-01-02T00:00:00.000Z",
      metrics: m({ sharpe: 0.7, maxDrawdown: -0.3 }),
    },
    {
      id: "run-c",
      experiment: "swx-b",
      status: "failed",
      seed: 3,
      startedAt: "2026-01-03T00:00:00.000Z",
      metrics: m({ maxDrawdown: -0.5 }),
      tags: new Map([["owner", "ana"]]),
    },
  ]);
  closeStore = () => store.close();
  // A run folder, as GET /runs without parameters lists them.
  mkdirSync(join(loaded.workspace.runs, "zz-folder"), { recursive: true });
  writeFileSync(join(loaded.workspace.runs, "zz-folder", "run.json"), "{");
  ({ url, close } = await listen(app));
  viewer = {
    authorization: `Bearer ${await createToken(secret, { subject: "v", role: "viewer" })}`,
  };
}, 60_000);
afterAll(async () => {
  await close();
  await closeStore();
  rmSync(root, { recursive: true, force: true });
});

async function get(path: string, headers = viewer) {
  const res = await fetch(`${url}${path}`, { headers });
  const text = await res.text();
  expect(text, path).not.toContain(root);
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe("GET /runs?…", () => {
  it("needs credentials", async () => {
    expect((await get("/runs?sort=-sharpe", {})).status).toBe(401);
  });

  it("answers the store's rows sorted by a metric (nulls last), with the asked columns", async () => {
    const res = await get("/runs?sort=-sharpe&columns=sharpe,maxDrawdown");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ limit: 50, offset: 0 });
    const runs = res.body.runs as {
      id: string;
      runDir: string;
      metrics: Record<string, number | null>;
    }[];
    expect(runs.map((r) => [r.id, r.metrics.sharpe, r.metrics.maxDrawdown])).toEqual([
      ["run-a", 1.5, -0.1],
      ["run-b", 0.7, -0.3],
      ["run-c", null, -0.5],
    ]);
    expect(runs[0]?.runDir).toBe("run-a");
  });

  it("filters, repeats columns and pages", async () => {
    const filter = encodeURIComponent("maxDrawdown > -0.4 and name ~ SWX or tag.owner = ana");
    const res = await get(
      `/runs?filter=${filter}&columns=sharpe&columns=maxDrawdown&limit=1&offset=1`,
    );
    expect(res.status).toBe(200);
    const runs = res.body.runs as { id: string; metrics: object }[];
    expect(runs.map((r) => r.id)).toEqual(["run-a"]);
    expect(Object.keys(runs[0]?.metrics ?? {})).toEqual(["sharpe", "maxDrawdown"]);
  });

  it("answers 400 with the caret message and where the problem is", async () => {
    const res = await get(`/runs?filter=${encodeURIComponent("sharpe > 1 and maxDrawdwn < 0")}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("bad_query");
    expect(res.body.message).toContain("bad filter at column 16");
    expect(res.body.message).toContain("\n                 ^");
    expect(res.body.message).toContain("did you mean maxDrawdown?");
    expect(res.body.details).toEqual({ part: "filter", column: 16 });
    expect((await get("/runs?limit=101")).body.message).toContain("from 1 to 100");
    expect((await get("/runs?limit=abc")).status).toBe(400);
    expect((await get("/runs?offset=-1")).status).toBe(400);
    expect((await get("/runs?sort=a&sort=b")).body.message).toContain("more than once");
    expect((await get("/runs?columns=param.x")).body.details).toEqual({ part: "columns" });
  });

  it("without query parameters still lists the run folders", async () => {
    const res = await get("/runs");
    expect(res.status).toBe(200);
    expect(res.body.runs).toEqual([
      expect.objectContaining({ id: "zz-folder", status: "corrupt" }),
    ]);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        { get?: { parameters?: { name: string }[]; responses: Record<string, unknown> } }
      >;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths["/runs"]?.get;
    expect(op?.parameters?.map((p) => p.name)).toEqual([
      "columns",
      "sort",
      "filter",
      "limit",
      "offset",
    ]);
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "503"]));
    expect(doc.components.schemas.RunQueryResult).toBeDefined();
    expect(doc.components.schemas.RunRow).toBeDefined();
  });
});

describe("the server's store", () => {
  it("answers 503 without a path when the store cannot be opened, and keeps serving other routes", async () => {
    const other = mkdtempSync(join(tmpdir(), "drlwb-runs-query-down-"));
    try {
      writeFileSync(join(other, "bad.db"), "not a database at all, just text".repeat(10));
      const loaded = testServerConfig(other, { store: { url: "sqlite:bad.db" } });
      const { app, store } = createApp({
        registry: new ModelRegistry(loaded.workspace.registry),
        secret,
        ...loaded,
        store: serverStore(loaded.config, loaded.workspace, {}),
        loadPredictor: async () => {
          throw new Error("no models");
        },
      });
      const server = await listen(app);
      try {
        const res = await fetch(`${server.url}/runs?sort=-sharpe`, { headers: viewer });
        const text = await res.text();
        expect(res.status).toBe(503);
        expect(text).not.toContain(other);
        expect((await fetch(`${server.url}/runs`, { headers: viewer })).status).toBe(200);
      } finally {
        await server.close();
        await store.close();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
