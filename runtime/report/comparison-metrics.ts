/**
 * The numbers of a comparison: one row per statistic, one value per run, and
 * which run is best by the statistic's preferred direction (from the
 * statistics catalog, runtime/backtest/stats/preferred-direction.ts). The
 * comparison report, `drlwb compare`'s terminal table and its --json all read
 * these rows.
 */
import {
  type PreferredDirection,
  preferredDirection,
} from "../backtest/stats/preferred-direction.js";
import { UserError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { reportMessages } from "../messages/report.js";
import type { StatisticRow, TearSheetInput, ValueFormat } from "./tear-sheet-input.js";

/** One run in a comparison: a short display name and its tear-sheet input. */
export interface ComparedRun {
  readonly name: string;
  readonly input: TearSheetInput;
}

export interface ComparisonMetricRow {
  readonly key: string;
  readonly label: string;
  readonly format: ValueFormat;
  readonly better: PreferredDirection;
  /** One value per run (null when a run lacks the statistic or it is not finite). */
  readonly values: readonly (number | null)[];
  /**
   * Indexes of the best run(s): empty when the statistic has no preferred
   * direction, fewer than two runs have a value, or all values are equal.
   */
  readonly best: readonly number[];
}

export interface ComparisonMetrics {
  /** Run names, unique (`a`, `a (2)`), in the order given. */
  readonly runs: readonly string[];
  readonly rows: readonly ComparisonMetricRow[];
}

/** Names made unique (`a`, `a (2)`) so chart legends and columns never merge two runs. */
export function uniqueRunNames(runs: readonly ComparedRun[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n === 1 ? r.name : `${r.name} (${n})`;
  });
}

/** Indexes of the best values by `better` (see ComparisonMetricRow.best). */
export function bestIndexes(
  values: readonly (number | null)[],
  better: PreferredDirection,
): number[] {
  if (better === "none") return [];
  const finite = values.flatMap((v, i) => (v !== null && Number.isFinite(v) ? [i] : []));
  if (finite.length < 2) return [];
  const xs = finite.map((i) => values[i]!);
  const target = better === "higher" ? Math.max(...xs) : Math.min(...xs);
  if (xs.every((x) => x === target)) return [];
  return finite.filter((i) => values[i] === target);
}

/**
 * The statistics of every run (union of their keys, first-seen order), or
 * only `metrics` in the order given; an unknown metric is a UserError with a
 * did-you-mean.
 */
export function comparisonMetrics(
  runs: readonly ComparedRun[],
  options: { readonly metrics?: readonly string[] } = {},
): ComparisonMetrics {
  const meta = new Map<string, StatisticRow>();
  for (const r of runs) {
    for (const s of r.input.statistics ?? []) if (!meta.has(s.key)) meta.set(s.key, s);
  }
  const known = [...meta.keys()];
  const keys = options.metrics ?? known;
  for (const key of keys) {
    if (!meta.has(key)) {
      throw new UserError(reportMessages.unknownCompareMetric(key, didYouMean(key, known), known));
    }
  }
  const rows = keys.map((key) => {
    const m = meta.get(key)!;
    const better = m.format === "date" ? "none" : preferredDirection(key);
    const values = runs.map((r) => {
      const v = r.input.statistics?.find((s) => s.key === key)?.strategy;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    });
    return {
      key,
      label: m.label,
      format: m.format,
      better,
      values,
      best: bestIndexes(values, better),
    };
  });
  return { runs: uniqueRunNames(runs), rows };
}
