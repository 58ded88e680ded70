/**
 * The backtest stage's files (runtime/backtest/stage.ts) as the report reads
 * them: `backtest.json` (segment, symbols, each curve's name and statistics,
 * the risk events), `equity.csv` (every curve's equity per bar, full
 * precision) and `trades.csv` (the strategy's closed and open trades).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RiskEvent, Trade } from "../../contracts/portfolio.js";
import type { BarRange } from "../../contracts/panel.js";
import { readJsonStateFile } from "../../core/state-file.js";
import { splitLine } from "../../backtest/allocation-files.js";
import type { Statistics } from "../../backtest/stats/types.js";
import type { BacktestReportView } from "./backtest-view.js";

export const BACKTEST_DIR = join("stages", "backtest");
export const BACKTEST_FILE = join(BACKTEST_DIR, "backtest.json");

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A backtest view read from a run folder, with the panel bars it covers. */
export interface BacktestFiles {
  readonly view: BacktestReportView;
  readonly range?: BarRange;
}

/** Statistics as computed: JSON wrote NaN (and ±Infinity) as null. */
function statistics(value: unknown): Partial<Statistics> | undefined {
  if (!isObject(value)) return undefined;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) out[key] = v === null ? Number.NaN : v;
  return out as Partial<Statistics>;
}

function parseEquity(text: string): { times: Float64Array; columns: Map<string, Float64Array> } {
  const lines = text.split("\n").filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const times = Float64Array.from(rows, (r) => Date.parse(r[0] ?? ""));
  const columns = new Map<string, Float64Array>();
  header.forEach((name, c) => {
    if (c === 0) return;
    columns.set(
      name.replace(/_equity$/, ""),
      Float64Array.from(rows, (r) =>
        r[c] === undefined || r[c] === "" ? Number.NaN : Number(r[c]),
      ),
    );
  });
  return { times, columns };
}

function parseTrades(
  text: string,
  symbols: readonly string[],
  times: Float64Array,
  tags: readonly (string | null)[] | undefined,
): { trades: Trade[]; openTrades: Trade[] } {
  const trades: Trade[] = [];
  const openTrades: Trade[] = [];
  const barOf = (time: number) => times.indexOf(time);
  let k = 0;
  for (const line of text.split("\n").slice(1)) {
    if (line.length === 0) continue;
    const f = splitLine(line);
    if (f[0] !== "strategy") continue;
    // role, symbol…, then 9 fixed columns (a symbol may hold a comma).
    const tail = f.slice(-9).map((v) => v ?? "");
    const symbol = f.slice(1, f.length - 9).join(",");
    const entryTime = Date.parse(tail[1]!);
    const exitTime = Date.parse(tail[2]!);
    const tag = tags?.[k++];
    const trade: Trade = {
      symbol: symbols.indexOf(symbol),
      size: Number(tail[0]),
      entryBar: barOf(entryTime),
      exitBar: barOf(exitTime),
      entryPrice: Number(tail[3]),
      exitPrice: Number(tail[4]),
      entryTime,
      exitTime,
      pnl: Number(tail[5]),
      returnPct: Number(tail[6]),
      commission: Number(tail[7]),
      ...(typeof tag === "string" ? { tag } : {}),
    };
    (tail[8] === "true" ? openTrades : trades).push(trade);
  }
  return { trades, openTrades };
}

function riskEvents(value: unknown): RiskEvent[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((e) => ({
    bar: Number(e.bar),
    time: Number(e.time),
    rule: String(e.rule),
    message: String(e.message),
    before: Array.isArray(e.before)
      ? e.before.map((v) => (v === null ? Number.NaN : Number(v)))
      : [],
    after: Array.isArray(e.after) ? e.after.map((v) => (v === null ? Number.NaN : Number(v))) : [],
  }));
}

/** The run folder's backtest files as a report view; undefined when the backtest left none. */
export function readBacktestFiles(runDir: string): BacktestFiles | undefined {
  const jsonFile = join(runDir, BACKTEST_FILE);
  const equityFile = join(runDir, BACKTEST_DIR, "equity.csv");
  if (!existsSync(jsonFile) || !existsSync(equityFile)) return undefined;
  const doc = readJsonStateFile(jsonFile, BACKTEST_FILE);
  if (!isObject(doc)) return undefined;
  const symbols = Array.isArray(doc.symbols) ? doc.symbols.map(String) : [];
  const results = Array.isArray(doc.results) ? doc.results.filter(isObject) : [];
  const byRole = new Map(results.map((r) => [String(r.role), r]));
  const { times, columns } = parseEquity(readFileSync(equityFile, "utf8"));
  const strategy = byRole.get("strategy");
  const tradesFile = join(runDir, BACKTEST_DIR, "trades.csv");
  const tags = Array.isArray(strategy?.tradeTags)
    ? strategy.tradeTags.map((t) => (typeof t === "string" ? t : null))
    : undefined;
  const { trades, openTrades } = existsSync(tradesFile)
    ? parseTrades(readFileSync(tradesFile, "utf8"), symbols, times, tags)
    : { trades: [], openTrades: [] };
  const curve = (role: "benchmark" | "baseline") => {
    const r = byRole.get(role);
    const equity = columns.get(role);
    if (!r || !equity) return undefined;
    const stats = statistics(r.statistics);
    return { name: String(r.name), equity, ...(stats ? { statistics: stats } : {}) };
  };
  const benchmark = curve("benchmark");
  const baseline = curve("baseline");
  const stats = statistics(strategy?.statistics);
  const range = isObject(doc.range)
    ? { start: Number(doc.range.start), end: Number(doc.range.end) }
    : undefined;
  const view: BacktestReportView = {
    timestamps: times,
    equity: columns.get("strategy") ?? new Float64Array(times.length).fill(Number.NaN),
    symbols,
    trades,
    openTrades,
    riskEvents: riskEvents(doc.riskEvents),
    ...(stats ? { statistics: stats } : {}),
    ...(strategy ? { name: String(strategy.name) } : {}),
    ...(typeof doc.segment === "string" ? { segment: doc.segment } : {}),
    ...(benchmark ? { benchmark } : {}),
    ...(baseline ? { baseline } : {}),
  };
  return { view, ...(range ? { range } : {}) };
}
