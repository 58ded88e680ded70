import { formatDate, formatValue, signClass } from "../format.js";
import { headlineStatistics } from "../headline.js";
import type { CellView, KpiTileView } from "../section-views.js";
import type { StatisticRow, TradeRow } from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";

/** The tabular sections: headline tiles, statistics, trades, risk events, quality, alerts. */

/** Formats for which a higher value is worse, so the difference is colored the other way. */
const LOWER_IS_BETTER = new Set([
  "annualVolatility",
  "maxDrawdownDuration",
  "avgDrawdownDuration",
  "commissions",
]);

function differenceCell(row: StatisticRow): CellView {
  if (row.benchmark === undefined || row.benchmark === null || row.strategy === null) {
    return { text: "" };
  }
  if (row.format === "date") return { text: "" };
  const diff = row.strategy - row.benchmark;
  const shown = row.format === "count" ? "number" : row.format;
  const sign = LOWER_IS_BETTER.has(row.key) ? -diff : diff;
  const text = formatValue(diff, shown);
  return { text: diff > 0 ? `+${text}` : text, cls: signClass(sign) };
}

export const kpisSection: SectionBuilder = (input) => {
  const tiles: KpiTileView[] = headlineStatistics(input).map((row) => {
    const key = row.key;
    const sub =
      row.benchmark !== undefined && row.benchmark !== null
        ? `benchmark ${formatValue(row.benchmark, row.format)}`
        : undefined;
    const signed =
      (row.format === "percent" || row.format === "ratio") && !LOWER_IS_BETTER.has(key);
    const cls = signed ? signClass(row.strategy) : "";
    return {
      label: row.label,
      value: formatValue(row.strategy, row.format),
      cls,
      ...(sub ? { sub } : {}),
    };
  });
  return tiles.length ? { id: "kpis", title: "Headline", tiles } : undefined;
};

export const statisticsSection: SectionBuilder = (input) => {
  const stats = input.statistics ?? [];
  if (!stats.length) return undefined;
  const withBenchmark = stats.some((s) => s.benchmark !== undefined && s.benchmark !== null);
  const headers = withBenchmark
    ? ["statistic", "strategy", "benchmark", "difference"]
    : ["statistic", "strategy"];
  const rows = stats.map((s) => [
    { text: s.label },
    { text: formatValue(s.strategy, s.format) },
    ...(withBenchmark ? [{ text: formatValue(s.benchmark, s.format) }, differenceCell(s)] : []),
  ]);
  return {
    id: "statistics",
    title: "Statistics",
    tables: [{ headers, rows, numeric: withBenchmark ? [1, 2, 3] : [1] }],
  };
};

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

export const riskEventsSection: SectionBuilder = (input) => {
  const events = input.riskEvents ?? [];
  if (!events.length) return undefined;
  const perRule = new Map<string, number>();
  for (const e of events) perRule.set(e.rule, (perRule.get(e.rule) ?? 0) + 1);
  return {
    id: "risk_events",
    title: `Risk events (${events.length})`,
    notes: [[...perRule].map(([rule, n]) => `${rule}: ${n}`).join(" · ")],
    tables: [
      {
        headers: ["date", "rule", "exposure before", "exposure after", "what happened"],
        numeric: [2, 3],
        rows: events
          .slice(0, 300)
          .map((e) => [
            { text: formatDate(e.time) },
            { text: e.rule },
            { text: formatValue(e.before, "ratio") },
            { text: formatValue(e.after, "ratio") },
            { text: e.message },
          ]),
        ...(events.length > 300
          ? { note: `showing the first 300 of ${events.length} events` }
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
