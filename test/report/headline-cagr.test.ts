/**
 * The report's headline CAGR is the geometric annual growth of equity over
 * calendar time, (final / first)^(365.25 / days) − 1 (backtesting.py ≥ 0.6.6),
 * whatever the bar frequency. Before, weekday bars annualized it over
 * days / 252 "years".
 */
import { describe, expect, it } from "vitest";
import { computeStatistics } from "../../runtime/backtest/stats/index.js";
import { formatValue } from "../../runtime/report/format.js";
import { assembleTearSheetInput } from "../../runtime/report/inputs/assemble.js";
import { kpisSection } from "../../runtime/report/sections/headline.js";

const DAY = 86_400_000;

/** Weekday bars from Mon 2021-01-04 through Fri 2022-12-30. */
function weekdayBars(): Float64Array {
  const out: number[] = [];
  for (let t = Date.UTC(2021, 0, 4); t <= Date.UTC(2022, 11, 30); t += DAY) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) out.push(t);
  }
  return Float64Array.from(out);
}

describe("headline CAGR", () => {
  it("doubling over 725 calendar days: tile = 2^(365.25 / 725) − 1", () => {
    const timestamps = weekdayBars();
    const n = timestamps.length;
    // Equity doubles along a wobbly path (the path does not matter for CAGR).
    const equity = Float64Array.from(
      { length: n },
      (_, i) => 100 * 2 ** (i / (n - 1)) * (i === 0 || i === n - 1 ? 1 : 1 + 0.01 * Math.sin(i)),
    );
    const days = (timestamps[n - 1]! - timestamps[0]!) / DAY;
    expect(days).toBe(725);
    const expected = 2 ** (365.25 / days) - 1; // 41.79 %
    const statistics = computeStatistics({ timestamps, equity, trades: [] });
    expect(statistics.periodsPerYear).toBe(252);
    expect(statistics.cagr).toBeCloseTo(expected, 12);

    const input = assembleTearSheetInput({
      title: "t",
      backtest: { timestamps, equity, symbols: ["X"], trades: [], statistics },
      headline: ["cagr"],
    });
    const tiles = kpisSection(input, {})?.tiles ?? [];
    expect(tiles).toHaveLength(1);
    expect(tiles[0]!.label).toBe("CAGR");
    expect(tiles[0]!.value).toBe(formatValue(expected, "percent"));
    expect(tiles[0]!.value).toBe("41.79%");
    // The pre-0.6.6 definition (years = days / 252) would have shown 2^(252/725) − 1 = 27.24 %.
    expect(formatValue(2 ** (252 / days) - 1, "percent")).toBe("27.24%");
  });
});
