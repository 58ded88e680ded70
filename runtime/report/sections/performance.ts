import { drawdownChart } from "../charts/drawdown.js";
import { equityChart } from "../charts/equity.js";
import { monthlyHeatmapChart } from "../charts/monthly-heatmap.js";
import { returnDistributionChart } from "../charts/return-distribution.js";
import { rollingBetaChart } from "../charts/rolling-beta.js";
import { rollingSharpeChart } from "../charts/rolling-sharpe.js";
import { rollingVolatilityChart } from "../charts/rolling-volatility.js";
import { yearlyReturnsChart } from "../charts/yearly-returns.js";
import type { TimeSeries } from "../tear-sheet-input.js";
import { drawdownPeriodsTable } from "./positions.js";
import type { SectionBuilder } from "./section-plan.js";

/** The performance charts: equity, underwater, calendar returns, rolling metrics, distribution. */

const hasPoints = (s: TimeSeries | undefined): s is TimeSeries =>
  s !== undefined && s.values.length > 0;

export const equitySection: SectionBuilder = (input, options) =>
  input.equity && hasPoints(input.equity.strategy)
    ? {
        id: "equity",
        title: "Equity",
        chartSpecs: [equityChart(input.equity, { logScale: options.logScale ?? false })],
      }
    : undefined;

export const drawdownSection: SectionBuilder = (input) => {
  if (!hasPoints(input.drawdown)) return undefined;
  const periods = input.drawdownPeriods ?? [];
  return {
    id: "drawdown",
    title: "Drawdown",
    chartSpecs: [drawdownChart(input.drawdown, { periods })],
    ...(periods.length
      ? {
          tables: [
            {
              ...drawdownPeriodsTable(periods),
              caption: `Worst ${periods.length} drawdown periods`,
            },
          ],
        }
      : {}),
  };
};

export const monthlyReturnsSection: SectionBuilder = (input) =>
  input.monthlyReturns?.length
    ? {
        id: "monthly_returns",
        title: "Monthly returns",
        chartSpecs: [monthlyHeatmapChart(input.monthlyReturns)],
      }
    : undefined;

export const yearlyReturnsSection: SectionBuilder = (input) =>
  input.yearlyReturns?.length
    ? {
        id: "yearly_returns",
        title: "Yearly returns",
        chartSpecs: [
          yearlyReturnsChart(input.yearlyReturns, {
            ...(input.equity?.strategyLabel ? { strategyLabel: input.equity.strategyLabel } : {}),
            ...(input.equity?.benchmarkLabel
              ? { benchmarkLabel: input.equity.benchmarkLabel }
              : {}),
          }),
        ],
      }
    : undefined;

export const rollingSection: SectionBuilder = (input) => {
  const r = input.rolling;
  if (!r) return undefined;
  const specs = [
    ...(hasPoints(r.sharpe) ? [rollingSharpeChart(r.sharpe, r.window)] : []),
    ...(hasPoints(r.volatility) ? [rollingVolatilityChart(r.volatility, r.window)] : []),
    ...(hasPoints(r.beta) ? [rollingBetaChart(r.beta, r.window)] : []),
  ];
  return specs.length ? { id: "rolling", title: "Rolling metrics", chartSpecs: specs } : undefined;
};

export const returnDistributionSection: SectionBuilder = (input) =>
  input.returnDistribution && input.returnDistribution.strategy.length > 1
    ? {
        id: "return_distribution",
        title: "Return distribution",
        chartSpecs: [returnDistributionChart(input.returnDistribution)],
      }
    : undefined;
