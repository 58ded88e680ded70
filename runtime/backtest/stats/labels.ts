import type { StatisticKey, StatisticLabel } from "./types.js";

/** Display labels and units for every statistic (the result keys are never display strings). */
export const statLabels: Readonly<Record<StatisticKey, StatisticLabel>> = {
  start: { label: "Start", unit: "date", description: "Time of the first bar." },
  end: { label: "End", unit: "date", description: "Time of the last bar." },
  duration: { label: "Duration", unit: "duration", description: "End − Start." },
  exposureTime: {
    label: "Exposure Time",
    unit: "%",
    description: "Share of bars with a position.",
  },
  avgExposure: {
    label: "Avg. Exposure",
    unit: "%",
    description: "Mean absolute fraction of equity invested per bar.",
  },
  equityFinal: { label: "Equity Final", unit: "currency", description: "Equity at the last bar." },
  equityPeak: { label: "Equity Peak", unit: "currency", description: "Highest equity." },
  commissions: {
    label: "Commissions",
    unit: "currency",
    description: "Commissions and fees paid.",
  },
  totalReturn: { label: "Return", unit: "%", description: "Equity Final / first equity − 1." },
  buyAndHoldReturn: {
    label: "Buy & Hold Return",
    unit: "%",
    description: "Last close / first close − 1.",
  },
  annualReturn: {
    label: "Return (Ann.)",
    unit: "%",
    description: "(1 + geometric mean period return)^N − 1.",
  },
  annualVolatility: {
    label: "Volatility (Ann.)",
    unit: "%",
    description: "Volatility of compounded returns over a year.",
  },
  cagr: {
    label: "CAGR",
    unit: "%",
    description: "(final/first)^(1/years) − 1, years = calendar days / N.",
  },
  sharpeRatio: {
    label: "Sharpe Ratio",
    unit: "ratio",
    description: "(Return (Ann.) − rf) / Volatility (Ann.).",
  },
  sortinoRatio: {
    label: "Sortino Ratio",
    unit: "ratio",
    description: "(Return (Ann.) − rf) / annualized downside deviation.",
  },
  calmarRatio: {
    label: "Calmar Ratio",
    unit: "ratio",
    description: "Return (Ann.) / |Max. Drawdown|.",
  },
  alpha: {
    label: "Alpha",
    unit: "%",
    description: "Jensen's alpha: Return − rf − β (Buy & Hold − rf).",
  },
  beta: {
    label: "Beta",
    unit: "ratio",
    description: "cov(strategy, market) / var(market) of per-bar log returns.",
  },
  maxDrawdown: {
    label: "Max. Drawdown",
    unit: "%",
    description: "Deepest fall from a running peak.",
  },
  avgDrawdown: {
    label: "Avg. Drawdown",
    unit: "%",
    description: "Mean depth of the underwater periods.",
  },
  maxDrawdownDuration: {
    label: "Max. Drawdown Duration",
    unit: "duration",
    description: "Longest peak-to-recovery time.",
  },
  avgDrawdownDuration: {
    label: "Avg. Drawdown Duration",
    unit: "duration",
    description: "Mean peak-to-recovery time.",
  },
  tradeCount: { label: "# Trades", unit: "count", description: "Closed trades." },
  winRate: { label: "Win Rate", unit: "%", description: "Share of trades with positive PnL." },
  bestTrade: { label: "Best Trade", unit: "%", description: "Highest trade return." },
  worstTrade: { label: "Worst Trade", unit: "%", description: "Lowest trade return." },
  avgTrade: { label: "Avg. Trade", unit: "%", description: "Geometric mean trade return." },
  maxTradeDuration: {
    label: "Max. Trade Duration",
    unit: "duration",
    description: "Longest exit − entry time.",
  },
  avgTradeDuration: {
    label: "Avg. Trade Duration",
    unit: "duration",
    description: "Mean exit − entry time.",
  },
  profitFactor: {
    label: "Profit Factor",
    unit: "ratio",
    description: "Sum of winning trade returns / |sum of losing trade returns|.",
  },
  expectancy: { label: "Expectancy", unit: "%", description: "Mean trade return." },
  sqn: { label: "SQN", unit: "ratio", description: "√n · mean(PnL) / std(PnL)." },
  kellyCriterion: {
    label: "Kelly Criterion",
    unit: "ratio",
    description: "W − (1 − W) / (avg win / avg loss), on trade PnL.",
  },
  periodsPerYear: {
    label: "Periods per Year",
    unit: "count",
    description: "Annualization factor N.",
  },
  riskFreeRate: { label: "Risk-Free Rate", unit: "%", description: "Annual risk-free rate used." },
};
