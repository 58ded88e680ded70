/** Messages of reports, charts, notifications and the notebook helpers. */
export const reportMessages = {
  regimeWarning: (warning: string) => `⚠ warning: ${warning}`,
  /** The interactive HTML report (issue 16): hint and footer. */
  interactive: {
    chartHint: () =>
      "Charts: hover for values; drag to pan a time axis, Shift+wheel to zoom, double-click to reset; equity, drawdown and allocations move together.",
    footer: () =>
      "Self-contained report: the chart runtime (vega) is inlined; no network requests.",
    staticFooter: () => "Self-contained report: no scripts, no network requests.",
  },
  /** The verdict the headline opens with (issue 16): strategy vs benchmark vs baseline. */
  verdict: {
    title: () => "Headline",
    afterOverlay: () => "after risk overlay",
    beforeOverlay: () => "before risk overlay",
    noOverlay: () => "no risk overlay",
    /** `stage`: "after risk overlay" / "before risk overlay (the agent alone)" / "" (no overlay). */
    sentence: (
      strategy: string,
      beaten: readonly string[],
      notBeaten: readonly string[],
      segment: string,
      stage: string,
    ) => {
      const where = `on the ${segment}${stage ? `, ${stage}` : ""}`;
      if (notBeaten.length === 0)
        return `${strategy} beat ${beaten.join(" and ")} ${where} (by Sharpe ratio).`;
      if (beaten.length === 0)
        return `${strategy} did NOT beat ${notBeaten.join(" or ")} ${where} (by Sharpe ratio).`;
      return `${strategy} beat ${beaten.join(" and ")} but NOT ${notBeaten.join(" or ")} ${where} (by Sharpe ratio).`;
    },
    figures: (parts: readonly string[]) => `Sharpe ratio (total return): ${parts.join("; ")}.`,
    figure: (name: string, sharpe: string, ret: string) => `${name} ${sharpe} (${ret})`,
    segment: (name: string, from: string | undefined, to: string | undefined) =>
      from && to ? `${name} segment (${from} → ${to})` : `${name} segment`,
    agentAlone: () => "before risk overlay (the agent alone)",
    benchmarkLabel: (name: string) => `${name} (benchmark)`,
    baselineLabel: (name: string) => `${name} (baseline)`,
    baselineName: (name: string) => `the ${name} baseline`,
    evaluationBaselineLabel: (name: string) => `${name} (baseline of the agent's evaluation)`,
    strategyLabel: (name: string, stage: string) => (stage ? `${name} — ${stage}` : name),
    beatTile: (reference: string) => `vs ${reference}`,
    beat: () => "beat",
    notBeat: () => "did not beat",
    beatSub: (strategySharpe: string, referenceSharpe: string) =>
      `Sharpe ${strategySharpe} vs ${referenceSharpe}`,
    tileSub: (stage: string, benchmark: string | undefined) =>
      [stage, benchmark ? `benchmark ${benchmark}` : ""].filter((x) => x !== "").join(" · "),
    curvesCaption: (segment: string) => `Backtest on the ${segment}`,
    curvesHeaders: () => [
      "curve",
      "total return",
      "Sharpe ratio",
      "max drawdown",
      "strategy beat it?",
    ],
    beatCell: (beat: boolean) => (beat ? "yes" : "no"),
    seedsCaption: (seeds: number, episodes: number) =>
      `Agent episodes: ${seeds} seed${seeds === 1 ? "" : "s"} × ${episodes} deterministic episode${episodes === 1 ? "" : "s"}, episode return pooled per segment (before risk overlay)`,
    seedsHeaders: () => ["segment", "mean ± std", "IQM", "episodes"],
    seedsNote: () =>
      "IQM: interquartile mean, the mean of the middle 50 % of episode returns (Agarwal et al. 2021); std is the sample standard deviation.",
    overlayRules: (rules: readonly string[]) => `Risk overlay: ${rules.join(", ")}.`,
  },
  /** Risk events aggregated into episodes, and the raw log's appendix. */
  riskEpisodes: {
    title: (episodes: number, events: number) =>
      `Risk events (${episodes} episode${episodes === 1 ? "" : "s"}, ${events} event${events === 1 ? "" : "s"})`,
    headers: () => [
      "rule",
      "first bar",
      "last bar",
      "bars active",
      "min scale",
      "max scale",
      "reason",
    ],
    perRule: (rule: string, episodes: number, bars: number) =>
      `${rule}: ${episodes} episode${episodes === 1 ? "" : "s"}, ${bars} bar${bars === 1 ? "" : "s"} active`,
    explain: () =>
      "Consecutive bars on which a rule intervened for the same reason form one episode (figures in the reason may vary within it; the first bar's is shown). Scale: gross exposure after the rule ÷ before it.",
    logPointer: (file: string) => `Every event: appendix "Risk event log" and ${file}.`,
    shownFirst: (shown: number, total: number) => `showing the first ${shown} of ${total} episodes`,
    logTitle: (events: number) =>
      `Appendix: risk event log (${events} event${events === 1 ? "" : "s"})`,
    logHeaders: () => ["date", "bar", "rule", "exposure before", "exposure after", "what happened"],
    logNote: (events: number, file: string) =>
      `All ${events} event${events === 1 ? "" : "s"} of the backtest, as the risk rules logged them, are in ${file}.`,
    logSummary: (shown: number) => `Show ${shown === 1 ? "the event" : `${shown} events`}`,
    logShownFirst: (shown: number, total: number, file: string) =>
      `showing the first ${shown} of ${total} events; all of them are in ${file}`,
    chartTitle: () => "Risk episodes over time",
  },
  /** The statistics table's groups, in page order. */
  statisticGroups: {
    returns: () => "Returns",
    risk: () => "Risk",
    riskAdjusted: () => "Risk-adjusted",
    trades: () => "Trades",
    benchmarkRelative: () => "Benchmark-relative",
    tail: () => "Tail",
    context: () => "Period and exposure",
    hint: () =>
      "Hover a statistic's name for its definition; docs/statistics.md has the conventions.",
  },
  /** Rows of the scenario analysis (from the risk report of the backtest). */
  scenarios: {
    groupStress: () => "stress window",
    groupPriceShock: () => "price shock",
    groupVar: () => "value at risk",
    groupVolatility: () => "volatility shock",
    worstWindow: (bars: number, from: string | undefined, to: string | undefined) =>
      `worst ${bars}-bar window${from && to ? ` ${from} → ${to}` : ""}`,
    priceShock: (shock: number) =>
      `all prices ${shock > 0 ? "+" : ""}${(shock * 100).toFixed(0)}% at once (last bar's weights)`,
    historicalVar: (level: number) => `one-bar VaR ${(level * 100).toFixed(0)}% (historical)`,
    historicalCvar: (level: number) => `one-bar CVaR ${(level * 100).toFixed(0)}% (historical)`,
    cornishFisherVar: (level: number) =>
      `one-bar VaR ${(level * 100).toFixed(0)}% (Cornish–Fisher)`,
    volatilityShock: (factor: number, level: number) =>
      `volatility ×${factor}: one-bar VaR ${(level * 100).toFixed(0)}% (Gaussian)`,
    headers: () => ["kind", "scenario", "strategy", "benchmark"],
    note: () =>
      "From the risk report of the backtest (VaR/CVaR are shown as the return at the tail, a loss is negative); written to stages/report/risk-report.json.",
  },
  /** The provenance appendix. */
  provenance: {
    title: () => "Appendix: provenance",
    userValuesHeaders: () => ["value set in the spec", "value"],
    defaultsSummary: (count: number) =>
      `${count} value${count === 1 ? "" : "s"} taken from the schema defaults`,
    resolvedSpecSummary: () => "Resolved spec (YAML)",
  },
  browserNotFound: (tried: readonly string[]) =>
    `no Chromium found for the PDF report (tried: ${tried.join(", ")}); install Debian's chromium or set PUPPETEER_EXECUTABLE_PATH`,
  browserPathMissing: (path: string) =>
    `PUPPETEER_EXECUTABLE_PATH points to ${path}, which does not exist`,
  runDirMissing: (dir: string) => `${dir} is not a run folder (no run.json)`,
  noReportData: (dir: string) =>
    `run ${dir} has no report data (stages/backtest/backtest.json is missing): did its backtest and report stages complete? (see: drlwb runs show ${dir})`,
  runFolderTooOld: (dir: string) =>
    `run ${dir} was made by an older version that did not keep the report's prices (stages/report/prices.csv): re-run its spec (drlwb run <spec>) to get a report that can be rebuilt`,
  compareNeedsTwo: (count: number) =>
    `compare needs at least two runs (got ${count}); e.g. drlwb compare runs/a runs/b`,
  unknownCompareMetric: (
    metric: string,
    suggestion: string | undefined,
    known: readonly string[],
  ) =>
    `no statistic "${metric}" in the compared runs${suggestion ? `; did you mean "${suggestion}"?` : ""} (available: ${known.join(", ")})`,
  compareBestNote: () =>
    "Bold: the best run for statistics where higher or lower is better (see the statistics reference).",
  compareTableLegend: (marker: string) =>
    `${marker} best run; ↑ higher is better, ↓ lower is better (no mark: neither)`,
  reportWritten: (path: string) => `report → ${path}`,
  pdfWritten: (path: string) => `pdf → ${path}`,
  unknownKpiMetric: (name: string, metric: string, suggestion: string | undefined) =>
    `KPI "${name}": no metric "${metric}" in this run${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
  kpiExpressionInvalid: (name: string, expr: string, reason: string) =>
    `KPI "${name}": cannot read expression "${expr}": ${reason}`,
  kpiAlert: (name: string, value: string, direction: string, threshold: string) =>
    `KPI ${name} = ${value} is ${direction} the threshold ${threshold}`,
  kpiOk: (name: string, value: string) => `KPI ${name} = ${value}: ok`,
  reportReady: (title: string, where: string) => `Report ready: ${title} (${where})`,
  notificationFailed: (channel: string, reason: string) =>
    `notification to ${channel} failed: ${reason}`,
  notificationSent: (channel: string) => `notification sent to ${channel}`,
  notebookNotChart: (kind: string) =>
    `show() takes a chart (ChartSpec or RenderedChart), an SVG string or a TearSheetInput; got ${kind}`,
} as const;
