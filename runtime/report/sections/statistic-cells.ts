import { formatValue, signClass } from "../format.js";
import type { CellView } from "../section-views.js";
import type { StatisticRow } from "../tear-sheet-input.js";

/** Statistics for which a higher value is worse, so the difference is colored the other way. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  "annualVolatility",
  "maxDrawdownDuration",
  "avgDrawdownDuration",
  "commissions",
]);

/** Strategy − benchmark, signed and colored by whether it is better. */
export function differenceCell(row: StatisticRow): CellView {
  if (row.benchmark === undefined || row.benchmark === null || row.strategy === null) {
    return { text: "" };
  }
  if (row.format === "date") return { text: "" };
  const diff = row.strategy - row.benchmark;
  const shown = row.format === "count" ? "number" : row.format;
  const sign = LOWER_IS_BETTER.has(row.key) ? -diff : diff;
  const text = formatValue(diff, shown);
  return { text: diff > 0 ? `+${text}` : text, cls: signClass(sign) };
}
