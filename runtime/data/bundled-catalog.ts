/**
 * Machine-readable catalog of the datasets in runtime/data/bundled/ (see
 * PROVENANCE.md there). `layout` says how the file maps to canonical bars:
 * - `ohlcv`: date, open, high, low, close[, adj_close], volume — one symbol;
 * - `wide_close`: a date column and one close column per symbol (closes only:
 *   open = high = low = close, volume 0);
 * - `long_price`: symbol, date, price (closes only, as above);
 * - `fractional_year_wide`: like wide_close, but the time column `t` is a
 *   fractional year at 260 business days a year, mapped to business-day dates
 *   (see `fractionalYearToDate`).
 */
export type BundledLayout = "ohlcv" | "wide_close" | "long_price" | "fractional_year_wide";

/** The trading calendar a dataset follows (used by the gap check). */
export type CalendarKind = "business_day" | "fx_24x5" | "monthly" | "continuous";

export interface BundledDataset {
  readonly name: string;
  readonly file: string;
  readonly layout: BundledLayout;
  /** Symbol of single-symbol files. */
  readonly symbol?: string;
  readonly interval: "1h" | "1d" | "1mo";
  readonly calendar: CalendarKind;
  readonly closesOnly: boolean;
  readonly description: string;
  readonly origin: string;
  readonly licence: string;
  readonly quirks: readonly string[];
}

const mplfinance = "mplfinance examples (Yahoo Finance download)";

export const BUNDLED_DATASETS: readonly BundledDataset[] = [
  {
    name: "sp500",
    file: "sp500_daily_2000_2020_vega.csv",
    layout: "ohlcv",
    symbol: "SP500",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "S&P 500 index, daily, 2000-01-03 .. 2020-04-17",
    origin: "npm vega-datasets@3.2.1 data/sp500-2000.csv (source: Yahoo Finance)",
    licence: "BSD-3-Clause",
    quirks: [],
  },
  {
    name: "spy",
    file: "spy_daily_2007_2017_mplfinance.csv",
    layout: "ohlcv",
    symbol: "SPY",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "SPY ETF, daily, 2007-12-31 .. 2017-12-29",
    origin: mplfinance,
    licence: "MIT",
    quirks: ["2 rows where high/low do not bracket open/close"],
  },
  {
    name: "spy_long",
    file: "spy_daily_1999_2020_pandasta.csv",
    layout: "ohlcv",
    symbol: "SPY",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "SPY ETF, daily, 1999-11-01 .. 2020-08-28",
    origin: "pandas-ta data/SPY_D.csv",
    licence: "MIT",
    quirks: [],
  },
  {
    name: "goog",
    file: "goog_daily_2004_2013_backtestingpy.csv",
    layout: "ohlcv",
    symbol: "GOOG",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "GOOG, daily, 2004-08-19 .. 2013-03-01 (backtesting.py's SmaCross data)",
    origin: "backtesting.py backtesting/test/GOOG.csv",
    licence: "AGPL-3.0",
    quirks: ["not split-adjusted"],
  },
  {
    name: "aapl",
    file: "aapl_daily_2004_2018_mplfinance.csv",
    layout: "ohlcv",
    symbol: "AAPL",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "AAPL, daily, 2004-08-19 .. 2018-01-19",
    origin: mplfinance,
    licence: "MIT",
    quirks: ["split-adjusted (starts at 2.25)"],
  },
  {
    name: "intc",
    file: "intc_daily_1995_2004_mplfinance.csv",
    layout: "ohlcv",
    symbol: "INTC",
    interval: "1d",
    calendar: "business_day",
    closesOnly: false,
    description: "INTC, daily, 1995-01-03 .. 2004-04-08",
    origin: mplfinance,
    licence: "MIT",
    quirks: [],
  },
  {
    name: "dow30",
    file: "dowjones30_close_daily_1990_2001_fBasics.csv",
    layout: "wide_close",
    interval: "1d",
    calendar: "business_day",
    closesOnly: true,
    description: "closes of the 30 DJIA constituents, daily, 1990-12-31 .. 2001-01-02",
    origin: "R package fBasics, dataset DowJones30",
    licence: "GPL (>= 2)",
    quirks: [
      "closes only (open = high = low = close, volume 0)",
      "first two rows identical (holiday carried forward)",
    ],
  },
  {
    name: "eurusd_h1",
    file: "eurusd_hourly_2017_2018_backtestingpy.csv",
    layout: "ohlcv",
    symbol: "EURUSD",
    interval: "1h",
    calendar: "fx_24x5",
    closesOnly: false,
    description: "EUR/USD, hourly, 2017-04-19 09:00 .. 2018-02-07 15:00",
    origin: "backtesting.py backtesting/test/EURUSD.csv",
    licence: "AGPL-3.0",
    quirks: ["hourly FX: weekend gaps (the market is closed Friday evening to Sunday evening)"],
  },
  {
    name: "eu_indices",
    file: "eustockmarkets_daily_1991_1998_Rdatasets.csv",
    layout: "fractional_year_wide",
    interval: "1d",
    calendar: "business_day",
    closesOnly: true,
    description: "DAX, SMI, CAC, FTSE closes, business days 1991 .. 1998",
    origin: "R datasets::EuStockMarkets (source: Erste Bank AG)",
    licence: "part of R (GPL-2 | GPL-3)",
    quirks: [
      "no calendar dates: t is a fractional year at 260 days a year; mapped to the k-th weekday of the year (approximate dates, holidays unknown)",
      "closes only (open = high = low = close, volume 0)",
    ],
  },
  {
    name: "stocks_monthly",
    file: "stocks_monthly_2000_2010_vega.csv",
    layout: "long_price",
    interval: "1mo",
    calendar: "monthly",
    closesOnly: true,
    description: "monthly prices of MSFT, AMZN, IBM, AAPL, GOOG, 2000-01 .. 2010-03",
    origin: "npm vega-datasets@3.2.1 data/stocks.csv",
    licence: "BSD-3-Clause",
    quirks: [
      "GOOG only 68 months (listed 2004)",
      "closes only (open = high = low = close, volume 0)",
    ],
  },
];

export function bundledDatasetNames(): string[] {
  return BUNDLED_DATASETS.map((d) => d.name);
}

export function findBundledDataset(name: string): BundledDataset | undefined {
  return BUNDLED_DATASETS.find((d) => d.name === name);
}

/**
 * R's EuStockMarkets time `t` (year + k/260 for the k-th business day) → the
 * k-th weekday (Mon–Fri) of that year, epoch ms UTC at midnight. Approximate:
 * the source carries no holiday information.
 */
export function fractionalYearToDate(t: number): number {
  const year = Math.floor(t + 1e-9);
  const k = Math.round((t - year) * 260);
  let day = Date.UTC(year, 0, 1);
  let weekdays = -1;
  for (;;) {
    const dow = new Date(day).getUTCDay();
    if (dow !== 0 && dow !== 6) {
      weekdays++;
      if (weekdays === k) return day;
    }
    day += 86_400_000;
  }
}
