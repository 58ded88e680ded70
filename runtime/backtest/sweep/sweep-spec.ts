/**
 * A `kind: sweep` spec (schemas/sweep.schema.json, owned by the spec layer)
 * plus its base experiment → the job a rule-strategy sweep runs. Keys used:
 * `parameters` (dotted `strategy.<name>` → list | { min, max, step, log } |
 * { range: [min, max, step] }), `method`, `samples`, `seed`, `objective`
 * { metric, direction, segment }, `max_trials`, and, when the schema allows
 * them, `constraints` (["strategy.fast < strategy.slow"]) and `top_k`.
 */
import { UserError } from "../../core/errors.js";
import { didYouMean } from "../../core/suggest.js";
import type { OhlcvPanel, Segments } from "../../data/panel.js";
import { backtestMessages } from "../../messages/backtest.js";
import { BACKTEST_DEFAULTS, type BacktestSection } from "../sections.js";
import type { StrategySection } from "../strategies/rule-strategy.js";
import { type SweepJob, STRATEGY_PREFIX } from "./batch-runner.js";
import type { AxisSpec, RangeSpec } from "./parameter-space.js";
import { SWEEP_METRICS, type SweepMetric } from "./sweep-metrics.js";

export interface SweepSettings {
  readonly job: SweepJob;
  readonly metric: SweepMetric;
  readonly direction: "maximize" | "minimize";
  readonly topK: number;
  readonly segment: string;
}

const METRIC_ALIASES: Record<string, SweepMetric> = {
  return: "total_return",
  total_return: "total_return",
  sharpe_ratio: "sharpe",
  sortino_ratio: "sortino",
  calmar_ratio: "calmar",
  max_dd: "max_drawdown",
  equity_final: "final_equity",
};

function fail(file: string, path: string, message: string): never {
  throw new UserError(message, [{ file, path, message, severity: "error" }]);
}

function axisOf(file: string, name: string, value: unknown): AxisSpec {
  const path = `/parameters/${name}`;
  if (Array.isArray(value)) return value as AxisSpec;
  if (value !== null && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.range)) {
      const [min, max, step] = v.range as number[];
      if (typeof min !== "number" || typeof max !== "number") {
        fail(
          file,
          path,
          backtestMessages.sweepBadParameter(name, "range must be [min, max, step]"),
        );
      }
      return {
        min,
        max,
        ...(typeof step === "number" ? { step } : {}),
        ...(v.log ? { log: true } : {}),
      };
    }
    if (typeof v.min === "number" && typeof v.max === "number") return v as unknown as RangeSpec;
  }
  return fail(
    file,
    path,
    backtestMessages.sweepBadParameter(name, "use a list of values or { min, max, step }"),
  );
}

export function sweepSettings(
  file: string,
  sweep: Record<string, unknown>,
  base: Record<string, unknown>,
  data: { panel: OhlcvPanel; segments: Segments },
): SweepSettings {
  const strategy = base.strategy as StrategySection | undefined;
  if (strategy === undefined)
    fail(file, "/base", backtestMessages.sweepNeedsStrategy(String(sweep.base)));
  const parameters: Record<string, AxisSpec> = {};
  for (const [name, value] of Object.entries((sweep.parameters ?? {}) as Record<string, unknown>)) {
    if (!name.startsWith(STRATEGY_PREFIX)) {
      fail(file, `/parameters/${name}`, backtestMessages.sweepParameterNotStrategy(name));
    }
    parameters[name] = axisOf(file, name, value);
  }
  const objective = (sweep.objective ?? {}) as Record<string, unknown>;
  const wanted = String(objective.metric ?? "sharpe");
  const metric = (SWEEP_METRICS as readonly string[]).includes(wanted)
    ? (wanted as SweepMetric)
    : METRIC_ALIASES[wanted];
  if (metric === undefined) {
    const valid = [...SWEEP_METRICS];
    fail(
      file,
      "/objective/metric",
      backtestMessages.sweepUnknownMetric(wanted, didYouMean(wanted, valid), valid),
    );
  }
  const segment = String(objective.segment ?? "valid");
  const range =
    segment === "all"
      ? { start: 0, end: data.panel.timestamps.length }
      : data.segments[segment as keyof Segments];
  if (range === undefined) {
    fail(
      file,
      "/objective/segment",
      backtestMessages.segmentMissing(segment, ["all", ...Object.keys(data.segments)]),
    );
  }
  const bt = { ...BACKTEST_DEFAULTS, ...((base.backtest ?? {}) as BacktestSection) };
  const constraints = ((sweep.constraints ?? []) as unknown[]).filter(
    (c): c is string => typeof c === "string",
  );
  const method = sweep.method === "random" ? "random" : "grid";
  return {
    job: {
      strategy,
      space: {
        parameters,
        method,
        ...(typeof sweep.samples === "number" ? { samples: sweep.samples } : {}),
        seed:
          typeof sweep.seed === "number"
            ? sweep.seed
            : typeof base.seed === "number"
              ? base.seed
              : 0,
        constraints,
      },
      cash: bt.cash,
      fill: bt.fill,
      range,
      rebalance: bt.rebalance,
      costs: bt.costs ?? {},
    },
    metric,
    direction: objective.direction === "minimize" ? "minimize" : "maximize",
    topK: typeof sweep.top_k === "number" ? sweep.top_k : 10,
    segment,
  };
}
