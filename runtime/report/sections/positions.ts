import { allocationsChart } from "../charts/allocations.js";
import { assetContributionChart } from "../charts/asset-contribution.js";
import { priceTradesChart } from "../charts/price-trades.js";
import { formatDate, formatValue, signClass } from "../format.js";
import type { TableView } from "../section-views.js";
import type { DrawdownPeriodRow } from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";

/** What the strategy held and traded: allocations, per-asset contribution, price with trades, drawdown periods. */

/** A multi-asset run's weights over time (held and target) and each asset's contribution. */
export const allocationsSection: SectionBuilder = (input) => {
  const a = input.allocations;
  if (!a || a.symbols.length < 2 || a.times.length === 0) return undefined;
  const total = a.contributions.reduce(
    (sum, c) => sum + (Number.isFinite(c.contribution) ? c.contribution : 0),
    0,
  );
  return {
    id: "allocations",
    title: "Allocations",
    notes: [
      "Held: each symbol's and cash's share of equity at every close. Target: the weights the strategy asked for at that bar, before the risk overlay (filled at the next bar with fill: next_open).",
    ],
    chartSpecs: [
      allocationsChart(a, { kind: "actual" }),
      allocationsChart(a, { kind: "target" }),
      assetContributionChart(a.contributions),
    ],
    tables: [
      {
        headers: ["symbol", "mean weight", "final weight", "P&L", "contribution to return"],
        numeric: [1, 2, 3, 4],
        rows: [
          ...a.contributions.map((c) => [
            { text: c.symbol },
            { text: formatValue(c.averageWeight, "percent") },
            { text: formatValue(c.finalWeight, "percent") },
            { text: formatValue(c.pnl, "currency"), cls: signClass(c.pnl) },
            { text: formatValue(c.contribution, "percent"), cls: signClass(c.contribution) },
          ]),
          [
            { text: "all assets" },
            { text: "" },
            { text: "" },
            { text: "" },
            { text: formatValue(total, "percent"), cls: signClass(total) },
          ],
        ],
        note: "P&L per symbol includes its fills, commissions, borrow and the marked position; the contributions add up to the return on the initial capital.",
      },
    ],
  };
};

/** A single-asset run's price with its trades' entries and exits, volume beneath. */
export const priceSection: SectionBuilder = (input) => {
  const p = input.price;
  if (!p || p.close.values.length < 2) return undefined;
  const entries = p.markers.filter((m) => m.kind === "entry").length;
  const exits = p.markers.length - entries;
  return {
    id: "price",
    title: "Price and trades",
    notes: [
      `${entries} entries (▲ long, ▼ short) and ${exits} exits (●) at their fill prices on ${p.symbol}'s close.`,
    ],
    chartSpecs: [priceTradesChart(p)],
  };
};

/** The worst drawdown periods as a table: start (peak), trough, recovery, depth, length. */
export function drawdownPeriodsTable(periods: readonly DrawdownPeriodRow[]): TableView {
  return {
    headers: ["#", "start (peak)", "trough", "recovery", "depth", "length (bars)", "length (days)"],
    numeric: [0, 4, 5, 6],
    rows: periods.map((p, k) => [
      { text: String(k + 1) },
      { text: formatDate(p.start) },
      { text: formatDate(p.trough) },
      p.recovery === null
        ? { text: "not recovered", cls: "warn" }
        : { text: formatDate(p.recovery) },
      { text: formatValue(p.depth, "percent"), cls: "neg" },
      { text: formatValue(p.bars, "count") },
      { text: formatValue(p.days, "count") },
    ]),
    note: "A period runs from the peak to the first bar back at it (or to the last bar when not recovered); depth is trough / peak − 1.",
  };
}
