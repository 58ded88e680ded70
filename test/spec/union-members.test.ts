import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { featureSpecs } from "../../runtime/data/features/feature-specs.js";
import { instrumentSection } from "../../runtime/backtest/derivatives/instrument-section.js";
import { strategySection } from "../../runtime/backtest/strategies/rule-strategy.js";
import { generateSpecTypes } from "../../runtime/spec/generate-types.js";
import { defaultSchemaDir } from "../../runtime/spec/schema-set.js";

describe("discriminated unions: one schema branch and one type per `type:`", () => {
  it("a resolved log_return feature lists only its own keys (no fast/slow/window)", () => {
    const [logReturn, macd] = featureSpecs([{ type: "log_return" }, { type: "macd" }]);
    expect(logReturn).toEqual({ type: "log_return", column: "close", periods: 1 });
    expect(logReturn).not.toHaveProperty("fast");
    expect(logReturn).not.toHaveProperty("slow");
    expect(macd).toEqual({ type: "macd", column: "close", fast: 12, slow: 26, signal: 9 });
  });

  it("each feature type carries its own window default", () => {
    const windows = Object.fromEntries(
      featureSpecs(
        ["rsi", "atr", "adx", "dx", "turbulence", "sma", "ema", "wma", "bollinger", "cci"]
          .map((type) => ({ type }))
          .concat([{ type: "volatility" }, { type: "zscore" }, { type: "correlation" }]),
      ).map((f) => [f.type, "window" in f ? f.window : undefined]),
    );
    expect(windows).toEqual({
      rsi: 14,
      atr: 14,
      adx: 14,
      dx: 14,
      turbulence: 252,
      sma: 20,
      ema: 20,
      wma: 20,
      bollinger: 20,
      cci: 20,
      volatility: 20,
      zscore: 20,
      correlation: 20,
    });
    const [obv, atr] = featureSpecs([{ type: "obv" }, { type: "atr" }]);
    expect(obv).toEqual({ type: "obv" });
    expect(atr).toEqual({ type: "atr", window: 14 });
  });

  it("a key of another type is refused with the branch's own diagnostic, and a typo gets did-you-mean", () => {
    expect(() => featureSpecs([{ type: "log_return", fast: 12 }])).toThrow(/\/features\/0/);
    expect(() => featureSpecs([{ type: "rsii" }])).toThrow(/did you mean "rsi"/);
    expect(() => featureSpecs([{ type: "sma", windw: 5 }])).toThrow(/window/);
    expect(() => strategySection({ type: "sma_crosover" })).toThrow(/did you mean "sma_crossover"/);
  });

  it("strategies and instruments carry their own defaults", () => {
    expect(strategySection({ type: "sma_crossover" })).toEqual({
      type: "sma_crossover",
      fast: 10,
      slow: 20,
      short: false,
    });
    expect(strategySection({ type: "mean_reversion" })).toEqual({
      type: "mean_reversion",
      method: "zscore",
      window: 20,
      entry: 2,
      exit: 0.5,
      short: true,
    });
    expect(strategySection({ type: "buy_and_hold" })).toEqual({ type: "buy_and_hold" });
    expect(
      instrumentSection({ type: "future", initial_margin: 10, maintenance_margin: 8 }),
    ).toEqual({
      type: "future",
      initial_margin: 10,
      maintenance_margin: 8,
      multiplier: 1,
      roll: { cycle: "quarterly", day: "third_friday", days_before_expiry: 5 },
      fee_per_contract: 0,
      on_margin_call: "deposit",
    });
    const option = instrumentSection({ type: "option", volatility: { source: "realized" } });
    expect(option).toMatchObject({
      strategy: "covered_call",
      tenor_days: 30,
      contract_size: 100,
      volatility: { source: "realized", window: 20, premium: 0, periods_per_year: 252 },
    });
    expect(option).not.toHaveProperty("multiplier");
  });
});

describe("runtime/spec/types.generated.ts", () => {
  const generated = readFileSync("runtime/spec/types.generated.ts", "utf8");

  it("has no `[k: string]: unknown` index signature", () => {
    expect(generated).not.toMatch(/\[k: string\]: unknown/);
  });

  it("declares one named member type per discriminated-union value", () => {
    expect(generated).toMatch(
      /export type StrategySpec =\s*\| StrategyBuyAndHold\s*\| StrategySmaCrossover/,
    );
    expect(generated).toMatch(/export interface StrategySmaCrossover \{/);
    expect(generated).toMatch(/export interface FeaturesLogReturn \{/);
    expect(generated).toMatch(/export type InstrumentSpec = InstrumentFuture \| InstrumentOption;/);
    const logReturn =
      /export interface FeaturesLogReturn \{([\s\S]*?)\n\}/.exec(generated)?.[1] ?? "";
    expect(logReturn).toMatch(/periods: number;/);
    expect(logReturn).not.toMatch(/\b(fast|slow|window)\??:/);
  });

  it("the generator itself emits no open index signature for the package's schemas", async () => {
    const text = await generateSpecTypes(defaultSchemaDir());
    expect(text).toBe(generated);
    expect(text).not.toMatch(/\[k: string\]: unknown/);
  }, 60_000);
});
