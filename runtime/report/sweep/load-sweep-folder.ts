/**
 * Reads a sweep folder into the sweep report's input: `top.json` (summary),
 * `sweep.json` (the spec and the resolved report plan), `results.parquet`
 * (every trial) and `top-segments.json` (the best trials on every segment).
 * Nothing is run; a folder without these files is a user error. Values are
 * checked as they are read (the files are data, not trusted types).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";
import { UserError } from "../../core/errors.js";
import { sweepReportMessages } from "../../messages/sweep-report.js";
import type { ParameterValue } from "../../backtest/sweep/parameter-space.js";
import {
  SWEEP_FILE,
  SWEEP_RESULTS_FILE,
  SWEEP_SUMMARY_FILE,
} from "../../backtest/sweep/sweep-record.js";
import type { HeatmapAggregate, SweepReportPlan } from "../../backtest/sweep/sweep-report-plan.js";
import {
  resolveMetric,
  SWEEP_METRICS,
  type SweepMetric,
} from "../../backtest/sweep/sweep-metrics.js";
import {
  SEGMENT_ORDER,
  type SegmentMetrics,
  type SegmentName,
  TOP_SEGMENTS_FILE,
  type TopSegments,
  type TopTrialOnSegments,
} from "../../backtest/sweep/top-segments.js";
import type {
  SweepReportInput,
  SweepSpecSummary,
  SweepSummary,
  SweepTable,
} from "./sweep-report-input.js";

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const field = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const text = (o: Json, key: string, fallback = ""): string => {
  const v = field(o, key);
  return typeof v === "string" ? v : fallback;
};
const num = (o: Json, key: string): number => {
  const v = field(o, key);
  return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
};
const isValue = (v: unknown): v is ParameterValue =>
  typeof v === "number" || typeof v === "string" || typeof v === "boolean";
const isSegment = (v: unknown): v is SegmentName =>
  typeof v === "string" && (SEGMENT_ORDER as readonly string[]).includes(v);

/** True when `dir` holds a sweep's summary and record (what `drlwb report` dispatches on). */
export function isSweepFolder(dir: string): boolean {
  return existsSync(join(dir, SWEEP_SUMMARY_FILE)) && existsSync(join(dir, SWEEP_FILE));
}

function readJson(dir: string, file: string): Json {
  const path = join(dir, file);
  if (!existsSync(path)) throw new UserError(sweepReportMessages.notASweepFolder(dir));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UserError(sweepReportMessages.sweepFileUnreadable(file));
  }
  if (!isObject(parsed)) throw new UserError(sweepReportMessages.sweepFileUnreadable(file));
  return parsed;
}

function metricOf(value: unknown, file: string): SweepMetric {
  const metric = typeof value === "string" ? resolveMetric(value) : undefined;
  if (metric === undefined) throw new UserError(sweepReportMessages.sweepFileUnreadable(file));
  return metric;
}

function summaryOf(top: Json): SweepSummary {
  const failed = num(top, "failed");
  return {
    name: text(top, "name"),
    kind: text(top, "kind"),
    status: text(top, "status", "complete"),
    metric: metricOf(field(top, "metric"), SWEEP_SUMMARY_FILE),
    direction: field(top, "direction") === "minimize" ? "minimize" : "maximize",
    segment: text(top, "segment"),
    trials: num(top, "trials"),
    skipped: num(top, "skipped"),
    ...(Number.isFinite(failed) ? { failed } : {}),
    elapsedSeconds: num(top, "elapsedSeconds"),
  };
}

function showValue(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function parameterText(value: unknown): string {
  if (Array.isArray(value)) return sweepReportMessages.listAxis(value.map(showValue));
  if (isObject(value)) {
    const step = num(value, "step");
    return sweepReportMessages.rangeAxis(
      num(value, "min"),
      num(value, "max"),
      Number.isFinite(step) ? step : undefined,
      field(value, "log") === true,
    );
  }
  return showValue(value);
}

function specOf(spec: unknown): SweepSpecSummary {
  const s = isObject(spec) ? spec : {};
  const parameters = field(s, "parameters");
  const constraints = field(s, "constraints");
  const description = text(s, "description");
  return {
    base: text(s, "base"),
    ...(description ? { description } : {}),
    method: text(s, "method", "grid"),
    parameters: isObject(parameters)
      ? Object.entries(parameters).map(([name, v]) => ({ name, text: parameterText(v) }))
      : [],
    constraints: Array.isArray(constraints)
      ? constraints.filter((c): c is string => typeof c === "string")
      : [],
  };
}

const AGGREGATES: readonly HeatmapAggregate[] = ["max", "min", "mean", "median"];

function planOf(record: Json): SweepReportPlan {
  const r = field(record, "report");
  if (!isObject(r)) throw new UserError(sweepReportMessages.sweepFileUnreadable(SWEEP_FILE));
  const x = text(r, "x");
  const y = field(r, "y");
  const aggregate = AGGREGATES.find((a) => a === field(r, "aggregate")) ?? "max";
  const topK = num(r, "topK");
  const bins = num(r, "bins");
  return {
    html: field(r, "html") !== false,
    pdf: field(r, "pdf") === true,
    x,
    ...(typeof y === "string" ? { y } : {}),
    metric: metricOf(field(r, "metric"), SWEEP_FILE),
    aggregate,
    topK: Number.isFinite(topK) ? topK : 10,
    bins: Number.isFinite(bins) ? Math.max(2, Math.min(500, bins)) : 30,
  };
}

function segmentMetrics(value: unknown): SegmentMetrics | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(SWEEP_METRICS.map((m) => [m, num(value, m)])) as Record<
    SweepMetric,
    number
  >;
}

function topTrialOf(value: unknown): TopTrialOnSegments | undefined {
  if (!isObject(value)) return undefined;
  const params = field(value, "params");
  const metrics = field(value, "metrics");
  if (!isObject(params) || !isObject(metrics)) return undefined;
  const bySegment: Partial<Record<SegmentName, SegmentMetrics>> = {};
  for (const segment of SEGMENT_ORDER) {
    const m = segmentMetrics(field(metrics, segment));
    if (m) bySegment[segment] = m;
  }
  return {
    rank: num(value, "rank"),
    trial: num(value, "trial"),
    params: Object.fromEntries(
      Object.entries(params).flatMap(([k, v]): [string, ParameterValue][] =>
        isValue(v) ? [[k, v]] : [],
      ),
    ),
    metrics: bySegment,
  };
}

function topSegmentsOf(file: Json): TopSegments {
  const selection = field(file, "selection");
  const segments = field(file, "segments");
  const trials = field(file, "trials");
  if (!isSegment(selection) || !Array.isArray(segments) || !Array.isArray(trials))
    throw new UserError(sweepReportMessages.sweepFileUnreadable(TOP_SEGMENTS_FILE));
  return {
    metric: metricOf(field(file, "metric"), TOP_SEGMENTS_FILE),
    direction: field(file, "direction") === "minimize" ? "minimize" : "maximize",
    selection,
    segments: segments.filter(isSegment),
    trials: trials.map(topTrialOf).filter((t): t is TopTrialOnSegments => t !== undefined),
  };
}

/** `results.parquet` as columns: trial, each parameter, each metric (null → NaN). */
export function readSweepTable(path: string, parameters: readonly string[]): SweepTable {
  const frame = pl.readParquet(path);
  const columns = new Set(frame.columns);
  const column = (name: string): unknown[] =>
    columns.has(name) ? (frame.getColumn(name).toArray() as unknown[]) : [];
  const params = new Map<string, readonly ParameterValue[]>();
  for (const name of parameters) params.set(name, column(name).filter(isValue));
  const metrics = new Map<SweepMetric, Float64Array>();
  for (const m of SWEEP_METRICS) {
    metrics.set(
      m,
      Float64Array.from(column(m), (v) =>
        typeof v === "number" && Number.isFinite(v) ? v : Number.NaN,
      ),
    );
  }
  return {
    trials: column("trial").map((v) => (typeof v === "number" ? v : Number(v))),
    params,
    metrics,
  };
}

/** The sweep report's input from a sweep folder's files. */
export function loadSweepFolder(dir: string): SweepReportInput {
  if (!isSweepFolder(dir)) throw new UserError(sweepReportMessages.notASweepFolder(dir));
  const summary = summaryOf(readJson(dir, SWEEP_SUMMARY_FILE));
  const record = readJson(dir, SWEEP_FILE);
  const spec = specOf(field(record, "spec"));
  const plan = planOf(record);
  const top = topSegmentsOf(readJson(dir, TOP_SEGMENTS_FILE));
  const results = join(dir, SWEEP_RESULTS_FILE);
  if (!existsSync(results)) throw new UserError(sweepReportMessages.notASweepFolder(dir));
  const table = readSweepTable(
    results,
    spec.parameters.map((p) => p.name),
  );
  return { summary, spec, plan, table, top };
}
