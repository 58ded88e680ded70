export {
  type AllocationsChartOptions,
  allocationsChart,
  MAX_ALLOCATION_BARS,
} from "./allocations.js";
export { assetContributionChart } from "./asset-contribution.js";
export type { ChartSize, ChartSpec, RenderedChart } from "./chart.js";
export { PALETTE } from "./chart.js";
export { comparisonDrawdownChart, comparisonEquityChart, type NamedSeries } from "./comparison.js";
export { correlationNetwork, correlationNetworkChart } from "./correlation-network.js";
export { decimateIndexes } from "./decimate.js";
export { type DrawdownChartOptions, drawdownChart } from "./drawdown.js";
export { type EquityChartOptions, equityChart } from "./equity.js";
export {
  type MetricDistributionOptions,
  metricDistributionChart,
} from "./metric-distribution.js";
export { monthlyHeatmapChart } from "./monthly-heatmap.js";
export { svgToPng } from "./png.js";
export {
  MAX_TRADE_MARKERS,
  type PriceTradesChartOptions,
  priceTradesChart,
} from "./price-trades.js";
export { renderChart, renderCharts, uniquifyIds } from "./render.js";
export { histogramBins, returnDistributionChart } from "./return-distribution.js";
export { regimeProbabilityChart } from "./regime-probability.js";
export { regimeSpans, regimesChart } from "./regimes.js";
export { type RiskEpisodesChartOptions, riskEpisodesChart } from "./risk-episodes.js";
export { rollingBetaChart } from "./rolling-beta.js";
export { rollingSharpeChart } from "./rolling-sharpe.js";
export { rollingVolatilityChart } from "./rolling-volatility.js";
export { scenarioAnalysisChart } from "./scenario-analysis.js";
export {
  type SweepHeatmapCell,
  type SweepHeatmapOptions,
  sweepHeatmapChart,
} from "./sweep-heatmap.js";
export { type SweepLineOptions, type SweepLinePoint, sweepLineChart } from "./sweep-line.js";
export { trainingCurvesChart } from "./training-curves.js";
export { yearlyReturnsChart } from "./yearly-returns.js";
