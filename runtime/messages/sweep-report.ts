/** Messages of the sweep report (issue 16): its spec checks, sections, charts and files. */
const list = (items: readonly string[]): string => items.join(", ");

export const sweepReportMessages = {
  // Spec checks (report.heatmap)
  heatmapUnknownParameter: (
    axis: string,
    name: string,
    suggestion: string | undefined,
    swept: readonly string[],
  ) =>
    `report.heatmap.${axis} "${name}" is not a parameter this sweep varies${suggestion ? `; did you mean "${suggestion}"?` : ""} Swept parameters: ${list(swept)}`,
  heatmapParameterHint: (swept: readonly string[]) =>
    `name one of the keys of \`parameters\`: ${list(swept)}`,
  heatmapSameParameter: (name: string) =>
    `report.heatmap.x and report.heatmap.y are both "${name}"; a heatmap needs two different parameters`,
  heatmapSameParameterHint: () => "choose another swept parameter for y, or leave y out",
  heatmapOneParameter: (name: string) =>
    `report.heatmap.y "${name}" is set but the sweep varies one parameter only (the report draws a line chart over x)`,
  heatmapOneParameterHint: () => "remove report.heatmap.y, or sweep a second parameter",
  heatmapUnknownMetric: (
    metric: string,
    suggestion: string | undefined,
    valid: readonly string[],
  ) =>
    `unknown report.heatmap.metric "${metric}"${suggestion ? `; did you mean "${suggestion}"?` : ""} Valid metrics: ${list(valid)}`,
  heatmapMetricHint: () =>
    "report.heatmap.metric takes the names objective.metric takes (or leave it out for the objective's metric)",

  // Folder
  notASweepFolder: (dir: string) =>
    `${dir} is not a sweep folder with a report: ${"`top.json`"}, ${"`sweep.resolved.yaml`"} and ${"`top-segments.json`"} are written by ${"`drlwb sweep`"}; run the sweep again to get its report`,
  sweepFileUnreadable: (file: string) =>
    `the sweep folder's ${file} cannot be read; run the sweep again`,
  wroteReport: (path: string) => `sweep report: ${path}`,
  reevaluating: (trials: number, segments: readonly string[]) =>
    `re-evaluating the best ${trials} trial(s) on ${list(segments)}`,

  // Report text
  title: (name: string) => `Sweep: ${name}`,
  subtitle: (trials: number, metric: string, direction: string, segment: string) =>
    `${trials} trials ranked by ${metric} (${direction}) on the ${segment} segment`,
  brand: () => "DRL Workbench · sweep",
  sectionSpec: () => "Sweep",
  sectionHeatmap: () => "Heatmap",
  sectionLine: () => "Metric over the parameter",
  sectionDistribution: () => "Distribution over all trials",
  sectionTop: () => "Best trials on every segment",
  specHeaders: () => ["key", "value"],
  specRows: {
    base: () => "base experiment",
    kind: () => "kind",
    method: () => "method",
    objective: () => "objective",
    parameters: () => "parameters",
    constraints: () => "constraints",
    trials: () => "trials",
    skipped: () => "skipped by constraints",
    failed: () => "failed",
    elapsed: () => "elapsed",
    status: () => "status",
  },
  objective: (metric: string, direction: string, segment: string) =>
    `${direction} ${metric} on ${segment}`,
  rangeAxis: (min: number, max: number, step: number | undefined, log: boolean) =>
    `${min} … ${max}${step !== undefined ? ` step ${step}` : ""}${log ? " (log)" : ""}`,
  listAxis: (values: readonly string[]) =>
    values.length <= 12
      ? `[${values.join(", ")}]`
      : `[${values.slice(0, 5).join(", ")}, …, ${values.slice(-5).join(", ")}] (${values.length} values)`,
  seconds: (s: number) => `${s.toFixed(1)} s`,
  none: () => "none",
  heatmapTitle: (metric: string, x: string, y: string, aggregate: string, aggregated: boolean) =>
    `${metric} over ${x} × ${y}${aggregated ? ` (${aggregate} over the other parameters)` : ""}`,
  heatmapNote: (aggregate: string, others: readonly string[]) =>
    `Each cell combines the trials with that ${"(x, y)"} by their ${aggregate}, over ${list(others)}. Empty cells: combinations no trial ran (constraints) or whose metric is undefined.`,
  heatmapGroupedNote: (levels: number) =>
    `An axis with more than ${levels} values is cut into ${levels} ranges of neighbouring values (labelled first–last); each cell aggregates the trials in its ranges.`,
  heatmapBestNote: (better: string) => `Green is better (${better} is better for this metric).`,
  lineTitle: (metric: string, x: string) => `${metric} over ${x}`,
  distributionTitle: (metric: string) => `${metric} over all trials`,
  distributionNote: (finite: number, total: number, chosen: string, median: string, best: string) =>
    `${finite} of ${total} trials have a finite value. The selected trial (${chosen}) is marked; median ${median}, best ${best}.`,
  trialsAxis: () => "trials",
  chosenLabel: () => "selected",
  betterHigher: () => "higher",
  betterLower: () => "lower",
  topHeaders: (params: readonly string[], metric: string, segments: readonly string[]) => [
    "rank",
    ...params,
    ...segments.map((s) => `${metric} · ${s}`),
  ],
  topExtraHeader: (metric: string, segment: string) => `${metric} · ${segment}`,
  topNote: (selection: string) =>
    `Trials were ranked by the ${selection} column only; the other segments were computed afterwards, with the run's backtest and statistics, and played no part in choosing them.`,
  caution: (trials: number, selection: string, test: string | undefined) =>
    `Caution — selection bias: ${trials} trial(s) were tried and the best were kept, so their ${selection} figures are optimistic by construction (the more trials, the more the best one owes to luck).${test ? ` The ${test} column is the out-of-sample estimate: judge the choice by it.` : " The base experiment has no segment beyond the one trials were selected on, so there is no out-of-sample estimate."}`,
  topMeans: (k: number, metric: string, parts: readonly string[]) =>
    `Mean ${metric} of the best ${k}: ${parts.join(" → ")}.`,
  topMean: (segment: string, value: string) => `${value} on ${segment}`,
  selectionIsTest: () =>
    "The trials were selected on the test segment: its figures are in-sample here and no segment is left to check them on.",
  footer: () => "Self-contained report: no scripts, no network requests.",
  noFinite: () => "no trial has a finite value of this metric",
} as const;
