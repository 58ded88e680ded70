import { formatDate, formatValue, signClass } from "../format.js";
import type { CellView } from "../section-views.js";
import type { TradeRow } from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";

/** The tabular sections: trades, data quality, KPI alerts. */

function tradeCells(t: TradeRow, index: number): CellView[] {
  return [
    { text: String(index + 1) },
    { text: t.symbol },
    { text: t.size > 0 ? "long" : "short" },
    { text: formatValue(Math.abs(t.size), "number") },
    { text: formatDate(t.entryTime) },
    { text: formatDate(t.exitTime) },
    { text: formatValue(t.entryPrice, "currency") },
    { text: formatValue(t.exitPrice, "currency") },
    { text: formatValue(t.pnl, "currency"), cls: signClass(t.pnl) },
    { text: formatValue(t.returnPct, "percent"), cls: signClass(t.returnPct) },
  ];
}

export const tradesSection: SectionBuilder = (input, options) => {
  const trades = input.trades ?? [];
  if (!trades.length) return undefined;
  const max = options.maxTrades ?? 200;
  const indexed = trades.map((t, i) => ({ t, i }));
  const shown =
    trades.length <= max
      ? indexed
      : [...indexed.slice(0, Math.ceil(max / 2)), ...indexed.slice(-Math.floor(max / 2))];
  const wins = trades.filter((t) => t.pnl > 0).length;
  const total = trades.reduce((s, t) => s + t.pnl, 0);
  return {
    id: "trades",
    title: `Trades (${trades.length})`,
    notes: [
      `${wins} of ${trades.length} trades won (${formatValue(wins / trades.length, "percent")}); total P&L ${formatValue(total, "currency")}.`,
    ],
    tables: [
      {
        headers: [
          "#",
          "symbol",
          "side",
          "size",
          "entry",
          "exit",
          "entry price",
          "exit price",
          "P&L",
          "return",
        ],
        numeric: [0, 3, 6, 7, 8, 9],
        rows: shown.map(({ t, i }) => tradeCells(t, i)),
        ...(trades.length > max
          ? {
              note: `showing the first ${Math.ceil(max / 2)} and last ${Math.floor(max / 2)} of ${trades.length} trades`,
            }
          : {}),
      },
    ],
  };
};

export const dataQualitySection: SectionBuilder = (input) => {
  const q = input.quality;
  if (!q || (!q.checks.length && q.rows === undefined)) return undefined;
  const facts = [
    q.rows !== undefined ? `${formatValue(q.rows, "count")} rows` : undefined,
    q.symbols !== undefined ? `${formatValue(q.symbols, "count")} symbols` : undefined,
    q.start !== undefined && q.end !== undefined
      ? `${formatDate(q.start)} → ${formatDate(q.end)}`
      : undefined,
  ].filter((f): f is string => f !== undefined);
  return {
    id: "data_quality",
    title: "Data quality",
    notes: facts.length ? [facts.join(" · ")] : [],
    tables: q.checks.length
      ? [
          {
            headers: ["check", "status", "detail"],
            rows: q.checks.map((c) => [
              { text: c.check },
              {
                text: c.status,
                cls: c.status === "ok" ? "pos" : c.status === "warning" ? "warn" : "neg",
              },
              { text: c.detail },
            ]),
          },
        ]
      : [],
  };
};

export const alertsSection: SectionBuilder = (input) => {
  const alerts = input.alerts ?? [];
  if (!alerts.length) return undefined;
  return {
    id: "alerts",
    title: "KPI checks",
    tables: [
      {
        headers: ["KPI", "value", "alert when", "status"],
        numeric: [1],
        rows: alerts.map((a) => [
          { text: a.name },
          { text: formatValue(a.value, "number") },
          { text: `${a.direction} ${formatValue(a.threshold, "number")}` },
          a.triggered ? { text: `ALERT: ${a.message}`, cls: "neg" } : { text: "ok", cls: "pos" },
        ]),
      },
    ],
  };
};
