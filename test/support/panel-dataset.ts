import type { OhlcvPanel, Segments } from "../../runtime/contracts/panel.js";
import { barsContentHash } from "../../runtime/data/content-hash.js";
import type { BarColumns } from "../../runtime/data/frame/bar-columns.js";
import { barsToFrame } from "../../runtime/data/frame/canonical-frame.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";

/** The panel's bars in long form, symbol by symbol (the canonical frame's order). */
function panelBars(panel: OhlcvPanel): BarColumns {
  const bars = panel.timestamps.length;
  const rows = bars * panel.symbols.length;
  const column = (values: readonly Float64Array[]): Float64Array => {
    const out = new Float64Array(rows);
    for (const [s, series] of values.entries()) out.set(series, s * bars);
    return out;
  };
  return {
    timestamp: column(panel.symbols.map(() => panel.timestamps)),
    symbol: panel.symbols.flatMap((s) => Array.from({ length: bars }, () => s)),
    open: column(panel.open),
    high: column(panel.high),
    low: column(panel.low),
    close: column(panel.close),
    volume: column(panel.volume),
  };
}

/**
 * The data stage's output for a panel a test built (a fixture CSV read by
 * test/support/csv-panel.ts, a perturbed copy): its canonical frame and
 * content hash, a clean quality report, an alignment that filled nothing,
 * and the given segments, as the stages that read `data` receive it.
 */
export function panelDataset(panel: OhlcvPanel, segments: Segments): MarketDataset {
  const bars = panelBars(panel);
  const n = panel.timestamps.length;
  const none = Object.fromEntries(panel.symbols.map((s) => [s, 0]));
  return {
    frame: barsToFrame(bars),
    panel,
    hash: barsContentHash(bars),
    quality: { file: "test panel", rowsIn: n, rowsOut: n, checks: [], status: "ok" },
    segments,
    segmentsOrigin: "spec",
    alignment: {
      calendar: "union",
      fill: "none",
      limit: null,
      bars: n,
      missing: none,
      filled: none,
      dropped: none,
    },
    provenance: {
      source: "test",
      name: panel.symbols.join(","),
      licence: "test fixture",
      origin: "test/support/panel-dataset.ts",
      quirks: [],
      closesOnly: false,
    },
    calendar: "business_day",
  };
}
