import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isUserError, UserError } from "../../runtime/core/errors.js";
import { createRegimeStage as createResolved } from "../../runtime/regime/stage.js";
import { withDefaults } from "../support/spec-values.js";
import { applyRegimeSwitching } from "../../runtime/regime/switching.js";
import { readOhlcvCsv } from "../support/csv-panel.js";
import { perturbFuture, segmentsByDate, testContext } from "./support/context.js";
import { panelDataset } from "../support/panel-dataset.js";
import { specLocation } from "../../runtime/core/spec-location.js";
import { defaultStageFactories } from "../../runtime/run/default-stages.js";
import { resolved } from "../support/spec-values.js";

/** The stage of a regime section with the schema's defaults filled, as a loaded spec holds it (not validated, so the stage's own checks see bad values). */
function createRegimeStage(section: Record<string, unknown>) {
  return createResolved(withDefaults("regime", section));
}

const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");
const segments = segmentsByDate(panel, "2012-01-01", "2014-01-01");

describe("regime stage (hmm)", () => {
  it("fits on train, labels every bar with filtered probabilities and writes regime.json", async () => {
    const stage = createRegimeStage({
      type: "hmm",
      states: 2,
      restarts: 2,
      switching: { "0": { weight: 1 }, "1": { weight: 0.3 } },
    });
    const ctx = testContext();
    const result = await stage.run(ctx, { data: panelDataset(panel, segments) });
    expect(result.nStates).toBe(2);
    expect(result.labels[0]).toBe(-1);
    expect(result.labels.slice(1).every((l) => l === 0 || l === 1)).toBe(true);
    for (let t = 1; t < panel.timestamps.length; t += 97) {
      expect(result.probabilities[0]![t]! + result.probabilities[1]![t]!).toBeCloseTo(1, 12);
    }
    // 2008 and 2020 are high-volatility regimes: the calm state dominates 2005 and 2017.
    const at = (date: string) => {
      const ms = Date.parse(`${date}T00:00:00Z`);
      return panel.timestamps.findIndex((t) => t >= ms);
    };
    expect(result.probabilities[1]![at("2008-10-15")]!).toBeGreaterThan(0.9);
    expect(result.probabilities[1]![at("2020-03-16")]!).toBeGreaterThan(0.9);
    expect(result.labels[at("2017-06-15")]).toBe(0);
    // Per-state statistics: the high-vol regime has higher volatility and a worse Sharpe.
    const [calm, wild] = result.regimeMetrics.all.states;
    expect(wild!.annualizedVolatility).toBeGreaterThan(2 * calm!.annualizedVolatility);
    expect(calm!.sharpe!).toBeGreaterThan(wild!.sharpe ?? 0);
    expect(calm!.timeInRegime + wild!.timeInRegime).toBeCloseTo(1, 12);
    expect(calm!.expectedDuration!).toBeGreaterThan(10);
    // Switching by allocation (no signal: the equal-weighted basket): weight 1 in the calm regime, 0.3 in the wild one.
    const w = applyRegimeSwitching(result.labels, result.switching!, panel.symbols)[0]!;
    for (let t = 1; t < w.length; t += 101) expect(w[t]).toBe(result.labels[t] === 0 ? 1 : 0.3);
    const file = ctx.artifacts.path("regime.json");
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, "utf8"));
    expect(json.model.hmm.transmat).toHaveLength(2);
    expect(json.regimeMetrics.test.states).toHaveLength(2);
    expect(existsSync(ctx.artifacts.path("regime-labels.csv"))).toBe(true);
  });

  it("has no look-ahead: a different future leaves every earlier label and probability unchanged", async () => {
    const stage = createRegimeStage({ type: "hmm", states: 2, restarts: 1 });
    const cut = segments.test.start + 200;
    const a = await stage.run(testContext(), { data: panelDataset(panel, segments) });
    const b = await stage.run(testContext(), {
      data: panelDataset(perturbFuture(panel, cut), segments),
    });
    expect(Array.from(b.labels.subarray(0, cut))).toEqual(Array.from(a.labels.subarray(0, cut)));
    expect(Array.from(b.probabilities[1]!.subarray(0, cut))).toEqual(
      Array.from(a.probabilities[1]!.subarray(0, cut)),
    );
    expect(Array.from(b.probabilities[1]!.subarray(cut))).not.toEqual(
      Array.from(a.probabilities[1]!.subarray(cut)),
    );
  });

  it("selects the number of states by BIC and writes the candidates and model durations", async () => {
    const short = { train: { start: 0, end: 1500 }, test: { start: 1500, end: 2000 } };
    const cut = {
      ...panel,
      timestamps: panel.timestamps.subarray(0, 2000),
      open: [panel.open[0]!.subarray(0, 2000)],
      high: [panel.high[0]!.subarray(0, 2000)],
      low: [panel.low[0]!.subarray(0, 2000)],
      close: [panel.close[0]!.subarray(0, 2000)],
      volume: [panel.volume[0]!.subarray(0, 2000)],
    };
    const ctx = testContext();
    const result = await createRegimeStage({
      type: "hmm",
      restarts: 1,
      select: { criterion: "bic", candidates: [1, 2] },
    }).run(ctx, { data: panelDataset(cut, short) });
    const json = JSON.parse(readFileSync(ctx.artifacts.path("regime.json"), "utf8"));
    const [one, two] = json.model.selection.candidates;
    expect(result.nStates).toBe(two.bic < one.bic ? 2 : 1);
    expect(result.nStates).toBe(2);
    const p = json.model.hmm.transmat as number[][];
    expect(json.modelExpectedDurations[0]).toBeCloseTo(1 / (1 - p[0]![0]!), 12);
  });

  it("reports bad input with the spec path", async () => {
    const errorOf = async (section: Record<string, unknown>, p = panel, s = segments) => {
      try {
        await createRegimeStage(section).run(testContext(), {
          data: panelDataset(p, s),
        });
      } catch (error) {
        if (isUserError(error)) return error;
        throw error;
      }
      throw new Error("expected a UserError");
    };
    const few = await errorOf({ type: "hmm", states: 6 }, panel, {
      train: { start: 0, end: 8 },
      test: { start: 8, end: 100 },
    });
    expect(few.diagnostics[0]!.path).toBe("/regime/states");
    const nan = panel.close[0]!.slice();
    nan[500] = Number.NaN;
    const nanErr = await errorOf({ type: "hmm" }, { ...panel, close: [nan] });
    expect(nanErr.diagnostics[0]!.path).toBe("/regime/features");
    expect(nanErr.diagnostics[0]!.message).toContain("bar 500");
    const flat = new Float64Array(panel.close[0]!.length).fill(100);
    const flatErr = await errorOf({ type: "hmm" }, { ...panel, close: [flat] });
    expect(flatErr.diagnostics[0]!.message).toContain("zero variance");
    const badState = await errorOf({ type: "hmm", restarts: 1, switching: { "2": { weight: 1 } } });
    expect(badState.diagnostics[0]!.path).toBe("/regime/switching/2");
    expect(() => createRegimeStage({ type: "hmmm" })).toThrow(UserError);
    try {
      createRegimeStage({ type: "hmmm" });
    } catch (error) {
      expect((error as UserError).diagnostics[0]!.path).toBe("/regime/type");
      expect((error as UserError).message).toContain('did you mean "hmm"');
    }
  });
});

describe("regime statistics annualization", () => {
  it("takes the spec's backtest.periods_per_year, as the statistics and risk do", async () => {
    const spec = (periodsPerYear?: number) =>
      resolved("experiment", {
        name: "regime-annualization",
        seed: 1,
        data: { source: "bundled", name: "spy" },
        segments: {
          train: { start: "2008-01-02", end: "2012-12-31" },
          test: { start: "2013-01-02", end: "2017-12-29" },
        },
        strategy: { type: "buy_and_hold" },
        regime: { type: "hmm", states: 2, restarts: 1 },
        ...(periodsPerYear !== undefined ? { backtest: { periods_per_year: periodsPerYear } } : {}),
      });
    const run = async (periodsPerYear?: number) => {
      // The regime stage as the default wiring builds it for this spec.
      const stage = defaultStageFactories().regime!(spec(periodsPerYear), {
        file: "spec.yaml",
        loc: specLocation("spec.yaml"),
      }) as ReturnType<typeof createResolved>;
      return stage.run(testContext(), { data: panelDataset(panel, segments) });
    };
    const inferred = await run();
    const weekly = await run(52);
    const [a, b] = [inferred.regimeMetrics.all.states[0]!, weekly.regimeMetrics.all.states[0]!];
    // Daily bars: 252 a year inferred; the override rescales every annualized figure.
    expect(b.annualizedReturn).toBeCloseTo((a.annualizedReturn * 52) / 252, 12);
    expect(b.annualizedVolatility).toBeCloseTo(a.annualizedVolatility * Math.sqrt(52 / 252), 12);
    expect(Array.from(weekly.labels)).toEqual(Array.from(inferred.labels));
  });
});
