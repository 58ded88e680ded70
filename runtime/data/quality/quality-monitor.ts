import { type Diagnostic, UserError } from "../../core/errors.js";
import { specError } from "../../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import { dataFileDiagnostic } from "../data-file-error.js";
import type { SourcedBars } from "../csv/table-to-bars.js";
import type { CheckContext, QualityCheckImpl } from "./check-types.js";
import { gapsCheck } from "./check-gaps.js";
import { mixedOffsetsCheck } from "./check-offsets.js";
import { outliersCheck } from "./check-outliers.js";
import { staleCheck } from "./check-stale.js";
import {
  duplicatesCheck,
  isSortedUnique,
  sortBySymbolTime,
  unsortedCheck,
} from "./check-structure.js";
import { nanCheck, nonPositiveCheck, ohlcCheck } from "./check-values.js";
import { type QualityCheck, type QualitySettings, resolveCheck } from "./quality-config.js";
import {
  MAX_EXAMPLES,
  type QualityCheckResult,
  type QualityIssue,
  type QualityReport,
} from "./quality-report.js";

/** The checks in run order: how timestamps were written, structure, then values, then time. */
export function createQualityChecks(): readonly QualityCheckImpl[] {
  return [
    mixedOffsetsCheck,
    unsortedCheck,
    duplicatesCheck,
    nanCheck,
    nonPositiveCheck,
    ohlcCheck,
    staleCheck,
    outliersCheck,
    gapsCheck,
  ];
}

/**
 * Runs every check on the source-ordered bars with the spec's policies.
 * `fail` throws a UserError naming file, line and column of the first
 * problems; `warn` reports; `repair: <method>` changes the data and records
 * how many rows. Returns the clean bars grouped by symbol in time order (a
 * regrouping, not a repair: a symbol's rows never change order unless
 * `unsorted: { repair: sort }`), plus the typed report. `loc` is the data
 * section's place in the spec (errors point at its `quality` keys).
 */
export function runQualityMonitor(
  input: SourcedBars,
  config: QualitySettings,
  ctx: CheckContext,
  loc: SpecLocation = sectionLocation("data"),
): { data: SourcedBars; report: QualityReport } {
  const quality = loc.at("/quality");
  let data = input;
  const results: QualityCheckResult[] = [];
  for (const impl of createQualityChecks()) {
    const policy = resolveCheck(impl.check, config[impl.check]);
    const outcome = impl.run(data, policy, ctx);
    if (outcome.issues.length > 0 && policy.action === "fail") {
      const first = outcome.issues[0]!;
      const message = dataMessages.qualityFailed(
        data.file,
        outcome.issues.length,
        `${impl.check}: ${first.symbol} ${first.timestamp} (line ${first.line}) ${first.detail}`,
      );
      throw new UserError(
        message,
        outcome.issues
          .slice(0, 10)
          .map((issue) => diag(data.file, issue, impl.check, quality.at(`/${impl.check}`))),
      );
    }
    if (outcome.repaired) data = outcome.repaired;
    results.push(
      result(impl.check, policy.action, policy.method, outcome.issues, outcome.repairedCount ?? 0),
    );
    if (impl.check === "duplicates") {
      if (!isSortedUnique(data) && !isSortedUnique(sortBySymbolTime(data))) {
        throw specError(
          quality.at("/duplicates"),
          dataMessages.qualityWarnCannotContinue("duplicates"),
        );
      }
      data = sortBySymbolTime(data);
    }
  }
  const anyRepair = results.some((r) => r.repaired > 0);
  const anyIssue = results.some((r) => r.count > 0);
  return {
    data,
    report: {
      file: input.file,
      rowsIn: input.bars.timestamp.length,
      rowsOut: data.bars.timestamp.length,
      checks: results,
      status: anyRepair ? "repaired" : anyIssue ? "warn" : "ok",
    },
  };
}

function result(
  check: QualityCheck,
  action: "fail" | "warn" | "repair",
  method: string | undefined,
  issues: readonly QualityIssue[],
  repaired: number,
): QualityCheckResult {
  return {
    check,
    action,
    ...(method ? { method } : {}),
    count: issues.length,
    repaired,
    examples: issues.slice(0, MAX_EXAMPLES),
  };
}

function diag(
  file: string,
  issue: QualityIssue,
  check: QualityCheck,
  loc: SpecLocation,
): Diagnostic {
  return dataFileDiagnostic(
    file,
    { line: issue.line },
    loc,
    `${issue.symbol} ${issue.timestamp}${issue.column ? ` column ${issue.column}` : ""}: ${issue.detail}`,
    dataMessages.qualityFailedHint(check),
  );
}
