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
    description:
      "Commissions and fees of the closed trades (both legs), as backtesting.py; every fill's: Commissions (all fills).",
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
    description:
      "(1 + geometric mean of the period returns)^N − 1 (no return for the first period).",
  },
  annualVolatility: {
    label: "Volatility (Ann.)",
    unit: "%",
    description: "Volatility of compounded returns over a year.",
  },
  cagr: {
    label: "CAGR",
    unit: "%",
    description: "(final/first)^(1/years) − 1, years = calendar days / 365.25.",
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
  tradeCount: {
    label: "# Trades",
    unit: "count",
    description:
      "Closed round trips: a position opened from flat and closed (or flipped). Rebalancing an open position is not a trade: see # Orders.",
  },
  orderCount: {
    label: "# Orders",
    unit: "count",
    description: "Fills executed, one per symbol and bar traded, rebalances included.",
  },
  openTradeCount: {
    label: "# Open Trades",
    unit: "count",
    description: "Round trips still open at the last bar (not in the trade statistics).",
  },
  feesPaid: {
    label: "Commissions (all fills)",
    unit: "currency",
    description:
      "Commissions charged on every fill: closed and open trades and rebalances (Commissions counts closed trades only).",
  },
  winRate: { label: "Win Rate", unit: "%", description: "Share of trades with positive PnL." },
  bestTrade: {
    label: "Best Trade",
    unit: "%",
    description: "Highest trade return (net of commissions).",
  },
  worstTrade: {
    label: "Worst Trade",
    unit: "%",
    description: "Lowest trade return (net of commissions).",
  },
  avgTrade: {
    label: "Avg. Trade",
    unit: "%",
    description: "Geometric mean trade return (net of commissions).",
  },
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
  expectancy: {
    label: "Expectancy",
    unit: "%",
    description: "Mean trade return (net of commissions).",
  },
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
  // QuantStats (on period returns: daily, or weekly/monthly bars' own period)
  timeInMarket: {
    label: "Time in Market",
    unit: "%",
    description: "Share of periods with a non-zero return.",
  },
  cagrByPeriods: {
    label: "CAGR (QuantStats)",
    unit: "%",
    description: "(1 + compounded return)^(N / periods) − 1.",
  },
  arithmeticSharpeRatio: {
    label: "Sharpe (arithmetic)",
    unit: "ratio",
    description: "mean(excess) / std · √N.",
  },
  probabilisticSharpeRatio: {
    label: "Prob. Sharpe Ratio",
    unit: "%",
    description: "P(true Sharpe > 0), Bailey & López de Prado.",
  },
  smartSharpeRatio: {
    label: "Smart Sharpe",
    unit: "ratio",
    description: "Sharpe with the autocorrelation penalty.",
  },
  arithmeticSortinoRatio: {
    label: "Sortino (arithmetic)",
    unit: "ratio",
    description: "mean(excess) / sqrt(Σ neg² / n) · √N.",
  },
  smartSortinoRatio: {
    label: "Smart Sortino",
    unit: "ratio",
    description: "Sortino with the autocorrelation penalty.",
  },
  adjustedSortinoRatio: {
    label: "Sortino/√2",
    unit: "ratio",
    description: "Arithmetic Sortino / √2 (comparable to Sharpe).",
  },
  smartAdjustedSortinoRatio: {
    label: "Smart Sortino/√2",
    unit: "ratio",
    description: "Smart Sortino / √2.",
  },
  omegaRatio: {
    label: "Omega",
    unit: "ratio",
    description: "Σ gains above 0 / Σ losses below 0 (excess returns).",
  },
  maxDrawdownStart: {
    label: "Max DD Period Start",
    unit: "date",
    description: "First period under water in the deepest drawdown.",
  },
  maxDrawdownValley: {
    label: "Max DD Date",
    unit: "date",
    description: "Bottom of the deepest drawdown.",
  },
  maxDrawdownEnd: {
    label: "Max DD Period End",
    unit: "date",
    description: "Last period under water in the deepest drawdown.",
  },
  longestDrawdownDays: {
    label: "Longest DD Days",
    unit: "count",
    description:
      "Calendar days of the longest drawdown (first to last day under water, inclusive).",
  },
  avgDrawdownDays: {
    label: "Avg. Drawdown Days",
    unit: "count",
    description: "Mean calendar days of the drawdowns.",
  },
  stdVolatility: {
    label: "Volatility (ann., std)",
    unit: "%",
    description: "std(period returns) · √N.",
  },
  calmarRatioByPeriods: {
    label: "Calmar (QuantStats)",
    unit: "ratio",
    description: "CAGR (QuantStats) / |Max. Drawdown|.",
  },
  skew: { label: "Skew", unit: "ratio", description: "Sample skewness of period returns." },
  kurtosis: {
    label: "Kurtosis",
    unit: "ratio",
    description: "Sample excess kurtosis of period returns.",
  },
  ulcerIndex: { label: "Ulcer Index", unit: "ratio", description: "sqrt(Σ drawdown² / (n − 1))." },
  ulcerPerformanceIndex: {
    label: "Ulcer Performance Index",
    unit: "ratio",
    description: "(compounded return − rf) / Ulcer Index.",
  },
  riskAdjustedReturn: {
    label: "Risk-Adjusted Return",
    unit: "%",
    description: "CAGR (QuantStats) / Time in Market.",
  },
  riskReturnRatio: {
    label: "Risk-Return Ratio",
    unit: "ratio",
    description: "mean / std of period returns.",
  },
  avgPeriodReturn: { label: "Avg. Return", unit: "%", description: "Mean non-zero period return." },
  avgPeriodWin: { label: "Avg. Win", unit: "%", description: "Mean positive period return." },
  avgPeriodLoss: { label: "Avg. Loss", unit: "%", description: "Mean negative period return." },
  payoffRatio: {
    label: "Payoff Ratio",
    unit: "ratio",
    description: "Avg. win / |avg. loss| (= Win/Loss Ratio).",
  },
  profitRatio: {
    label: "Profit Ratio",
    unit: "ratio",
    description: "(mean win / #wins) / |mean loss / #losses|.",
  },
  expectedDailyReturn: {
    label: "Expected Daily",
    unit: "%",
    description: "Geometric mean period return.",
  },
  expectedMonthlyReturn: {
    label: "Expected Monthly",
    unit: "%",
    description: "Geometric mean monthly return.",
  },
  expectedYearlyReturn: {
    label: "Expected Yearly",
    unit: "%",
    description: "Geometric mean yearly return.",
  },
  periodKellyCriterion: {
    label: "Kelly Criterion (periods)",
    unit: "%",
    description: "(b·p − q) / b on period returns.",
  },
  riskOfRuin: { label: "Risk of Ruin", unit: "%", description: "((1 − w) / (1 + w))^n." },
  valueAtRisk: {
    label: "Daily Value-at-Risk",
    unit: "%",
    description: "Parametric 95% VaR: mean + std · Φ⁻¹(0.05).",
  },
  conditionalValueAtRisk: {
    label: "Expected Shortfall (cVaR)",
    unit: "%",
    description: "Parametric 95% expected shortfall.",
  },
  historicalValueAtRisk: {
    label: "Historical VaR",
    unit: "%",
    description: "Empirical 5% quantile of period returns.",
  },
  historicalConditionalValueAtRisk: {
    label: "Historical cVaR",
    unit: "%",
    description: "Mean of period returns at or below the 5% quantile.",
  },
  maxConsecutiveWins: {
    label: "Max Consecutive Wins",
    unit: "count",
    description: "Longest run of positive periods.",
  },
  maxConsecutiveLosses: {
    label: "Max Consecutive Losses",
    unit: "count",
    description: "Longest run of negative periods.",
  },
  gainPainRatio: {
    label: "Gain/Pain Ratio",
    unit: "ratio",
    description: "Σ returns / |Σ negative returns|.",
  },
  gainPainRatioMonthly: {
    label: "Gain/Pain (1M)",
    unit: "ratio",
    description: "Gain/pain on monthly sums.",
  },
  periodProfitFactor: {
    label: "Profit Factor (periods)",
    unit: "ratio",
    description: "Σ non-negative / |Σ negative| period returns.",
  },
  commonSenseRatio: {
    label: "Common Sense Ratio",
    unit: "ratio",
    description: "Profit factor (periods) · tail ratio.",
  },
  cpcIndex: {
    label: "CPC Index",
    unit: "ratio",
    description: "Profit factor · win rate · payoff ratio (periods).",
  },
  tailRatio: {
    label: "Tail Ratio",
    unit: "ratio",
    description: "|95th percentile / 5th percentile|.",
  },
  outlierWinRatio: {
    label: "Outlier Win Ratio",
    unit: "ratio",
    description: "99th percentile / mean non-negative return.",
  },
  outlierLossRatio: {
    label: "Outlier Loss Ratio",
    unit: "ratio",
    description: "1st percentile / mean negative return.",
  },
  mtdReturn: { label: "MTD", unit: "%", description: "Month-to-date return." },
  return3m: { label: "3M", unit: "%", description: "Return over the last 3 months." },
  return6m: { label: "6M", unit: "%", description: "Return over the last 6 months." },
  ytdReturn: { label: "YTD", unit: "%", description: "Year-to-date return." },
  return1y: { label: "1Y", unit: "%", description: "Return over the last year." },
  return3yAnnualized: {
    label: "3Y (ann.)",
    unit: "%",
    description: "CAGR (QuantStats) over the last 35 months.",
  },
  return5yAnnualized: {
    label: "5Y (ann.)",
    unit: "%",
    description: "CAGR (QuantStats) over the last 59 months.",
  },
  return10yAnnualized: {
    label: "10Y (ann.)",
    unit: "%",
    description: "CAGR (QuantStats) over the last 10 years.",
  },
  bestDay: { label: "Best Day", unit: "%", description: "Highest period return." },
  worstDay: { label: "Worst Day", unit: "%", description: "Lowest period return." },
  bestMonth: { label: "Best Month", unit: "%", description: "Highest compounded monthly return." },
  worstMonth: { label: "Worst Month", unit: "%", description: "Lowest compounded monthly return." },
  bestYear: { label: "Best Year", unit: "%", description: "Highest compounded yearly return." },
  worstYear: { label: "Worst Year", unit: "%", description: "Lowest compounded yearly return." },
  recoveryFactor: {
    label: "Recovery Factor",
    unit: "ratio",
    description: "|Σ returns| / |Max. Drawdown|.",
  },
  serenityIndex: {
    label: "Serenity Index",
    unit: "ratio",
    description: "(Σ returns − rf) / (Ulcer Index · pitfall).",
  },
  avgUpMonth: { label: "Avg. Up Month", unit: "%", description: "Mean positive monthly return." },
  avgDownMonth: {
    label: "Avg. Down Month",
    unit: "%",
    description: "Mean negative monthly return.",
  },
  winDays: { label: "Win Days", unit: "%", description: "Positive / non-zero periods." },
  winMonths: { label: "Win Month", unit: "%", description: "Positive / non-zero months." },
  winQuarters: { label: "Win Quarter", unit: "%", description: "Positive / non-zero quarters." },
  winYears: { label: "Win Year", unit: "%", description: "Positive / non-zero years." },
  capmBeta: {
    label: "Beta (CAPM)",
    unit: "ratio",
    description: "cov(r, b) / var(b) of period returns vs the benchmark.",
  },
  capmAlpha: { label: "Alpha (CAPM, ann.)", unit: "%", description: "(mean r − β · mean b) · N." },
  correlation: {
    label: "Correlation",
    unit: "ratio",
    description: "Correlation of period returns with the benchmark.",
  },
  rSquared: { label: "R²", unit: "ratio", description: "Squared correlation with the benchmark." },
  informationRatio: {
    label: "Information Ratio",
    unit: "ratio",
    description: "mean(r − b) / std(r − b), per period.",
  },
  treynorRatio: {
    label: "Treynor Ratio",
    unit: "ratio",
    description: "(compounded return − rf) / CAPM beta.",
  },
};

/** Every statistic key in display order (backtesting.py's table first, then QuantStats'). */
export const statisticKeys = Object.keys(statLabels) as StatisticKey[];
