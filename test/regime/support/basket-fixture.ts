import { writeFileSync } from "node:fs";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";

/**
 * A small multi-asset market for regime tests: weekdays from 2015-01-05,
 * symbols AAA, BBB, CCC with alternating calm (0.4 % daily) and volatile
 * (2.5 %) blocks of 60 bars, from a seeded generator. CCC misses every 37th
 * bar (an unevenly listed basket, as in the Dow 30 file); DDD, when asked
 * for, trades only the first `dddBars` bars (a delisted symbol).
 */
export interface BasketFixture {
  readonly dates: readonly string[];
  readonly symbols: readonly string[];
  /** close[s][t], NaN where the symbol has no bar. */
  readonly close: readonly Float64Array[];
}

export function basketFixture(bars = 700, options: { dddBars?: number } = {}): BasketFixture {
  const dates: string[] = [];
  const day = new Date(Date.UTC(2015, 0, 5));
  while (dates.length < bars) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  let seed = 12345;
  const uniform = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed + 0.5) / 2147483648;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const symbols = ["AAA", "BBB", "CCC", ...(options.dddBars ? ["DDD"] : [])];
  const close = symbols.map((symbol, s) => {
    const out = new Float64Array(bars);
    let price = 50 + 10 * s;
    for (let t = 0; t < bars; t++) {
      const vol = Math.floor(t / 60) % 2 === 0 ? 0.004 : 0.025;
      price *= Math.exp(0.0003 + vol * normal());
      const missing =
        (symbol === "CCC" && t % 37 === 36) || (symbol === "DDD" && t >= options.dddBars!);
      out[t] = missing ? Number.NaN : price;
    }
    return out;
  });
  return { dates, symbols, close };
}

/** The fixture as a long CSV (date,symbol,open,high,low,close,volume); missing bars are absent rows. */
export function writeBasketCsv(file: string, fixture: BasketFixture): void {
  const rows = ["date,symbol,open,high,low,close,volume"];
  fixture.symbols.forEach((symbol, s) => {
    fixture.dates.forEach((date, t) => {
      const c = fixture.close[s]![t]!;
      if (Number.isNaN(c)) return;
      const p = c.toFixed(6);
      rows.push(`${date},${symbol},${p},${p},${p},${p},1000000`);
    });
  });
  writeFileSync(file, `${rows.join("\n")}\n`);
}

/** The fixture as an in-memory panel (closes only: open = high = low = close). */
export function basketPanel(fixture: BasketFixture): OhlcvPanel {
  const timestamps = Float64Array.from(fixture.dates, (d) => Date.parse(`${d}T00:00:00Z`));
  const rounded = fixture.close.map((row) =>
    row.map((v) => (Number.isNaN(v) ? v : Number(v.toFixed(6)))),
  );
  return {
    timestamps,
    symbols: fixture.symbols,
    open: rounded,
    high: rounded,
    low: rounded,
    close: rounded,
    volume: rounded.map((row) => row.map((v) => (Number.isNaN(v) ? v : 1e6))),
  };
}
