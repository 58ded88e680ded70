import type { OhlcvPanel, Segments } from "../../contracts/panel.js";
import type { QualityReport } from "../../data/quality/quality-report.js";
import { statisticRows } from "../statistic-rows.js";
import type {
  AllocationSection,
  KpiAlertRow,
  ProvenanceSection,
  RiskEventRow,
  ScenarioRow,
  TearSheetInput,
  TradeRow,
} from "../tear-sheet-input.js";
import type { AgentEvaluationSummary } from "./agent-evaluation-file.js";
import type { BacktestReportView } from "./backtest-view.js";
import { returnCorrelations } from "./correlation.js";
import { drawdownPeriodRows } from "./drawdown-periods.js";
import { priceSection } from "./price.js";
import { qualitySummary } from "./quality.js";
import { type RegimeLabels, regimeOverPrice } from "./regimes.js";
import { performanceSeries } from "./series.js";
import { trainingCurvesFromJsonl } from "./training.js";
import { verdictSection } from "./verdict.js";

/** Everything a run can contribute to its tear sheet; only `title` and `backtest` are required. */
export interface TearSheetParts {
  readonly title: string;
  readonly subtitle?: string;
  readonly backtest: BacktestReportView;
  readonly dataset?: {
    readonly panel: OhlcvPanel;
    readonly segments?: Segments;
    readonly quality?: QualityReport;
    /** The whole panel's first and last bar and symbols (the quality summary's; default: `panel`'s). */
    readonly extent?: {
      readonly start: number;
      readonly end: number;
      readonly symbols: readonly string[];
    };
  };
  readonly regime?: RegimeLabels;
  /** Contents of the agent's metrics.jsonl. */
  readonly trainingJsonl?: string;
  readonly scenarios?: readonly ScenarioRow[];
  /** A multi-asset run's allocations (runtime/report/inputs/allocations.ts reads them from the run folder). */
  readonly allocations?: AllocationSection;
  readonly alerts?: readonly KpiAlertRow[];
  readonly provenance?: ProvenanceSection;
  readonly headline?: readonly string[];
  /** An agent's evaluation (stages/signal/evaluation.json), for the verdict's before-overlay figures and seeds. */
  readonly agentEvaluation?: AgentEvaluationSummary;
  /** Types of the risk rules the backtest applied (stages/risk/risk.json); none: no overlay. */
  readonly riskRules?: readonly string[];
  /** Rolling window in bars (default 63, about a quarter of daily bars). */
  readonly rollingWindow?: number;
}

function grossExposure(weights: readonly number[]): number {
  return weights.reduce((s, w) => s + Math.abs(w), 0);
}

function tradeRows(view: BacktestReportView): TradeRow[] {
  return view.trades.map((t) => ({
    symbol: view.symbols[t.symbol] ?? String(t.symbol),
    size: t.size,
    entryTime: t.entryTime,
    exitTime: t.exitTime,
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    pnl: t.pnl,
    returnPct: t.returnPct,
    commission: t.commission,
    ...(t.tag ? { tag: t.tag } : {}),
  }));
}

function riskEventRows(view: BacktestReportView): RiskEventRow[] {
  return (view.riskEvents ?? []).map((e) => ({
    time: e.time,
    bar: e.bar,
    rule: e.rule,
    message: e.message,
    before: grossExposure(e.before),
    after: grossExposure(e.after),
  }));
}

/** Maps a run's stage outputs into the one object the tear sheet is rendered from. */
export function assembleTearSheetInput(parts: TearSheetParts): TearSheetInput {
  const bt = parts.backtest;
  const series = performanceSeries(bt.timestamps, bt.equity, {
    ...(bt.benchmark ? { benchmarkEquity: bt.benchmark.equity } : {}),
    ...(parts.rollingWindow ? { window: parts.rollingWindow } : {}),
    ...(bt.statistics?.periodsPerYear ? { periodsPerYear: bt.statistics.periodsPerYear } : {}),
  });
  const panel = parts.dataset?.panel;
  const test = parts.dataset?.segments?.test;
  const regimes = parts.regime && panel ? regimeOverPrice(parts.regime, panel, test) : undefined;
  const correlation = panel ? returnCorrelations(panel, test) : undefined;
  const price = panel
    ? priceSection(panel, bt.timestamps, bt.trades, bt.openTrades ?? [])
    : undefined;
  const training = parts.trainingJsonl ? trainingCurvesFromJsonl(parts.trainingJsonl) : [];
  const verdict = verdictSection({
    backtest: bt,
    ...(parts.riskRules ? { riskRules: parts.riskRules } : {}),
    ...(parts.agentEvaluation ? { evaluation: parts.agentEvaluation } : {}),
  });
  return {
    title: parts.title,
    ...(parts.subtitle ? { subtitle: parts.subtitle } : {}),
    ...(parts.headline ? { headline: parts.headline } : {}),
    ...(verdict ? { verdict } : {}),
    ...(bt.statistics
      ? { statistics: statisticRows(bt.statistics, bt.benchmark?.statistics) }
      : {}),
    equity: {
      strategy: { times: bt.timestamps, values: bt.equity },
      strategyLabel: bt.name ?? "strategy",
      ...(bt.benchmark
        ? {
            benchmark: { times: bt.timestamps, values: bt.benchmark.equity },
            benchmarkLabel: bt.benchmark.name,
          }
        : {}),
      ...(bt.baseline
        ? {
            baseline: { times: bt.timestamps, values: bt.baseline.equity },
            baselineLabel: `${bt.baseline.name} (baseline)`,
          }
        : {}),
    },
    drawdown: series.drawdown,
    ...(series.benchmarkDrawdown ? { benchmarkDrawdown: series.benchmarkDrawdown } : {}),
    drawdownPeriods: drawdownPeriodRows(bt.timestamps, bt.equity),
    ...(parts.allocations ? { allocations: parts.allocations } : {}),
    ...(price ? { price } : {}),
    monthlyReturns: series.monthlyReturns,
    yearlyReturns: series.yearlyReturns,
    rolling: series.rolling,
    returnDistribution: series.returnDistribution,
    trades: tradeRows(bt),
    riskEvents: riskEventRows(bt),
    ...(regimes ? { regimes } : {}),
    ...(training.length ? { training } : {}),
    ...(parts.dataset?.quality
      ? {
          quality: qualitySummary(
            parts.dataset.quality,
            parts.dataset.extent
              ? {
                  timestamps: Float64Array.of(parts.dataset.extent.start, parts.dataset.extent.end),
                  symbols: parts.dataset.extent.symbols,
                }
              : parts.dataset.panel,
          ),
        }
      : {}),
    ...(correlation ? { correlation } : {}),
    ...(parts.scenarios?.length ? { scenarios: parts.scenarios } : {}),
    ...(parts.alerts?.length ? { alerts: parts.alerts } : {}),
    ...(parts.provenance ? { provenance: parts.provenance } : {}),
  };
}
