/**
 * How a run folder's spec and metrics become rows of the runs index:
 * `run_params` (the resolved spec flattened to dotted keys) and `run_metrics`
 * (every finite number of metrics.json under a dotted key, with the backtest's
 * headline statistics also at the top level and under the segment's name).
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface ParamRow {
  readonly key: string;
  /** The value as JSON text. */
  readonly value: string;
  /** The value when it is a finite number. */
  readonly number: number | null;
}

/**
 * The spec flattened to one row per leaf: `backtest.costs.commission`,
 * `features.0.type`. Empty objects and lists are leaves (`{}`, `[]`).
 */
export function flattenParams(spec: unknown): ParamRow[] {
  const rows = new Map<string, ParamRow>();
  const visit = (value: unknown, path: string): void => {
    const children = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : isPlainObject(value)
        ? Object.entries(value)
        : undefined;
    if (children !== undefined && children.length > 0) {
      for (const [key, child] of children) visit(child, path === "" ? key : `${path}.${key}`);
      return;
    }
    if (path === "" || value === undefined) return;
    const number = typeof value === "number" && Number.isFinite(value) ? value : null;
    rows.set(path, { key: path, value: JSON.stringify(value) ?? "null", number });
  };
  visit(spec, "");
  return [...rows.values()];
}

/** Short names the runs index also stores a statistic under (`--sort -sharpe`). */
export const METRIC_ALIASES: ReadonlyMap<string, string> = new Map([["sharpeRatio", "sharpe"]]);

/** Every finite number of a metrics object under its dotted path (`prefix.key`). */
function flattenNumbers(value: unknown, prefix: string, out: Map<string, number>): void {
  if (typeof value === "number") {
    if (Number.isFinite(value) && prefix !== "") out.set(prefix, value);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value))
    flattenNumbers(child, prefix === "" ? key : `${prefix}.${key}`, out);
}

/** A statistic under its own key and its alias (`sharpeRatio` and `sharpe`). */
function setWithAlias(out: Map<string, number>, prefix: string, key: string, value: number): void {
  out.set(`${prefix}${key}`, value);
  const alias = METRIC_ALIASES.get(key);
  if (alias !== undefined) out.set(`${prefix}${alias}`, value);
}

/**
 * The run's metrics as index rows. metrics.json holds one section per stage;
 * the backtest section's `strategy` statistics (the run's headline) are
 * stored at the top level (`sharpeRatio`, `cagr`, `maxDrawdown`, …) and
 * under the backtested segment (`test.sharpeRatio`); `benchmark.*` and
 * `baseline.*` keep their curve's name; the backtest's other numbers
 * (`riskEvents`) are top-level; every other stage's numbers are under the
 * stage (`train.meanReward`, `report.alerts`). `sharpe` is also stored for
 * `sharpeRatio`. Non-numbers (null, text, flags) are not metrics.
 */
export function flattenMetrics(metrics: unknown, segment: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!isPlainObject(metrics)) return out;
  for (const [stage, section] of Object.entries(metrics)) {
    if (stage !== "backtest" || !isPlainObject(section)) {
      flattenNumbers(section, stage, out);
      continue;
    }
    for (const [key, value] of Object.entries(section)) {
      if (key === "strategy" && isPlainObject(value)) {
        const headline = new Map<string, number>();
        flattenNumbers(value, "", headline);
        for (const [name, number] of headline) {
          setWithAlias(out, "", name, number);
          if (segment !== undefined) setWithAlias(out, `${segment}.`, name, number);
        }
      } else if ((key === "benchmark" || key === "baseline") && isPlainObject(value)) {
        const curve = new Map<string, number>();
        flattenNumbers(value, "", curve);
        for (const [name, number] of curve) setWithAlias(out, `${key}.`, name, number);
      } else {
        flattenNumbers(value, key, out);
      }
    }
  }
  return out;
}
