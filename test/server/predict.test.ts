import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { trainedArtifact } from "../support/trained-model.js";

const secret = new TextEncoder().encode("p".repeat(40));
const root = mkdtempSync(join(tmpdir(), "drlwb-srv-"));
let url = "";
let close = async () => {};
let auth: Record<string, string> = {};
let registry: ModelRegistry;

beforeAll(async () => {
  registry = new ModelRegistry(root);
  registry.registerModel({
    name: "cart",
    sourceDir: await trainedArtifact(),
    aliases: ["champion"],
  });
  registry.registerModel({
    name: "cart",
    sourceDir: await trainedArtifact({ steps: 256, maxAbsWeight: 0.5 }),
  });
  const { app } = createApp({
    registry,
    secret,
    ...testServerConfig(root, { http: { rate_limit_per_minute: 1_000_000 } }),
    loadPredictor: createAgentPredictorLoader(),
  });
  ({ url, close } = await listen(app));
  auth = { authorization: `Bearer ${await createToken(secret, { subject: "t", role: "viewer" })}` };
}, 120_000);
afterAll(() => close());

async function predict(body: unknown, name = "cart") {
  const res = await fetch(`${url}/models/${name}/predict`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("POST /models/:name/predict", () => {
  it("answers one observation with an action and target weights from the champion", async () => {
    const res = await predict({ observation: [0.01, 0.02, -0.03, 0.04] });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect([0, 1]).toContain(res.body.action);
    expect(res.body.weights).toEqual([res.body.action]);
  });

  it("answers a batch, deterministically, by version, with the version's risk overlay applied", async () => {
    const observations = Array.from({ length: 16 }, (_, i) => [
      Math.sin(i),
      Math.cos(i),
      i / 100,
      -i / 50,
    ]);
    const a = await predict({ observations, version: 2 });
    const b = await predict({ observations, version: 2 });
    const withoutTimes = (body: Record<string, unknown>) => ({
      ...body,
      riskEvents: (body.riskEvents as { time: number }[]).map(({ time: _t, ...e }) => e),
    });
    expect(withoutTimes(a.body)).toEqual(withoutTimes(b.body));
    const actions = a.body.actions as number[];
    const weights = a.body.weights as number[][];
    expect(actions).toHaveLength(16);
    // position_limits max_position 0.5 caps every long target of 1 at 0.5, with an event each time.
    expect(weights).toEqual(actions.map((x) => [x === 1 ? 0.5 : 0]));
    const capped = actions.filter((x) => x === 1).length;
    expect((a.body.riskEvents as unknown[]).length).toBe(capped);
  });

  it("checks the observation length against the model", async () => {
    const res = await predict({
      observations: [
        [1, 2, 3, 4],
        [1, 2],
      ],
    });
    expect(res.status).toBe(400);
    // Since issue 15 the message also says where the observation's layout is documented.
    expect(res.body.message).toMatch(
      /^\/observations\/1 must have 4 numbers \(has 2\); GET \/models\/[a-z-]+\/versions\/\d+ shows the observation's layout/,
    );
  });

  it("reports unknown models and versions with 404", async () => {
    expect((await predict({ observation: [0, 0, 0, 0] }, "nope")).status).toBe(404);
    expect((await predict({ observation: [0, 0, 0, 0], version: 9 })).status).toBe(404);
  });

  it("swaps to the new version when the alias moves, without failing requests", async () => {
    const before = await predict({ observation: [0, 0, 0, 0], alias: "champion" });
    expect(before.body.version).toBe(1);
    registry.setAlias("cart", "champion", 2);
    const during = await Promise.all(
      Array.from({ length: 20 }, () => predict({ observation: [0, 0, 0, 0], alias: "champion" })),
    );
    expect(during.every((r) => r.status === 200)).toBe(true);
    // Give the background load a moment, then every answer comes from version 2.
    await new Promise((r) => setTimeout(r, 200));
    expect((await predict({ observation: [0, 0, 0, 0], alias: "champion" })).body.version).toBe(2);
    registry.setAlias("cart", "champion", 1);
  });

  it("exposes Prometheus metrics: latency per route, predictions per model, model load times", async () => {
    await predict({ observation: [0, 0, 0, 0], version: 1 });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /drlwb_http_request_duration_seconds_bucket\{[^}]*route="\/models\/:name\/predict"/,
    );
    expect(text).toMatch(/drlwb_predictions_total\{model="cart",version="1"\} [1-9]/);
    expect(text).toMatch(/drlwb_model_load_seconds_count\{model="cart"\} [1-9]/);
  });

  it("never answers 5xx to 10,000 fuzzed bodies and stays up", async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const observation = fc.array(fc.oneof(fc.double(), fc.integer(), fc.string()), {
      maxLength: 6,
    });
    const body = fc.oneof(
      json,
      fc.record(
        {
          observation,
          observations: fc.array(observation, { maxLength: 3 }),
          version: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.string()),
          alias: fc.oneof(fc.constantFrom("champion", "latest", "x"), fc.string()),
          portfolio: fc.oneof(
            json,
            fc.record({
              equity: fc.double(),
              peakEquity: fc.double(),
              weights: fc.array(fc.double()),
            }),
          ),
          deterministic: fc.oneof(fc.boolean(), json),
          riskState: json,
        },
        { requiredKeys: [] },
      ),
      fc.string().map((s) => ({ raw: s })),
    );
    const samples = fc.sample(body, { numRuns: 10_000, seed: 2026 });
    const statuses = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 50) {
      const batch = await Promise.all(
        samples.slice(i, i + 50).map((b) => {
          const raw =
            b && typeof b === "object" && "raw" in (b as object) ? (b as { raw: string }).raw : b;
          return predict(raw as unknown);
        }),
      );
      for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    const fiveHundreds = [...statuses.entries()].filter(([s]) => s >= 500);
    expect(fiveHundreds).toEqual([]);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  }, 180_000);
});
