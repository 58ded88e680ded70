import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { applySessionsToWeights, buildSessionMask } from "../../../runtime/backtest/sessions.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";
import { resolved } from "../../support/spec-values.js";

describe("sessions in the vectorized engine", () => {
  const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");

  it("holds targets outside sessions and flattens at each session's last close", () => {
    const mask = buildSessionMask(
      eurusd.timestamps,
      resolved("backtest/sessions", {
        open: "08:00",
        close: "16:00",
        timezone: "Europe/London",
        flatten_at_close: true,
      }),
    );
    const n = eurusd.timestamps.length;
    const raw = [Float64Array.from({ length: n }, (_, t) => (t % 7 < 4 ? 1 : -1))];
    const shaped = applySessionsToWeights(raw, mask);
    for (let t = 0; t < n; t++) {
      if (mask.sessionEnd[t] || !mask.tradable[t]) expect(shaped[0]![t]).toBe(0);
      else expect(shaped[0]![t]).toBe(raw[0]![t]);
    }
    const r = runVectorized(eurusd, shaped, {
      cash: 10_000,
      fill: "this_close",
      costs: createCostModel(resolved("backtest/costs", { spread_bps: 1 })),
    });
    // Flat over every night: no position at any session end or outside sessions.
    for (let t = 0; t < n; t++) {
      if (mask.sessionEnd[t] || !mask.tradable[t]) expect(r.positions[0]![t]).toBe(0);
    }
    expect(r.trades.length).toBeGreaterThan(100);
  });

  it("with next-open fills, flatten_at_close still closes at the session's last close", () => {
    const mask = buildSessionMask(
      eurusd.timestamps,
      resolved("backtest/sessions", {
        open: "08:00",
        close: "16:00",
        timezone: "Europe/London",
        flatten_at_close: true,
      }),
    );
    const n = eurusd.timestamps.length;
    const raw = [Float64Array.from({ length: n }, (_, t) => (t % 7 < 4 ? 1 : -1))];
    const options = {
      cash: 10_000,
      fill: "next_open" as const,
      costs: createCostModel(resolved("backtest/costs", { spread_bps: 1 })),
    };
    const shaped = applySessionsToWeights(raw, mask);
    const r = runVectorized(eurusd, shaped, { ...options, flattenAt: mask.sessionEnd });
    let ends = 0;
    for (let t = 0; t < n; t++) {
      if (!mask.sessionEnd[t]) continue;
      ends++;
      expect(r.positions[0]![t]).toBe(0);
    }
    expect(ends).toBeGreaterThan(100);
    // The round trips flattened at session ends exit at that bar's close (shifted by half the 1 bp spread).
    const endBar = new Map<number, number>();
    for (let t = 0; t < n; t++) if (mask.sessionEnd[t]) endBar.set(eurusd.timestamps[t]!, t);
    const atClose = r.trades.filter((tr) => {
      const t = endBar.get(tr.exitTime);
      return t !== undefined && Math.abs(tr.exitPrice / eurusd.close[0]![t]! - 1) <= 0.5e-4 + 1e-12;
    });
    expect(atClose.length).toBeGreaterThan(100);
    // Without the mask the old behaviour: still holding at those closes, closed at the next open.
    const late = runVectorized(eurusd, shaped, options);
    let held = 0;
    for (let t = 0; t < n; t++) if (mask.sessionEnd[t] && late.positions[0]![t] !== 0) held++;
    expect(held).toBeGreaterThan(100);
  });
});
