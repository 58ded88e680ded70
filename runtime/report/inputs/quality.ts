import type { QualityReport } from "../../data/quality/quality-report.js";
import type { QualitySection } from "../tear-sheet-input.js";

/** The data stage's quality report as the tear sheet's data-quality summary. */
export function qualitySummary(
  report: QualityReport,
  panel?: { timestamps: Float64Array; symbols: readonly string[] },
): QualitySection {
  const n = panel?.timestamps.length ?? 0;
  return {
    rows: report.rowsOut,
    ...(panel ? { symbols: panel.symbols.length } : {}),
    ...(n > 0 ? { start: panel!.timestamps[0]!, end: panel!.timestamps[n - 1]! } : {}),
    checks: report.checks.map((c) => {
      const status = c.count === 0 ? ("ok" as const) : ("warning" as const);
      const first = c.examples[0];
      const action =
        c.count === 0
          ? "no issues"
          : c.action === "repair"
            ? `${c.count} found, ${c.repaired} repaired${c.method ? ` (${c.method})` : ""}`
            : `${c.count} found (${c.action})`;
      const example = first ? `; first: ${first.symbol} ${first.timestamp}: ${first.detail}` : "";
      return { check: c.check, status, detail: `${action}${example}` };
    }),
  };
}
