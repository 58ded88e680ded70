/**
 * A target-weight signal through the event-driven broker (`engine: event`):
 * hand-computed fills for every entry order type and attached exit, volume
 * participation, margin, the risk overlay, and the look-ahead guarantee.
 */
import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { runSignalEventBacktest } from "../../../runtime/backtest/event/run-signal-event.js";
import { applySessionsToWeights, buildSessionMask } from "../../../runtime/backtest/sessions.js";
import { createBacktestStage, strategySignal } from "../../../runtime/backtest/stage.js";
import { UserError } from "../../../runtime/core/errors.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { compileRiskSection } from "../../../runtime/risk/compile.js";
import { resolved } from "../../support/spec-values.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { tinyPanel } from "../tiny-panel.js";
import { sectionDefaults } from "../../../runtime/spec/section-defaults.js";
import type { BacktestExecution } from "../../../runtime/spec/types.generated.js";

//            bar:   0     1     2     3     4     5
const open = [10, 11, 12, 11.4, 14, 15];
const high = [10.6, 11.8, 12.6, 11.6, 14.8, 15.5];
const low = [9.8, 10.9, 11.2, 10.9, 13.9, 12.0];
const close = [10.5, 11.5, 11.5, 11.5, 14.5, 13.0];
const panel = tinyPanel([{ open, high, low, close, volume: [100, 100, 100, 100, 100, 100] }]);
const constant = (w: number): Float64Array[] => [new Float64Array(6).fill(w)];

function run(
  execution: Partial<BacktestExecution> = {},
  weights = constant(1),
  extra: Partial<Parameters<typeof runSignalEventBacktest>[2]> = {},
  p: OhlcvPanel = panel,
) {
  return runSignalEventBacktest(p, weights, {
    cash: 1000,
    costs: createCostModel(sectionDefaults("backtest/costs")),
    execution: resolved("backtest/execution", execution),
    ...extra,
  });
}

const last = (a: Float64Array) => a[a.length - 1]!;

function checkInvariant(r: ReturnType<typeof run>, p: OhlcvPanel = panel) {
  for (let i = 0; i < r.equity.length; i++) {
    let marked = r.cash[i]!;
    for (let s = 0; s < p.symbols.length; s++)
      marked += r.positions[s]![i]! * p.close[s]![i + r.range.start]!;
    expect(r.equity[i]).toBeCloseTo(marked, 8);
  }
}

describe("entries", () => {
  it("market: decided at bar 1's close, filled at bar 2's open, cut to what the cash affords", () => {
    const r = run();
    // 1000/11.5 units cost 1043.48 at the 12 open: the broker buys 1000/12 instead of rejecting.
    expect(r.positions[0]![2]).toBeCloseTo(1000 / 12, 9);
    expect(last(r.equity)).toBeCloseTo(1000 + (1000 / 12) * (13 - 12), 9);
    checkInvariant(r);
  });

  it("this_close fills at the decision bar's close", () => {
    const r = run({}, constant(1), { fill: "this_close" });
    // The fill is booked at bar 1's close; bar 1's row was recorded before the decision.
    expect(r.trades.length + r.openTrades.length).toBe(1);
    expect(r.openTrades[0]!.entryPrice).toBe(11.5);
    expect(r.positions[0]![2]).toBeCloseTo(1000 / 11.5, 9);
    expect(last(r.equity)).toBeCloseTo(1000 + (1000 / 11.5) * (13 - 11.5), 9);
  });

  it("limit: waits until the low reaches close·(1−offset), fills at the limit", () => {
    const r = run({ order: "limit", limit_offset: 0.05 });
    const limit = 11.5 * 0.95; // 10.925: bar 2's low 11.2 misses, bar 3's low 10.9 fills
    expect(r.positions[0]![2]).toBe(0);
    expect(r.positions[0]![3]).toBeCloseTo(1000 / 11.5, 9);
    expect(r.openTrades[0]!.entryPrice).toBeCloseTo(limit, 12);
    expect(last(r.equity)).toBeCloseTo(1000 + (1000 / 11.5) * (13 - limit), 9);
  });

  it("cancel_after_bars drops an unfilled entry", () => {
    const r = run({ order: "limit", limit_offset: 0.05, cancel_after_bars: 1 });
    expect(r.positions[0]!.every((u) => u === 0)).toBe(true);
    expect(last(r.equity)).toBe(1000);
  });

  it("stop: a breakout entry fills at max(open, stop) once the high touches it", () => {
    const r = run({ order: "stop", stop_offset: 0.05 });
    const stop = 11.5 * 1.05; // 12.075, touched by bar 2's high 12.6
    expect(r.openTrades[0]!.entryPrice).toBeCloseTo(stop, 12);
    expect(r.positions[0]![2]).toBeCloseTo(1000 / stop, 9);
  });

  it("stop_limit: the stop arms a limit beyond it", () => {
    // stop 12.075 touched at bar 2; limit 12.075·1.01 = 12.19575 ≥ the price, so it fills at the stop
    const r = run({ order: "stop_limit", stop_offset: 0.05, limit_offset: 0.01 });
    expect(r.openTrades[0]!.entryPrice).toBeCloseTo(11.5 * 1.05, 9);
  });

  it("short entries mirror long ones", () => {
    const r = run({}, constant(-1));
    // A short needs margin too: 1000/11.5 units at 12 exceed it, so 1000/12 are sold.
    expect(r.positions[0]![2]).toBeCloseTo(-1000 / 12, 9);
    expect(last(r.equity)).toBeCloseTo(1000 - (1000 / 12) * (13 - 12), 9);
    checkInvariant(r);
  });
});

describe("exits attached to entries", () => {
  const units = 1000 / 12;
  it("stop_loss closes at the stop when the low reaches it", () => {
    const r = run({ stop_loss: 0.05 }); // 11.5·0.95 = 10.925, bar 3's low 10.9
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.exitPrice).toBeCloseTo(10.925, 12);
    expect(r.positions[0]![5]).toBe(0); // no re-entry while the target is unchanged
    expect(last(r.equity)).toBeCloseTo(1000 + units * (10.925 - 12), 9);
  });

  it("take_profit fills at the open when the price gaps through it", () => {
    const r = run({ take_profit: 0.2 }); // 13.8; bar 4 opens at 14
    expect(r.trades[0]!.exitPrice).toBe(14);
    expect(last(r.equity)).toBeCloseTo(1000 + units * (14 - 12), 9);
  });

  it("trailing_stop follows the best close and exits when touched", () => {
    const r = run({ trailing_stop: 0.1 }); // 14.5·0.9 = 13.05 after bar 4; bar 5's low 12
    expect(r.trades[0]!.exitPrice).toBeCloseTo(13.05, 12);
    expect(last(r.equity)).toBeCloseTo(1000 + units * (13.05 - 12), 9);
  });
});

describe("execution limits", () => {
  it("max_participation fills at most that share of each bar's volume, the rest waits", () => {
    const r = run({ max_participation: 0.1 }); // 10 units a bar from bar 2
    expect(Array.from(r.positions[0]!)).toEqual([0, 0, 10, 20, 30, 40]);
    checkInvariant(r);
  });

  it("margin 0.5 lets a weight of 2 be held; a cash account gets what its cash buys", () => {
    const levered = run({ margin: 0.5 }, constant(2));
    expect(levered.positions[0]![2]).toBeCloseTo(2000 / 12, 9);
    const cashOnly = run({ margin: 1 }, constant(2));
    expect(cashOnly.positions[0]![2]).toBeCloseTo(1000 / 12, 9);
  });

  it("target changes trade the difference: reduce at market, then re-enter", () => {
    const w = [Float64Array.of(0, 1, 1, 0.5, -0.5, -0.5)];
    const r = run({}, w);
    const first = 1000 / 12; // bought at bar 2's open
    expect(r.positions[0]![2]).toBeCloseTo(first, 9);
    // bar 3: equity 1000 + first·(11.5 − 12); target 0.5 → half of it in units at 11.5, sold at bar 4's open
    const half = (0.5 * (1000 + first * (11.5 - 12))) / 11.5;
    expect(half).toBeCloseTo(first / 2, 9);
    expect(r.positions[0]![4]).toBeCloseTo(half, 9);
    // bar 4: flip to −0.5 of bar 4's equity at its close 14.5: close the long, sell short at bar 5's open
    expect(r.positions[0]![5]).toBeCloseTo((-0.5 * r.equity[4]!) / 14.5, 9);
    expect(r.trades.map((t) => t.exitPrice)).toEqual([14, 15]);
    checkInvariant(r);
  });

  it("the risk overlay sees the broker's portfolio and caps the targets", () => {
    const overlay = compileRiskSection(
      resolved("risk", { rules: [{ type: "position_limits", max_position: 0.5 }] }),
      { symbols: panel.symbols, periodsPerYear: 252 },
    );
    const r = run({}, constant(1), { overlay });
    expect(r.positions[0]![2]).toBeCloseTo(500 / 11.5, 9);
    expect(r.riskEvents[0]!.rule).toBe("position_limits");
    expect(r.riskEvents[0]!.after).toEqual([0.5]);
  });
});

describe("sessions", () => {
  const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");
  it("a held target is flattened at every session close and re-entered the next session", () => {
    const sessions = buildSessionMask(
      eurusd.timestamps,
      resolved("backtest/sessions", {
        open: "09:00",
        close: "17:00",
        timezone: "UTC",
        flatten_at_close: true,
      }),
    );
    const n = eurusd.timestamps.length;
    const weights = applySessionsToWeights([new Float64Array(n).fill(0.5)], sessions);
    const r = run({}, weights, { sessions }, eurusd);
    let ends = 0;
    for (let t = 0; t < n; t++) {
      if (!sessions.sessionEnd[t]) continue;
      ends++;
      expect(r.positions[0]![t]).toBe(0);
    }
    // One round trip a session: entered at a session open, closed at that session's last close.
    expect(r.trades.length).toBeGreaterThan(ends * 0.9);
    for (const tr of r.trades) {
      expect(sessions.sessionEnd[tr.exitBar]).toBe(1);
      expect(sessions.tradable[tr.entryBar]).toBe(1);
      expect(tr.exitPrice).toBe(eurusd.close[0]![tr.exitBar]);
    }
    checkInvariant(r, eurusd);
  });
});

describe("no look-ahead", () => {
  const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
  const execution: Partial<BacktestExecution> = {
    order: "stop",
    stop_offset: 0.002,
    stop_loss: 0.05,
    take_profit: 0.15,
    trailing_stop: 0.08,
    max_participation: 0.2,
  };
  const signalOf = (p: OhlcvPanel) =>
    strategySignal({ type: "sma_crossover", fast: 10, slow: 20, short: true }, p).weights;

  it("perturbing bars after t changes nothing up to t", () => {
    const base = run(execution, signalOf(goog), {}, goog);
    for (const t of [300, 1200, 2000]) {
      const shock = (f: (k: number) => number) => (a: Float64Array) =>
        a.map((v, k) => (k > t ? v * f(k) : v));
      const swing = (k: number) => (k % 2 ? 1.3 : 0.7);
      const future: OhlcvPanel = {
        ...goog,
        open: goog.open.map(shock(swing)),
        high: goog.high.map(shock((k) => swing(k) * 1.3)),
        low: goog.low.map(shock((k) => swing(k) * 0.7)),
        close: goog.close.map(shock(swing)),
        volume: goog.volume.map(shock(swing)),
      };
      const other = run(execution, signalOf(future), {}, future);
      expect(Array.from(other.equity.subarray(0, t + 1))).toEqual(
        Array.from(base.equity.subarray(0, t + 1)),
      );
    }
    expect(base.trades.length).toBeGreaterThan(20);
    checkInvariant(base, goog);
  });
});

describe("the backtest stage", () => {
  it("rejects an execution section without engine: event, naming the spec path", () => {
    const section = resolved("backtest", { execution: { stop_loss: 0.05 } });
    expect(() => createBacktestStage(section)).toThrow(UserError);
    try {
      createBacktestStage(section);
    } catch (error) {
      expect((error as UserError).diagnostics[0]!.path).toBe("/backtest/execution");
      expect((error as UserError).message).toMatch(/engine: event/);
    }
  });
});
