import { dataMessages } from "../../messages/data.js";
import { formatUtcOffset } from "../csv/date-parser.js";
import { sameOffset } from "../csv/table-to-bars.js";
import { type CheckOutcome, issueAt, type QualityCheckImpl } from "./check-types.js";
import type { QualityIssue } from "./quality-report.js";

/**
 * mixed_offsets: the timestamp texts were not all written with the same UTC
 * offset (`+05:00` on some rows, `Z` or none on others) — usually two
 * sources pasted together, or local times exported across a DST change. The
 * timestamps are already UTC instants; the issue is every row whose offset
 * differs from the first row's. `repair: to_utc` keeps the UTC instants and
 * counts those rows; `warn` reports them.
 */
export const mixedOffsetsCheck: QualityCheckImpl = {
  check: "mixed_offsets",
  run(data, policy): CheckOutcome {
    const offsets = data.utcOffsets;
    if (!offsets || offsets.length === 0) return { issues: [] };
    const first = offsets[0]!;
    const issues: QualityIssue[] = [];
    for (let row = 1; row < offsets.length; row++) {
      const offset = offsets[row]!;
      if (sameOffset(offset, first)) continue;
      const detail = dataMessages.mixedOffsets(formatUtcOffset(offset), formatUtcOffset(first));
      issues.push(issueAt(data, "mixed_offsets", row, detail));
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    const { utcOffsets: _converted, ...utc } = data;
    return { issues, repaired: utc, repairedCount: issues.length };
  },
};
