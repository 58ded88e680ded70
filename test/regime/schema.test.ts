import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8"));

describe("regime.schema.json", () => {
  const schema = load("regime.schema.json");
  // `signals` entries are strategy sections (strategy.schema.json).
  const validate = new Ajv2020({ strict: false, allErrors: true })
    .addSchema(load("strategy.schema.json"))
    .compile(schema);

  it("accepts its examples and every detector type", () => {
    for (const example of schema.examples) expect(validate(example)).toBe(true);
    for (const spec of [
      {
        type: "hmm",
        select: { criterion: "aic", candidates: [2, 3] },
        covariance: "full",
        features: ["log_return", "realized_vol"],
      },
      { type: "vol_threshold", quantiles: [0.33, 0.67], window: 21 },
      { type: "trend", ma_window: 100, slope_window: 20, threshold: 0.01 },
      { type: "turbulence", expanding: true, quantile: 0.95 },
      { type: "ml", target: { type: "hmm", states: 2 }, lags: 3 },
      {
        type: "hmm",
        switching: { "0": { strategy: "sma" }, "1": "flat", unknown: { weights: [0.5] } },
      },
    ]) {
      expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("rejects unknown types, misplaced options and bad switching keys", () => {
    expect(validate({ type: "hmmm" })).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === "enum" && e.instancePath === "/type")).toBe(
      true,
    );
    expect(validate({ type: "trend", states: 2 })).toBe(false);
    expect(validate({ type: "hmm", states: 0 })).toBe(false);
    expect(validate({ type: "hmm", switching: { calm: { weight: 1 } } })).toBe(false);
  });
});
