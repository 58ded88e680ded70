/**
 * Prometheus metrics (server/metrics.ts and their wiring in server/app.ts): one registry per
 * server instance, request latency labelled by the matched route pattern (never the raw URL,
 * so label values stay bounded), and /ready reporting the registry's state.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { createServerMetrics } from "../../server/metrics.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-metrics-"));
const secret = new TextEncoder().encode("m".repeat(40));
let url = "";
let close = async () => {};
let registryRoot = "";
let viewer: Record<string, string> = {};

beforeAll(async () => {
  const loaded = testServerConfig(root);
  registryRoot = loaded.workspace.registry;
  const { app } = createApp({
    registry: new ModelRegistry(registryRoot),
    secret,
    ...loaded,
    version: "3.1.4",
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  ({ url, close } = await listen(app));
  viewer = {
    authorization: `Bearer ${await createToken(secret, { subject: "v", role: "viewer" })}`,
  };
});
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

/** The `drlwb_http_request_duration_seconds_count` samples as label strings → count. */
async function requestCounts(): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^drlwb_http_request_duration_seconds_count\{(.*)\} (\d+)$/.exec(line);
    if (match) counts.set(match[1]!, Number(match[2]));
  }
  return counts;
}

describe("server metrics", () => {
  it("keeps each instance's metrics in its own registry", async () => {
    const a = createServerMetrics();
    const b = createServerMetrics();
    a.predictions.inc({ model: "m", version: "1" }, 5);
    const sample = async (m: typeof a) =>
      (await m.predictions.get()).values.find((v) => v.labels.model === "m")?.value;
    expect(await sample(a)).toBe(5);
    expect(await sample(b)).toBeUndefined();
    expect(a.registry.getSingleMetric("drlwb_model_load_seconds")).toBeDefined();
    expect(a.registry.getSingleMetric("process_cpu_user_seconds_total")).toBeDefined();
  });

  it("labels request latency by route pattern, status and method; unknown paths are 'unmatched'", async () => {
    await fetch(`${url}/health`);
    await fetch(`${url}/models/some-model`, { headers: viewer });
    await fetch(`${url}/models/another-model`, { headers: viewer });
    await fetch(`${url}/models/another-model`);
    await fetch(`${url}/no/such/path/secret-looking-value`);
    const counts = await requestCounts();
    expect(counts.get('method="GET",route="/health",status="200"')).toBe(1);
    expect(counts.get('method="GET",route="/models/:name",status="404"')).toBe(2);
    expect(counts.get('method="GET",route="/models/:name",status="401"')).toBe(1);
    expect(counts.get('method="GET",route="unmatched",status="404"')).toBe(1);
    const labels = [...counts.keys()].join("\n");
    expect(labels).not.toContain("some-model");
    expect(labels).not.toContain("secret-looking-value");
  });

  it("serves the Prometheus text format, with process metrics", async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain("# TYPE drlwb_http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE drlwb_predictions_total counter");
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

describe("health and readiness", () => {
  it("/health answers the server's version; /ready counts the registry's models", async () => {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: "ok", version: "3.1.4" });
    // Issue 17: /ready also reports the tracking store and the prediction log.
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({
      status: "ready",
      models: 0,
      store: "ok",
      predictionLog: {
        enabled: true,
        logged: 0,
        dropped: 0,
        buffered: 0,
        failedFlushes: 0,
        lastError: null,
        lastErrorAt: null,
      },
    });
  });

  it("/ready answers 503 with a public message (no path) while the registry cannot be read", async () => {
    const file = join(registryRoot, "registry.json");
    writeFileSync(file, "{ not json");
    try {
      const res = await fetch(`${url}/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; message: string };
      expect(body.status).toBe("not_ready");
      expect(body.message.length).toBeGreaterThan(0);
      expect(body.message).not.toContain(root);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      rmSync(file, { force: true });
    }
    expect((await fetch(`${url}/ready`)).status).toBe(200);
  });
});
