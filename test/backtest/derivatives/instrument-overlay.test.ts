import { describe, expect, it } from "vitest";
import { instrumentSection } from "../../../runtime/backtest/derivatives/instrument-section.js";
import type { PortfolioState, TargetOverlay } from "../../../runtime/contracts/portfolio.js";
import type {
  FuturesLog,
  OptionsLog,
} from "../../../runtime/backtest/derivatives/instrument-result.js";
import {
  createInstrumentRunner,
  derivativesLogJson,
} from "../../../runtime/backtest/derivatives/instrument-runner.js";
import { runInstrumentBacktest } from "../../../runtime/backtest/derivatives/run-instrument-backtest.js";
import { compileRiskSection } from "../../../runtime/risk/compile.js";
import { resolved } from "../../support/spec-values.js";
import { tinyPanel } from "../tiny-panel.js";

const panel = tinyPanel([{ open: [100, 100, 101, 99], close: [100, 101, 99, 102] }]);
const ones = [Float64Array.from([1, 1, 1, 1])];
const halfCap = () =>
  compileRiskSection(
    resolved("risk", { rules: [{ type: "position_limits", max_position: 0.5 }] }),
    { symbols: panel.symbols, periodsPerYear: 252 },
  );

/** Records what the engines show an overlay, and passes the proposal through. */
function recorder(): TargetOverlay & { seen: { bar: number; equity: number; weight: number }[] } {
  const seen: { bar: number; equity: number; weight: number }[] = [];
  return {
    seen,
    reset: () => {
      seen.length = 0;
    },
    apply(proposed: Float64Array, state: PortfolioState) {
      seen.push({ bar: state.bar, equity: state.equity, weight: state.weights[0]! });
      return { targets: proposed.slice(), events: [] };
    },
  };
}

describe("instrument backtests with the risk overlay", () => {
  it("futures: position_limits 0.5 halves the notional (5 contracts instead of 10) and is logged", () => {
    const r = runInstrumentBacktest(
      instrumentSection({
        type: "future",
        multiplier: 10,
        initial_margin: 500,
        maintenance_margin: 400,
      }),
      panel,
      ones,
      { cash: 10_000, overlay: halfCap() },
    );
    expect(Array.from((r.derivatives as FuturesLog).contracts)).toEqual([0, 5, 5, 5]);
    expect(r.riskEvents.length).toBeGreaterThan(0);
    expect(r.riskEvents[0]).toMatchObject({ bar: 0, before: [1], after: [0.5] });
  });

  it("options: the capped weight sizes the package (5 contracts instead of 10)", () => {
    const r = runInstrumentBacktest(
      instrumentSection({ type: "option", strategy: "long_call", volatility: 0.2, tenor_days: 30 }),
      panel,
      ones,
      { cash: 100_000, overlay: halfCap() },
    );
    expect((r.derivatives as OptionsLog).openings[0]!.quantity).toBe(5);
    expect(r.riskEvents[0]).toMatchObject({ rule: expect.any(String), after: [0.5] });
  });

  it("the overlay sees equity and the futures notional weight as of the decision bar's close", () => {
    const overlay = recorder();
    runInstrumentBacktest(
      instrumentSection({
        type: "future",
        multiplier: 10,
        initial_margin: 500,
        maintenance_margin: 400,
      }),
      panel,
      ones,
      { cash: 10_000, overlay },
    );
    // Decisions at bars 0, 1, 2 (bar 3's would execute after the run).
    expect(overlay.seen.map((s) => s.bar)).toEqual([0, 1, 2]);
    expect(overlay.seen[1]!.equity).toBe(10_100);
    expect(overlay.seen[1]!.weight).toBeCloseTo((100 * 101) / 10_100, 12);
    expect(overlay.seen[2]!.weight).toBeCloseTo((100 * 99) / 9_900, 12);
  });
});

describe("createInstrumentRunner (the stage's glue)", () => {
  it("checks the section up front and runs with the vectorized engine's call shape", () => {
    expect(() =>
      createInstrumentRunner(
        instrumentSection({ type: "future", initial_margin: 1, maintenance_margin: 2 }),
        panel,
        {
          cash: 1000,
        },
      ),
    ).toThrow(/maintenance_margin 2 is above initial_margin 1/);
    const run = createInstrumentRunner(
      instrumentSection({
        type: "future",
        multiplier: 10,
        initial_margin: 500,
        maintenance_margin: 400,
      }),
      panel,
      { cash: 10_000 },
    );
    expect(Array.from((run(ones).derivatives as FuturesLog).contracts)).toEqual([0, 10, 10, 10]);
    expect(Array.from((run(ones, halfCap()).derivatives as FuturesLog).contracts)).toEqual([
      0, 5, 5, 5,
    ]);
    const json = derivativesLogJson(run(ones).derivatives);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect((json as { contracts: number[] }).contracts).toEqual([0, 10, 10, 10]);
  });
});
