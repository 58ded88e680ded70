import type { SourcedBars } from "../csv/table-to-bars.js";
import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { isoTime, issueAt, rowsBySymbol } from "./check-types.js";
import { dropFlagged, keepRows } from "./sourced-rows.js";

/** Timestamps that go backwards within a symbol. Repair `sort` (stable). */
export const unsortedCheck: QualityCheckImpl = {
  check: "unsorted",
  run(data, policy): CheckOutcome {
    const issues = [];
    for (const rows of rowsBySymbol(data).values()) {
      for (let k = 1; k < rows.length; k++) {
        const prev = data.bars.timestamp[rows[k - 1]!]!;
        const cur = data.bars.timestamp[rows[k]!]!;
        if (cur < prev) {
          issues.push(
            issueAt(
              data,
              "unsorted",
              rows[k]!,
              `comes after ${isoTime(prev)} (line ${data.lines[rows[k - 1]!]})`,
              "timestamp",
            ),
          );
        }
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: sortBySymbolTime(data), repairedCount: issues.length };
  },
};

/**
 * Stable sort of rows by (symbol, timestamp). Symbols whose rows are already
 * in time order keep them as they are (the same order the stable sort gives),
 * so the common case is a regrouping without a comparison sort; data already
 * in that order is returned as is.
 */
export function sortBySymbolTime(data: SourcedBars): SourcedBars {
  const { timestamp } = data.bars;
  const groups = rowsBySymbol(data);
  const names = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const order = new Int32Array(timestamp.length);
  let at = 0;
  let identity = true;
  for (const name of names) {
    const rows = groups.get(name)!;
    if (!inTimeOrder(rows, timestamp)) {
      rows.sort((a, b) => timestamp[a]! - timestamp[b]! || a - b);
    }
    for (const row of rows) {
      if (row !== at) identity = false;
      order[at++] = row;
    }
  }
  return identity ? data : keepRows(data, order);
}

/** Rows whose timestamps never decrease (none NaN). */
function inTimeOrder(rows: readonly number[], timestamp: Float64Array): boolean {
  for (let k = 0; k < rows.length; k++) {
    const cur = timestamp[rows[k]!]!;
    if (Number.isNaN(cur)) return false;
    if (k > 0 && cur < timestamp[rows[k - 1]!]!) return false;
  }
  return true;
}

/** More than one row for the same (symbol, timestamp). Repair keep_first | keep_last. */
export const duplicatesCheck: QualityCheckImpl = {
  check: "duplicates",
  run(data, policy): CheckOutcome {
    const issues = [];
    const n = data.bars.timestamp.length;
    const drop = new Uint8Array(n);
    for (const rows of rowsBySymbol(data).values()) {
      if (strictlyIncreasing(rows, data.bars.timestamp)) continue; // no duplicate possible
      const firstSeen = new Map<number, number>();
      const lastSeen = new Map<number, number>();
      for (const i of rows) {
        const ts = data.bars.timestamp[i]!;
        const first = firstSeen.get(ts);
        if (first === undefined) {
          firstSeen.set(ts, i);
          lastSeen.set(ts, i);
          continue;
        }
        const detail = `same symbol and timestamp as line ${data.lines[first]}`;
        issues.push(issueAt(data, "duplicates", i, detail, "timestamp"));
        if (policy.method === "keep_last") drop[lastSeen.get(ts)!] = 1;
        else drop[i] = 1;
        lastSeen.set(ts, i);
      }
    }
    issues.sort((a, b) => a.line - b.line);
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: dropFlagged(data, drop), repairedCount: issues.length };
  },
};

function strictlyIncreasing(rows: readonly number[], timestamp: Float64Array): boolean {
  for (let k = 1; k < rows.length; k++) {
    if (!(timestamp[rows[k]!]! > timestamp[rows[k - 1]!]!)) return false;
  }
  return true;
}

export function isSortedUnique(data: SourcedBars): boolean {
  for (const rows of rowsBySymbol(data).values()) {
    for (let k = 1; k < rows.length; k++) {
      if (data.bars.timestamp[rows[k]!]! <= data.bars.timestamp[rows[k - 1]!]!) return false;
    }
  }
  return true;
}
