import { UserError } from "../../core/errors.js";
import { didYouMean } from "../../core/suggest.js";
import { reportMessages } from "../../messages/report.js";
import { formatValue } from "../format.js";
import type { KpiAlertRow } from "../tear-sheet-input.js";
import {
  evaluateExpression,
  ExpressionError,
  expressionMetrics,
  parseExpression,
} from "./expression.js";

/** A custom KPI from `report.kpis` in the spec. */
export interface KpiDefinition {
  readonly name: string;
  /** A metric name (`sharpeRatio`) … */
  readonly metric?: string;
  /** … or an expression over metrics (`cagr / abs(maxDrawdown)`). */
  readonly expr?: string;
  readonly threshold: number;
  /** The alert fires when the value is `below` (or `above`) the threshold. */
  readonly direction: "above" | "below";
  /** Text of the alert (default: generated). */
  readonly message?: string;
}

/**
 * Evaluates every KPI on the run's metrics. Unknown metric names and
 * unreadable expressions are user errors with a did-you-mean; a KPI whose
 * value is NaN (undefined for this run) raises an alert, since it cannot be
 * shown to be on the right side of its threshold.
 */
export function evaluateKpis(
  kpis: readonly KpiDefinition[],
  metrics: Readonly<Record<string, number>>,
): KpiAlertRow[] {
  const known = Object.keys(metrics);
  return kpis.map((kpi) => {
    const source = kpi.expr ?? kpi.metric ?? "";
    let expr: ReturnType<typeof parseExpression>;
    try {
      expr = parseExpression(source);
    } catch (error) {
      const reason = error instanceof ExpressionError ? error.message : String(error);
      throw new UserError(reportMessages.kpiExpressionInvalid(kpi.name, source, reason));
    }
    for (const name of expressionMetrics(expr)) {
      if (!(name in metrics)) {
        throw new UserError(
          reportMessages.unknownKpiMetric(kpi.name, name, didYouMean(name, known)),
        );
      }
    }
    const value = evaluateExpression(expr, metrics);
    const finite = Number.isFinite(value);
    const triggered =
      !finite || (kpi.direction === "below" ? value < kpi.threshold : value > kpi.threshold);
    const shown = formatValue(finite ? value : null, "number");
    return {
      name: kpi.name,
      value: finite ? value : null,
      threshold: kpi.threshold,
      direction: kpi.direction,
      triggered,
      message: triggered
        ? (kpi.message ??
          reportMessages.kpiAlert(
            kpi.name,
            shown,
            kpi.direction,
            formatValue(kpi.threshold, "number"),
          ))
        : reportMessages.kpiOk(kpi.name, shown),
    };
  });
}

/** Flattens statistics (and the benchmark's, prefixed `benchmark.`) into a metric map for KPIs. */
export function kpiMetrics(
  strategy: Readonly<Record<string, unknown>>,
  benchmark?: Readonly<Record<string, unknown>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(strategy)) if (typeof v === "number") out[k] = v;
  for (const [k, v] of Object.entries(benchmark ?? {})) {
    if (typeof v === "number") out[`benchmark.${k}`] = v;
  }
  return out;
}
