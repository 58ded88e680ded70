import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { barsOf, runAndServe, type ServedRun } from "../support/serving-replay.js";

/**
 * Predict-from-bars holes: non-finite numbers (JSON's 1e999 parses to
 * Infinity) are refused by field, and the number of bars and of values one
 * request may send is bounded by configurable limits (serving.max_bars,
 * serving.max_bar_values), checked before any feature is computed.
 */
let run: ServedRun;

const spec = (registry: string) => `name: bars-limits
seed: 1
data: { source: bundled, name: spy, start: 2016-01-04, end: 2016-12-30 }
segments:
  train: { start: 2016-01-04, end: 2016-06-30 }
  test: { start: 2016-07-01, end: 2016-12-30 }
strategy: { type: sma_crossover, fast: 5, slow: 20 }
backtest: { cash: 10000 }
report: { html: false }
register: { model: bars-limits, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-bars-limits-", "bars-limits", spec, {
    serving: { max_bars: 200, max_bar_values: 900 },
  });
}, 300_000);
afterAll(async () => {
  await run?.close();
});

async function post(text: string) {
  const res = await fetch(`${run.url}/models/bars-limits/predict`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });
  return res.status;
}

describe("predict from bars: hostile numbers and sizes", () => {
  it("refuses a non-finite close (1e999 → Infinity) naming its place", async () => {
    const bars = barsOf(run.data.panel, 0, 150);
    const text = JSON.stringify({ bars }).replace(
      /"close":\[([^,\]]+),([^,\]]+)/,
      '"close":[$1,1e999',
    );
    const res = await run.predictRaw(text);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^\/bars\/symbols\/0\/close\/1 must be a finite number/);
  });

  it("refuses a non-finite time", async () => {
    const bars = barsOf(run.data.panel, 0, 150);
    const text = JSON.stringify({ bars }).replace(/"time":\[([^,\]]+)/, '"time":[-1e999');
    const res = await run.predictRaw(text);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^\/bars\/time\/0 must be a finite number/);
  });

  it("refuses more bars than serving.max_bars", async () => {
    const res = await run.predict({ bars: barsOf(run.data.panel, 0, 200) });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "/bars/time has 201 bars; at most 200 are accepted (serving.max_bars)",
    );
  });

  it("refuses more numbers than serving.max_bar_values", async () => {
    const res = await run.predict({ bars: barsOf(run.data.panel, 0, 160) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^\/bars holds \d+ numbers; at most 900 are accepted/);
    expect(await post("{}")).toBe(401);
  });
});
