import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";

const bundledDir = fileURLToPath(new URL("../../runtime/data/bundled/", import.meta.url));

/**
 * A deliberately simple, independent CSV → OhlcvPanel reader for tests of
 * numeric code (backtests, HMMs, envs). It handles the single-symbol OHLCV
 * bundled files only; the real loader lives in runtime/data.
 */
export function readOhlcvCsv(fileName: string, symbol = "ASSET"): OhlcvPanel {
  const text = readFileSync(`${bundledDir}${fileName}`, "utf8").trim();
  const [header, ...rows] = text.split(/\r?\n/);
  const cols = header!.split(",").map((c) => c.replaceAll('"', "").trim());
  const idx = (name: string): number => cols.indexOf(name);
  const n = rows.length;
  const field = (): Float64Array => new Float64Array(n);
  const timestamps = field();
  const open = field();
  const high = field();
  const low = field();
  const close = field();
  const volume = field();
  rows.forEach((row, t) => {
    const v = row.split(",");
    timestamps[t] = Date.parse(`${v[idx("date")]!.replace(" ", "T")}Z`);
    open[t] = Number(v[idx("open")]);
    high[t] = Number(v[idx("high")]);
    low[t] = Number(v[idx("low")]);
    close[t] = Number(v[idx("close")]);
    volume[t] = idx("volume") >= 0 ? Number(v[idx("volume")]) : 0;
  });
  return {
    timestamps,
    symbols: [symbol],
    open: [open],
    high: [high],
    low: [low],
    close: [close],
    volume: [volume],
  };
}
