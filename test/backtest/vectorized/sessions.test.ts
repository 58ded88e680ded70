import { describe, expect, it } from "vitest";
import { createCostModel } from "../../../runtime/backtest/costs/index.js";
import { applySessionsToWeights, buildSessionMask } from "../../../runtime/backtest/sessions.js";
import { runVectorized } from "../../../runtime/backtest/vectorized/engine.js";
import { readOhlcvCsv } from "../../support/csv-panel.js";

describe("sessions in the vectorized engine", () => {
  const eurusd = readOhlcvCsv("eurusd_hourly_2017_2018_backtestingpy.csv", "EURUSD");

  it("holds targets outside sessions and flattens at each session's last close", () => {
    const mask = buildSessionMask(eurusd.timestamps, {
      open: "08:00",
      close: "16:00",
      timezone: "Europe/London",
      flatten_at_close: true,
    });
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
      costs: createCostModel({ spread_bps: 1 }),
    });
    // Flat over every night: no position at any session end or outside sessions.
    for (let t = 0; t < n; t++) {
      if (mask.sessionEnd[t] || !mask.tradable[t]) expect(r.positions[0]![t]).toBe(0);
    }
    expect(r.trades.length).toBeGreaterThan(100);
  });
});
