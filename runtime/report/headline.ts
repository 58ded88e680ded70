import { sectionDefaults } from "../spec/section-defaults.js";
import type { StatisticRow, TearSheetInput } from "./tear-sheet-input.js";

/**
 * The statistics shown as headline tiles: `report.headline` (for library
 * callers without a spec, its schema default), in that order, leaving out
 * keys the run has no statistic for. The tear sheet's tiles and the
 * report-ready notification both show these.
 */
export function headlineStatistics(input: TearSheetInput): StatisticRow[] {
  const byKey = new Map((input.statistics ?? []).map((s) => [s.key, s]));
  const keys = input.headline ?? sectionDefaults("report").headline;
  return keys.flatMap((key) => {
    const row = byKey.get(key);
    return row ? [row] : [];
  });
}
