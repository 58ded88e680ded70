import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";

const file = fileURLToPath(
  new URL(
    "../../../runtime/data/bundled/dowjones30_close_daily_1990_2001_fBasics.csv",
    import.meta.url,
  ),
);

/** Independent reader of the bundled wide Dow 30 closes (open = high = low = close). */
export function readDow30(symbols?: readonly string[]): OhlcvPanel {
  const [header, ...rows] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const cols = header!.split(",").map((c) => c.replaceAll('"', ""));
  const wanted = symbols ?? cols.slice(1);
  const idx = wanted.map((s) => cols.indexOf(s));
  const n = rows.length;
  const timestamps = new Float64Array(n);
  const close = wanted.map(() => new Float64Array(n));
  rows.forEach((row, t) => {
    const v = row.split(",");
    timestamps[t] = Date.parse(`${v[0]!.replaceAll('"', "")}T00:00:00Z`);
    idx.forEach((c, k) => {
      close[k]![t] = Number(v[c]);
    });
  });
  return {
    timestamps,
    symbols: [...wanted],
    open: close,
    high: close,
    low: close,
    close,
    volume: close.map((c) => new Float64Array(c.length)),
  };
}
