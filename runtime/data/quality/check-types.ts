import type { CalendarKind } from "../bundled-catalog.js";
import type { SourcedBars } from "../csv/table-to-bars.js";
import type { QualityCheck, ResolvedCheck } from "./quality-config.js";
import type { QualityIssue } from "./quality-report.js";

export interface CheckContext {
  readonly calendar: CalendarKind;
  readonly closesOnly: boolean;
}

export interface CheckOutcome {
  readonly issues: QualityIssue[];
  /** The data after the repair (only when the policy is repair). */
  readonly repaired?: SourcedBars;
  readonly repairedCount?: number;
}

/** One quality check: finds issues and, when asked, repairs them. */
export interface QualityCheckImpl {
  readonly check: QualityCheck;
  run(data: SourcedBars, policy: ResolvedCheck, ctx: CheckContext): CheckOutcome;
}

export function isoTime(ms: number): string {
  if (Number.isNaN(ms)) return "NaT";
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

export function issueAt(
  data: SourcedBars,
  check: QualityCheck,
  row: number,
  detail: string,
  column?: string,
): QualityIssue {
  return {
    check,
    symbol: data.bars.symbol[row]!,
    line: data.lines[row]!,
    ...(column ? { column } : {}),
    timestamp: isoTime(data.bars.timestamp[row]!),
    detail,
  };
}

/** Rows grouped by symbol, each group in row order: [symbol, row indices]. */
export function rowsBySymbol(data: SourcedBars): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const { symbol } = data.bars;
  for (let i = 0; i < symbol.length; i++) {
    const s = symbol[i]!;
    let g = groups.get(s);
    if (!g) {
      g = [];
      groups.set(s, g);
    }
    g.push(i);
  }
  return groups;
}
