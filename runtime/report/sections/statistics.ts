import { statLabels } from "../../backtest/stats/labels.js";
import { reportMessages } from "../../messages/report.js";
import { formatValue } from "../format.js";
import { COMPACT_STATISTICS } from "../pdf-mode.js";
import type { CellView, TableView } from "../section-views.js";
import {
  STATISTIC_GROUP_OF,
  STATISTIC_GROUPS,
  type StatisticGroup,
  statisticGroupTitle,
} from "../statistic-groups.js";
import type { StatisticRow } from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";
import { differenceCell } from "./statistic-cells.js";

/** A statistic's group; keys the statistics module does not know go with the context. */
function groupOf(key: string): StatisticGroup {
  return Object.hasOwn(STATISTIC_GROUP_OF, key)
    ? STATISTIC_GROUP_OF[key as keyof typeof STATISTIC_GROUP_OF]
    : "context";
}

/** The statistic's definition and convention (statLabels' description), its row's tooltip. */
export function statisticTooltip(key: string): string | undefined {
  return Object.hasOwn(statLabels, key)
    ? statLabels[key as keyof typeof statLabels].description
    : undefined;
}

/**
 * The statistics table, one table per group (context, returns, risk,
 * risk-adjusted, trades, benchmark-relative, tail) in the statistics module's
 * order within a group; each name carries its definition as a tooltip.
 */
export const statisticsSection: SectionBuilder = (input, options) => {
  const all = input.statistics ?? [];
  const stats = options.compact ? all.filter((s) => COMPACT_STATISTICS.has(s.key)) : all;
  if (!stats.length) return undefined;
  const withBenchmark = stats.some((s) => s.benchmark !== undefined && s.benchmark !== null);
  const headers = withBenchmark
    ? ["statistic", "strategy", "benchmark", "difference"]
    : ["statistic", "strategy"];
  const byGroup = new Map<StatisticGroup, StatisticRow[]>();
  for (const s of stats) {
    const group = groupOf(s.key);
    byGroup.set(group, [...(byGroup.get(group) ?? []), s]);
  }
  const row = (s: StatisticRow): CellView[] => {
    const title = statisticTooltip(s.key);
    return [
      { text: s.label, ...(title ? { title } : {}) },
      { text: formatValue(s.strategy, s.format) },
      ...(withBenchmark ? [{ text: formatValue(s.benchmark, s.format) }, differenceCell(s)] : []),
    ];
  };
  const tables: TableView[] = STATISTIC_GROUPS.flatMap((group) => {
    const rows = byGroup.get(group);
    return rows?.length
      ? [
          {
            caption: statisticGroupTitle(group),
            headers,
            rows: rows.map(row),
            numeric: withBenchmark ? [1, 2, 3] : [1],
          },
        ]
      : [];
  });
  return {
    id: "statistics",
    title: "Statistics",
    notes: [reportMessages.statisticGroups.hint()],
    tables,
  };
};
