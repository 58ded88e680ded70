import { describe, expect, it } from "vitest";
import {
  annualizationOf,
  hasWeekends,
  inferAnnualization,
  inferBarsPerYear,
  medianBarSpacing,
} from "../../runtime/stats/annualization.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Bar times from `start`, `step` ms apart, skipping Saturdays and Sundays when `weekdays`. */
function bars(start: number, step: number, count: number, weekdays: boolean): Float64Array {
  const out: number[] = [];
  for (let t = start; out.length < count; t += step) {
    const day = new Date(t).getUTCDay();
    if (weekdays && (day === 0 || day === 6)) continue;
    out.push(t);
  }
  return Float64Array.from(out);
}

const monday = Date.UTC(2021, 0, 4);

describe("one annualization rule from the data's calendar", () => {
  it("weekday daily bars (exchange-traded): 252 days, per day and per bar", () => {
    const ts = bars(monday, DAY, 600, true);
    expect(inferAnnualization(ts)).toEqual({
      bucket: "day",
      periodsPerYear: 252,
      barsPerYear: 252,
    });
    expect(medianBarSpacing(ts)).toBe(DAY);
    expect(hasWeekends(ts)).toBe(false);
  });
  it("daily bars every day (crypto-like): 365", () => {
    const ts = bars(monday, DAY, 600, false);
    expect(hasWeekends(ts)).toBe(true);
    expect(inferAnnualization(ts)).toEqual({
      bucket: "day",
      periodsPerYear: 365,
      barsPerYear: 365,
    });
  });
  it("intraday bars: statistics on day-end returns (trading days), per-bar figures × bars per day", () => {
    const fx = bars(monday, HOUR, 24 * 5 * 40, true);
    expect(inferAnnualization(fx)).toEqual({
      bucket: "day",
      periodsPerYear: 252,
      barsPerYear: 252 * 24,
    });
    const crypto = bars(monday, 4 * HOUR, 6 * 7 * 40, false);
    expect(inferAnnualization(crypto)).toEqual({
      bucket: "day",
      periodsPerYear: 365,
      barsPerYear: 365 * 6,
    });
  });
  it("a periods-per-year override replaces periods per year and scales bars per year with it", () => {
    const daily = bars(monday, DAY, 600, true);
    expect(annualizationOf(daily)).toEqual(inferAnnualization(daily));
    expect(annualizationOf(daily, 365)).toEqual({
      bucket: "day",
      periodsPerYear: 365,
      barsPerYear: 365,
    });
    // Hourly FX: 24 bars a trading day whatever the trading days a year are.
    const fx = bars(monday, HOUR, 24 * 5 * 40, true);
    expect(annualizationOf(fx, 260)).toEqual({
      bucket: "day",
      periodsPerYear: 260,
      barsPerYear: 260 * 24,
    });
  });
  it("weekly, monthly, quarterly and yearly bars", () => {
    const weekly = Float64Array.from({ length: 80 }, (_, i) => Date.UTC(2021, 0, 8) + i * 7 * DAY);
    expect(inferAnnualization(weekly)).toEqual({
      bucket: "week",
      periodsPerYear: 52,
      barsPerYear: 52,
    });
    // Month-end bars: gaps of 28 to 31 days.
    const monthly = Float64Array.from({ length: 40 }, (_, i) => Date.UTC(2019, i + 1, 0));
    expect(inferAnnualization(monthly)).toEqual({
      bucket: "month",
      periodsPerYear: 12,
      barsPerYear: 12,
    });
    // Month-start bars of trading days: gaps of 28 to 35 days, median 30.
    const firstTradingDay = Float64Array.from({ length: 24 }, (_, i) => {
      let t = Date.UTC(2020, i, 1);
      while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
      return t;
    });
    expect(inferBarsPerYear(firstTradingDay)).toBe(12);
    const quarterly = Float64Array.from({ length: 20 }, (_, i) => Date.UTC(2015, 3 * i + 3, 0));
    expect(inferAnnualization(quarterly)).toEqual({
      bucket: "quarter",
      periodsPerYear: 4,
      barsPerYear: 4,
    });
    const yearly = Float64Array.from({ length: 15 }, (_, i) => Date.UTC(2000 + i, 11, 31));
    expect(inferAnnualization(yearly)).toEqual({
      bucket: "year",
      periodsPerYear: 1,
      barsPerYear: 1,
    });
  });
  it("fewer than two bars: daily, by the weekday rule", () => {
    expect(Number.isNaN(medianBarSpacing(Float64Array.of(monday)))).toBe(true);
    expect(inferAnnualization(Float64Array.of(monday)).periodsPerYear).toBe(252);
    expect(inferAnnualization(new Float64Array(0)).periodsPerYear).toBe(252);
  });
});
