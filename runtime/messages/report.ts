/** Messages of reports, charts, notifications and the notebook helpers. */
export const reportMessages = {
  regimeWarning: (warning: string) => `⚠ warning: ${warning}`,
  browserNotFound: (tried: readonly string[]) =>
    `no Chromium found for the PDF report (tried: ${tried.join(", ")}); install Debian's chromium or set PUPPETEER_EXECUTABLE_PATH`,
  browserPathMissing: (path: string) =>
    `PUPPETEER_EXECUTABLE_PATH points to ${path}, which does not exist`,
  runDirMissing: (dir: string) => `${dir} is not a run folder (no run.json)`,
  noReportData: (dir: string) =>
    `run ${dir} has no report data (stages/report/tear-sheet.json is missing): did its backtest and report stages complete? (see: drlwb runs show ${dir})`,
  compareNeedsTwo: (count: number) =>
    `compare needs at least two runs (got ${count}); e.g. drlwb compare runs/a runs/b`,
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
