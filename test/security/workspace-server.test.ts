// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs spell ${env:NAME} and ${secret:NAME} references literally
// The workspace boundary through the real server on loopback: a submitted spec
// (inline or by specFile) cannot read files outside the workspace, extend files
// outside the specs folder, choose output folders, read the server's
// environment or reach hosts off the allow-list (a local listener proves that
// nothing is sent); a granted secret works and an allowed spec still runs.
// Every route with an id refuses traversal in every encoding with 400/404 and
// never answers with an absolute path.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const SECRET = "TOP-SECRET-CONTENT-91c2";
const BARS_TOKEN = "bars-token-5d1e";
const secret = new TextEncoder().encode("w".repeat(40));
const root = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-wsrv-")));
const outside = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-wsrv-outside-")));
const saved = {
  jwt: process.env.DRLWB_JWT_SECRET,
  bars: process.env.DRLWB_TEST_BARS_TOKEN,
};

/** A loopback HTTP listener that records every request it gets. */
interface Listener {
  readonly port: number;
  readonly requests: { url: string; headers: IncomingHttpHeaders }[];
  readonly server: Server;
}
async function listener(answer: (url: string) => unknown): Promise<Listener> {
  const requests: Listener["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(answer(req.url ?? "")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, requests, server };
}

/** Business-day bars of 2020 as the http source's JSON. */
function bars2020() {
  const out: Record<string, number>[] = [];
  let price = 100;
  for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2021, 0, 1); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    price *= 1 + 0.01 * Math.sin(t / 5e8);
    out.push({ t, o: price, h: price * 1.01, l: price * 0.99, c: price, v: 1000 });
  }
  return { bars: out };
}

let url = "";
let close = async () => {};
let researcher: Record<string, string> = {};
let admin: Record<string, string> = {};
let forbidden: Listener;
let allowed: Listener;
let ws: ReturnType<typeof testServerConfig>["workspace"];

beforeAll(async () => {
  process.env.DRLWB_JWT_SECRET = "j".repeat(40);
  process.env.DRLWB_TEST_BARS_TOKEN = BARS_TOKEN;
  forbidden = await listener(() => ({ bars: [] }));
  allowed = await listener(() => bars2020());
  const loaded = testServerConfig(root, {
    http: { rate_limit_per_minute: 1_000_000 },
    specs: {
      allowed_http_hosts: [`127.0.0.1:${allowed.port}`],
      secrets: { BARS: "DRLWB_TEST_BARS_TOKEN" },
    },
  });
  ws = loaded.workspace;
  writeFileSync(join(outside, "secret.csv"), `timestamp,${SECRET}\n1,2\n`);
  writeFileSync(join(outside, "base.yaml"), `description: ${SECRET}\n`);
  writeFileSync(
    join(ws.specs, "sma.yaml"),
    "kind: strategy\ntype: sma_crossover\nfast: 10\nslow: 20\n",
  );
  symlinkSync(join(outside, "base.yaml"), join(ws.specs, "escape.yaml"));
  symlinkSync(join(outside, "secret.csv"), join(ws.data, "escape.csv"));
  // A run folder outside the workspace that a traversal would reach.
  mkdirSync(join(outside, "secretrun"), { recursive: true });
  writeFileSync(
    join(outside, "secretrun", "run.json"),
    JSON.stringify({ id: "secretrun", name: SECRET, status: "complete", stages: [] }),
  );
  writeFileSync(join(outside, "secretrun", "report.html"), `<p>${SECRET}</p>`);
  const registry = new ModelRegistry(ws.registry);
  const { app } = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("no models in this test");
    },
  });
  ({ url, close } = await listen(app));
  researcher = {
    authorization: `Bearer ${await createToken(secret, { subject: "r", role: "researcher" })}`,
  };
  admin = { authorization: `Bearer ${await createToken(secret, { subject: "a", role: "admin" })}` };
}, 120_000);

afterAll(async () => {
  await close();
  forbidden.server.close();
  allowed.server.close();
  for (const [key, value] of [
    ["DRLWB_JWT_SECRET", saved.jwt],
    ["DRLWB_TEST_BARS_TOKEN", saved.bars],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
}

/** Submits a backtest and waits for its job to finish; returns the job and its raw JSON. */
async function backtest(body: Record<string, unknown>) {
  const submitted = await call("POST", "/backtests", researcher, body);
  expect(submitted.status, submitted.text).toBe(202);
  const { jobId } = JSON.parse(submitted.text) as { jobId: string };
  for (let i = 0; i < 1200; i++) {
    const res = await call("GET", `/jobs/${jobId}`, admin);
    const job = JSON.parse(res.text) as {
      status: string;
      error?: string;
      result?: { runId: string };
    };
    if (!["queued", "running"].includes(job.status)) return { job, text: res.text };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

const SEGMENTS = {
  train: { start: "2004-08-19", end: "2008-12-31" },
  test: { start: "2009-01-02", end: "2013-03-01" },
};
const experiment = (extra: Record<string, unknown>) => ({
  name: "probe",
  seed: 1,
  data: { source: "bundled", name: "goog" },
  segments: SEGMENTS,
  strategy: { type: "sma_crossover", fast: 10, slow: 20 },
  report: { html: false },
  ...extra,
});

/** A job refused at validation: failed, its error names `key`, and it shows nothing it must not. */
async function expectRefusedJob(spec: Record<string, unknown>, key: string) {
  const { job, text } = await backtest({ spec });
  expect(job.status, text).toBe("failed");
  expect(job.error, text).toContain("nothing was run");
  expect(job.error, text).toContain(key);
  // The inline spec is named `spec` (the request's field), never its server temp file.
  expect(job.error, text).toMatch(/^spec {2}\/\S+ {2}/m);
  expect(text).not.toContain(".submitted-");
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(root);
  return job.error ?? "";
}

describe("submitted specs stay inside the workspace", () => {
  // Every variant is refused by the loader (test/security/spec-policy.test.ts);
  // here each kind of refusal goes through a real job once.
  it("cannot read outside files nor choose the registry (data.path climbing out, register.registry)", async () => {
    const error = await expectRefusedJob(
      experiment({
        data: { source: "file", path: `../../${basename(outside)}/secret.csv` },
        register: { model: "m", registry: join(outside, "registry") },
      }),
      "data.path",
    );
    expect(error).toContain("register.registry");
    expect(error).toContain("the server chooses this location");
    expect(existsSync(join(outside, "registry"))).toBe(false);
  });

  it("cannot follow a symlink out of data/, write checkpoints outside or train too long", async () => {
    const error = await expectRefusedJob(
      experiment({
        data: { source: "file", path: "../data/escape.csv" },
        strategy: undefined,
        agent: {
          type: "ppo",
          env: { type: "single_asset", symbol: "GOOG" },
          total_timesteps: 1e9,
          training: { checkpoint_dir: join(outside, "ckpt") },
        },
      }),
      "data.path",
    );
    expect(error).toContain("agent.training.checkpoint_dir");
    expect(error).toContain(
      "agent.total_timesteps: 1000000000 timesteps exceed the limit of 200000",
    );
    expect(existsSync(join(outside, "ckpt"))).toBe(false);
  });

  it("cannot extend a file outside the specs folder, nor a folder", async () => {
    await expectRefusedJob(experiment({ extends: join(outside, "base.yaml") }), "extends");
    mkdirSync(join(ws.specs, "group"), { recursive: true });
    const error = await expectRefusedJob(experiment({ extends: "group" }), "extends");
    expect(error).toContain("a folder, not a regular file");
  });

  it("accepts specFile only as a relative name inside the specs folder", async () => {
    writeFileSync(join(outside, "outside.yaml"), `name: x\n`);
    for (const specFile of [
      "../registry/server-secret.yaml",
      `../../${basename(outside)}/outside.yaml`,
      join(outside, "outside.yaml"),
      "escape.yaml",
      ".submitted-x.yaml",
    ]) {
      const res = await call("POST", "/backtests", researcher, { specFile });
      expect(res.status, `${specFile}: ${res.text}`).toBe(400);
      expect(res.text).not.toContain(root);
      expect(res.text).not.toContain(SECRET);
    }
    const missing = await call("POST", "/backtests", researcher, { specFile: "none.yaml" });
    expect(missing.status).toBe(404);
  });
});

describe("secrets and hosts", () => {
  const httpData = (port: number, authorization: string) => ({
    source: "http",
    symbols: ["BTC"],
    start: "2020-01-01",
    end: "2020-12-31",
    url: `http://127.0.0.1:${port}/bars/{symbol}`,
    rows: "bars",
    fields: { timestamp: "t", open: "o", high: "h", low: "l", close: "c", volume: "v" },
    cache: { backend: "none" },
    headers: { authorization },
  });
  const segments2020 = {
    train: { start: "2020-01-01", end: "2020-06-30" },
    test: { start: "2020-07-01", end: "2020-12-31" },
  };

  it("refuses ${env:DRLWB_JWT_SECRET} at validation, even towards an allowed host", async () => {
    const error = await expectRefusedJob(
      experiment({
        data: httpData(allowed.port, "Bearer ${env:DRLWB_JWT_SECRET}"),
        segments: segments2020,
      }),
      "/data/headers/authorization  `${env:…}` references are not allowed",
    );
    expect(error).not.toContain(process.env.DRLWB_JWT_SECRET);
    expect(allowed.requests).toEqual([]);
  });

  it("refuses a loopback host that is not on the allow-list, and sends it nothing", async () => {
    await expectRefusedJob(
      experiment({
        data: httpData(forbidden.port, "Bearer ${secret:BARS}"),
        segments: segments2020,
      }),
      "is not on the allow-list",
    );
    expect(forbidden.requests).toEqual([]);
  });

  it("runs a spec with a granted ${secret:…} against an allowed host", async () => {
    const { job, text } = await backtest({
      spec: experiment({
        data: httpData(allowed.port, "Bearer ${secret:BARS}"),
        segments: segments2020,
      }),
    });
    expect(allowed.requests.length, text).toBeGreaterThan(0);
    expect(allowed.requests[0]!.headers.authorization).toBe(`Bearer ${BARS_TOKEN}`);
    expect(job.status, text).toBe("succeeded");
    expect(text).not.toContain(BARS_TOKEN);
  });
});

describe("an allowed spec still runs", () => {
  it("inline, extending a spec of the specs folder, into the workspace's runs folder and registry", async () => {
    const { job, text } = await backtest({
      spec: {
        ...experiment({ extends: "sma.yaml", register: { model: "probe-sma" } }),
        strategy: { fast: 5, slow: 30 },
      },
    });
    expect(job.status, text).toBe("succeeded");
    const runId = job.result!.runId;
    expect(readdirSync(ws.runs)).toContain(runId);
    const run = await call("GET", `/runs/${runId}`, admin);
    expect(run.status).toBe(200);
    expect(run.text).toContain(runId);
    expect(run.text).not.toContain(root);
    const prefix = await call("GET", `/runs/${runId.slice(0, runId.length - 3)}`, admin);
    expect(prefix.status, prefix.text).toBe(200);
    // Registered into the workspace's registry (the spec names none, and may not).
    expect((await call("GET", "/models/probe-sma", admin)).status).toBe(200);
    expect(new ModelRegistry(ws.registry).getModel("probe-sma").versions).toHaveLength(1);
  });
});

describe("ids in URLs are ids, never paths", () => {
  const target = join(outside, "secretrun");
  const fromRuns = `../../${basename(outside)}/secretrun`;
  const segments = [
    encodeURIComponent(target),
    encodeURIComponent(fromRuns),
    encodeURIComponent(encodeURIComponent(target)),
    encodeURIComponent(encodeURIComponent(fromRuns)),
    `..%2F..%2F${basename(outside)}%2Fsecretrun`,
    "..%252F..%252Fsecretrun",
    "..",
    "%2e%2e",
  ];
  const routes: [string, (s: string) => string, unknown?][] = [
    ["GET", (s) => `/runs/${s}`],
    ["GET", (s) => `/runs/${s}/report`],
    ["GET", (s) => `/models/${s}`],
    ["GET", (s) => `/models/${s}/versions/1`],
    ["GET", (s) => `/models/m/versions/${s}`],
    ["DELETE", (s) => `/models/${s}/versions/${s}`],
    ["POST", (s) => `/models/${s}/aliases`, { alias: "champion", version: 1 }],
    ["POST", (s) => `/models/${s}/predict`, { observation: [0, 0, 0, 0] }],
    ["GET", (s) => `/jobs/${s}`],
  ];

  it.each(routes)("%s %s: traversal → 400/404 without a path", async (method, path, body) => {
    for (const segment of segments) {
      const res = await call(method, path(segment), admin, body);
      const where = `${method} ${path(segment)} → ${res.status} ${res.text}`;
      expect([400, 404], where).toContain(res.status);
      expect(res.text, where).not.toContain(SECRET);
      expect(res.text, where).not.toContain(outside);
      expect(res.text, where).not.toContain(root);
      expect(res.text, where).not.toContain(tmpdir());
    }
  });

  it("an absolute path in the URL itself matches no route and is not echoed", async () => {
    const res = await call("GET", `/runs/${target}`, admin);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(outside);
  });

  it("an unknown run id is a 404 that names no folder", async () => {
    const res = await call("GET", "/runs/20990101-000000-nothing", admin);
    expect(res.status).toBe(404);
    expect(res.text).toContain("no run");
    expect(res.text).not.toContain(root);
  });
});
