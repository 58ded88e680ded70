import { describe, expect, it } from "vitest";
import { defaultLoader } from "../../runtime/spec/default-loader.js";
import { walkSchema } from "../../runtime/spec/schema-walk.js";

/** Every object and array reachable from `value`. */
function containers(value: unknown, out = new Set<object>()): Set<object> {
  if (value === null || typeof value !== "object" || out.has(value)) return out;
  out.add(value);
  for (const child of Object.values(value)) containers(child, out);
  return out;
}

const spec = {
  name: "walk",
  seed: 1,
  data: { source: "bundled", name: "spy", quality: { outliers: { action: "warn" } } },
  segments: {
    train: { start: "2008-01-02", end: "2012-12-31" },
    test: { start: "2013-01-02", end: "2017-12-29" },
  },
  features: [{ type: "rsi" }, { type: "macd", fast: 8 }, { type: "log_return" }],
  agent: { type: "ppo", env: { type: "single_asset" }, hyperparameters: { n_steps: 64 } },
  risk: {
    rules: [
      { type: "vol_target", target: 0.1 },
      { type: "kill_switch", max_drawdown: 0.3 },
    ],
  },
  report: { title: "walk", kpis: [{ name: "k", metric: "sharpeRatio", threshold: 0 }] },
};

describe("walkSchema", () => {
  it("fills defaults into a new value: the input is unchanged and shares nothing with it", () => {
    const input = structuredClone(spec);
    const { data } = walkSchema(defaultLoader().schemas, "experiment.schema.json", input);
    expect(input).toEqual(spec);
    const before = containers(input);
    for (const c of containers(data)) expect(before.has(c)).toBe(false);
    const out = data as typeof spec & {
      features: Record<string, unknown>[];
      agent: { hyperparameters: Record<string, unknown> };
    };
    // Each union member has its own branch's defaults and keeps the user's values.
    expect(out.features[1]).toMatchObject({ type: "macd", fast: 8, slow: 26 });
    expect(out.features[2]).not.toHaveProperty("fast");
    expect(out.agent.hyperparameters).toMatchObject({ n_steps: 64, learning_rate: 0.0003 });
    // Walking the filled value again changes nothing.
    const again = walkSchema(defaultLoader().schemas, "experiment.schema.json", data);
    expect(again.data).toEqual(data);
    expect(again.defaulted.size).toBe(0);
  });
});
