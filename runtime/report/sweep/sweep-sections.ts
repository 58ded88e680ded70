/**
 * The sections of the sweep report, from its input (no numbers left to
 * format): the spec summary, the heatmap over two parameters (a line chart
 * when one parameter is swept), the metric's distribution over all trials
 * with the selected trial marked, and the best trials on every segment with
 * the selection-bias caution. Which way a metric is better comes from
 * runtime/backtest/stats/preferred-direction.ts.
 */
import type { ParameterValue } from "../../backtest/sweep/parameter-space.js";
import type { SweepMetric } from "../../backtest/sweep/sweep-metrics.js";
import type { SegmentName } from "../../backtest/sweep/top-segments.js";
import { statLabels } from "../../backtest/stats/labels.js";
import {
  type PreferredDirection,
  preferredDirection,
} from "../../backtest/stats/preferred-direction.js";
import { sweepReportMessages as m } from "../../messages/sweep-report.js";
import { mean } from "../../stats/moments.js";
import { median } from "../../stats/quantile.js";
import type { ChartSpec } from "../charts/chart.js";
import { metricDistributionChart } from "../charts/metric-distribution.js";
import { sweepHeatmapChart } from "../charts/sweep-heatmap.js";
import { sweepLineChart } from "../charts/sweep-line.js";
import { formatValue } from "../format.js";
import type { CellView, LeadView, TableView } from "../section-views.js";
import { statisticFormat } from "../statistic-rows.js";
import { HEATMAP_MAX_LEVELS, heatmapCells } from "./heatmap-cells.js";
import type { SweepReportInput } from "./sweep-report-input.js";

/** A section before its charts are rendered. */
export interface SweepSectionPlan {
  readonly id: string;
  readonly title: string;
  readonly lead?: readonly LeadView[];
  readonly notes?: readonly string[];
  readonly tables?: readonly TableView[];
  readonly chartSpecs?: readonly ChartSpec[];
}

const label = (metric: SweepMetric): string => statLabels[metric].label;
const fmt = (metric: SweepMetric, value: number | undefined): string =>
  formatValue(value, statisticFormat(metric));
const show = (v: ParameterValue | undefined): string =>
  v === undefined ? "" : typeof v === "string" ? v : String(v);

/** Which way the metric is better; a metric with no preferred direction follows the objective when it is the objective's. */
export function betterOf(input: SweepReportInput, metric: SweepMetric): PreferredDirection {
  const preferred = preferredDirection(metric);
  if (preferred !== "none") return preferred;
  if (metric === input.summary.metric)
    return input.summary.direction === "minimize" ? "lower" : "higher";
  return "higher";
}

function specSection(input: SweepReportInput): SweepSectionPlan {
  const { summary, spec } = input;
  const r = m.specRows;
  const row = (key: string, value: string): CellView[] => [{ text: key }, { text: value }];
  const rows: CellView[][] = [
    row(r.base(), spec.base),
    row(r.kind(), summary.kind),
    row(r.method(), spec.method),
    row(r.objective(), m.objective(label(summary.metric), summary.direction, summary.segment)),
    ...spec.parameters.map((p) => row(`${r.parameters()}: ${p.name}`, p.text)),
    row(r.constraints(), spec.constraints.length ? spec.constraints.join("; ") : m.none()),
    row(r.trials(), String(summary.trials)),
    row(r.skipped(), String(summary.skipped)),
    ...(summary.failed !== undefined ? [row(r.failed(), String(summary.failed))] : []),
    row(r.status(), summary.status),
    row(r.elapsed(), m.seconds(summary.elapsedSeconds)),
  ];
  return {
    id: "sweep",
    title: m.sectionSpec(),
    ...(spec.description ? { notes: [spec.description] } : {}),
    tables: [{ headers: m.specHeaders(), rows }],
  };
}

function heatmapSection(input: SweepReportInput): SweepSectionPlan | undefined {
  const { plan, table, top } = input;
  const metric = plan.metric;
  const values = table.metrics.get(metric);
  const xs = table.params.get(plan.x);
  if (!values || !xs || xs.length === 0) return undefined;
  const chosen = top.trials[0]?.params;
  const better = betterOf(input, metric);
  const others = [...table.params.keys()].filter((n) => n !== plan.x && n !== plan.y);
  if (plan.y === undefined) {
    const cells = heatmapCells(xs, xs, values, plan.aggregate, Number.POSITIVE_INFINITY).cells;
    const points = cells.map((c) => {
      const v = xs.find((x) => String(x) === c.x);
      return { x: typeof v === "number" ? v : c.x, value: c.value };
    });
    const selected = chosen && Object.hasOwn(chosen, plan.x) ? chosen[plan.x] : undefined;
    return {
      id: "heatmap",
      title: m.sectionLine(),
      ...(others.length ? { notes: [m.heatmapNote(plan.aggregate, others)] } : {}),
      chartSpecs: [
        sweepLineChart(points, {
          title: m.lineTitle(label(metric), plan.x),
          xName: plan.x,
          metricLabel: label(metric),
          format: statisticFormat(metric),
          ...(selected !== undefined
            ? { selected: typeof selected === "number" ? selected : String(selected) }
            : {}),
        }),
      ],
    };
  }
  const ys = table.params.get(plan.y);
  if (!ys) return undefined;
  const grid = heatmapCells(xs, ys, values, plan.aggregate);
  const sx = chosen && Object.hasOwn(chosen, plan.x) ? chosen[plan.x] : undefined;
  const sy = chosen && Object.hasOwn(chosen, plan.y) ? chosen[plan.y] : undefined;
  const notes = [
    ...(others.length ? [m.heatmapNote(plan.aggregate, others)] : []),
    ...(grid.x.grouped || grid.y.grouped ? [m.heatmapGroupedNote(HEATMAP_MAX_LEVELS)] : []),
    m.heatmapBestNote(better === "lower" ? m.betterLower() : m.betterHigher()),
  ];
  return {
    id: "heatmap",
    title: m.sectionHeatmap(),
    notes,
    chartSpecs: [
      sweepHeatmapChart(grid.cells, {
        title: m.heatmapTitle(label(metric), plan.x, plan.y, plan.aggregate, others.length > 0),
        xName: plan.x,
        yName: plan.y,
        xLabels: grid.x.labels,
        yLabels: grid.y.labels,
        metricLabel: label(metric),
        format: statisticFormat(metric),
        better,
        ...(sx !== undefined && sy !== undefined
          ? { selected: { x: grid.x.labelOf(sx), y: grid.y.labelOf(sy) } }
          : {}),
      }),
    ],
  };
}

function distributionSection(input: SweepReportInput): SweepSectionPlan | undefined {
  const { plan, table, top } = input;
  const metric = plan.metric;
  const values = table.metrics.get(metric);
  if (!values || values.length === 0) return undefined;
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  const chosen = top.trials[0]?.metrics[top.selection]?.[metric];
  if (finite.length === 0)
    return { id: "distribution", title: m.sectionDistribution(), notes: [m.noFinite()] };
  const better = betterOf(input, metric);
  const best = better === "lower" ? Math.min(...finite) : Math.max(...finite);
  return {
    id: "distribution",
    title: m.sectionDistribution(),
    notes: [
      m.distributionNote(
        finite.length,
        values.length,
        fmt(metric, chosen),
        fmt(metric, median(finite)),
        fmt(metric, best),
      ),
    ],
    chartSpecs: [
      metricDistributionChart(values, {
        title: m.distributionTitle(label(metric)),
        metricLabel: label(metric),
        format: statisticFormat(metric),
        bins: plan.bins,
        ...(chosen !== undefined && Number.isFinite(chosen) ? { selected: chosen } : {}),
        selectedLabel: m.chosenLabel(),
      }),
    ],
  };
}

function topSection(input: SweepReportInput): SweepSectionPlan | undefined {
  const { top, summary } = input;
  if (top.trials.length === 0) return undefined;
  const metric = top.metric;
  const params = [...input.table.params.keys()];
  const segments = top.segments;
  const test: SegmentName | undefined =
    top.selection !== "test" && segments.includes("test") ? "test" : undefined;
  const extraSegments = [top.selection, ...(test ? [test] : [])];
  const extras = (["totalReturn", "maxDrawdown"] as const).filter((x) => x !== metric);
  const headers = [
    ...m.topHeaders(params, label(metric), segments),
    ...extras.flatMap((x) => extraSegments.map((s) => m.topExtraHeader(label(x), s))),
  ];
  const rows = top.trials.map((t) => [
    { text: String(t.rank) },
    ...params.map((p) => ({ text: show(Object.hasOwn(t.params, p) ? t.params[p] : undefined) })),
    ...segments.map((s) => ({
      text: fmt(metric, t.metrics[s]?.[metric]),
      ...(s === top.selection ? { cls: "best" } : {}),
    })),
    ...extras.flatMap((x) => extraSegments.map((s) => ({ text: fmt(x, t.metrics[s]?.[x]) }))),
  ]);
  const numeric = Array.from({ length: headers.length }, (_, i) => i).filter(
    (i) => i === 0 || i > params.length,
  );
  const meanOn = (s: SegmentName): number =>
    mean(top.trials.map((t) => t.metrics[s]?.[metric] ?? Number.NaN).filter(Number.isFinite));
  const lead: LeadView[] = [
    {
      text: m.caution(summary.trials, top.selection, test),
      cls: "warn",
    },
    ...(top.selection === "test" ? [{ text: m.selectionIsTest(), cls: "warn" }] : []),
    {
      text: m.topMeans(
        top.trials.length,
        label(metric),
        [top.selection, ...(test ? [test] : [])].map((s) => m.topMean(s, fmt(metric, meanOn(s)))),
      ),
      cls: "plain",
    },
  ];
  return {
    id: "top",
    title: m.sectionTop(),
    lead,
    tables: [{ headers, rows, numeric, note: m.topNote(top.selection) }],
  };
}

/** The report's sections in page order (a section without data is left out). */
export function sweepSections(input: SweepReportInput): SweepSectionPlan[] {
  return [
    specSection(input),
    heatmapSection(input),
    distributionSection(input),
    topSection(input),
  ].filter((s): s is SweepSectionPlan => s !== undefined);
}
