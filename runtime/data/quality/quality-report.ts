import type { QualityCheck } from "./quality-config.js";

/** One problem the monitor found. */
export interface QualityIssue {
  readonly check: QualityCheck;
  readonly symbol: string;
  /** 1-based line (CSV) or row (Parquet, providers) in the source. */
  readonly line: number;
  /** The offending column, when one is to blame. */
  readonly column?: string;
  readonly timestamp: string;
  readonly detail: string;
}

/** The outcome of one check. */
export interface QualityCheckResult {
  readonly check: QualityCheck;
  readonly action: "fail" | "warn" | "repair";
  readonly method?: string;
  readonly count: number;
  /** Rows the repair changed or removed (0 unless action is repair). */
  readonly repaired: number;
  /** The first issues (at most 20), for the report. */
  readonly examples: readonly QualityIssue[];
}

/** The typed quality report: written to the run folder as quality.json. */
export interface QualityReport {
  readonly file: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly checks: readonly QualityCheckResult[];
  /** `fail` never appears in a returned report: a failing check throws. */
  readonly status: "ok" | "warn" | "repaired";
}

export const MAX_EXAMPLES = 20;

/** One line per check with problems, for `data describe` and logs. */
export function formatQualitySummary(report: QualityReport): string[] {
  const lines = [`quality: ${report.status} (${report.rowsIn} rows in, ${report.rowsOut} out)`];
  for (const c of report.checks) {
    if (c.count === 0) continue;
    const what = c.action === "repair" ? `repaired (${c.method}) ${c.repaired}` : c.action;
    const first = c.examples[0];
    const where = first
      ? `; first: ${first.symbol} ${first.timestamp} line ${first.line}: ${first.detail}`
      : "";
    lines.push(`  ${c.check.padEnd(12)} ${String(c.count).padStart(5)}  ${what}${where}`);
  }
  return lines;
}
