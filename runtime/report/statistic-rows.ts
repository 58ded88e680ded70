import { statLabels } from "../backtest/stats/labels.js";
import type { StatisticKey, Statistics, StatisticUnit } from "../backtest/stats/types.js";
import type { StatisticRow, ValueFormat } from "./tear-sheet-input.js";

const FORMAT_OF_UNIT: Record<StatisticUnit, ValueFormat> = {
  "%": "percent",
  ratio: "ratio",
  currency: "currency",
  duration: "duration",
  count: "count",
  date: "date",
};

/** How a statistic's values are shown (from its unit in the label table). */
export function statisticFormat(key: StatisticKey): ValueFormat {
  return FORMAT_OF_UNIT[statLabels[key].unit];
}

/** Statistics left out of the table (context, not results). */
const HIDDEN: ReadonlySet<StatisticKey> = new Set(["periodsPerYear"]);

/**
 * The statistics module's typed result (and the benchmark's) as table rows,
 * labelled and formatted from its label table, in the label table's order.
 */
export function statisticRows(
  strategy: Partial<Statistics>,
  benchmark?: Partial<Statistics>,
): StatisticRow[] {
  const keys = Object.keys(statLabels) as StatisticKey[];
  return keys
    .filter((key) => !HIDDEN.has(key) && typeof strategy[key] === "number")
    .map((key) => {
      const label = statLabels[key];
      const value = strategy[key]!;
      const bench = benchmark?.[key];
      return {
        key,
        label: label.label,
        format: FORMAT_OF_UNIT[label.unit],
        strategy: Number.isFinite(value) ? value : null,
        ...(benchmark
          ? { benchmark: typeof bench === "number" && Number.isFinite(bench) ? bench : null }
          : {}),
      };
    });
}
