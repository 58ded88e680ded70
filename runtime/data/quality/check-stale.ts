import type { SourcedBars } from "../csv/table-to-bars.js";
import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { issueAt, rowsBySymbol } from "./check-types.js";
import { dropFlagged } from "./sourced-rows.js";

function sameBar(data: SourcedBars, a: number, b: number): boolean {
  const { open, high, low, close, volume } = data.bars;
  return (
    open[a] === open[b] &&
    high[a] === high[b] &&
    low[a] === low[b] &&
    close[a] === close[b] &&
    volume[a] === volume[b]
  );
}

/**
 * Stale prices: (1) a run of at least `min_run` bars of one symbol with
 * identical open, high, low, close and volume (default 2 for OHLCV data, 5
 * for closes-only data, whose closes legitimately repeat); (2) with several
 * symbols, a timestamp at which every symbol repeats its previous bar exactly
 * (a carried-forward row, as on holidays). Repair `drop` removes the repeats.
 */
export const staleCheck: QualityCheckImpl = {
  check: "stale",
  run(data, policy, ctx): CheckOutcome {
    const n = data.bars.timestamp.length;
    const minRun = Math.max(2, policy.minRun ?? (ctx.closesOnly ? 5 : 2));
    const repeat = new Uint8Array(n);
    const flagged = new Uint8Array(n);
    const reason = new Map<number, string>();
    const groups = rowsBySymbol(data);
    for (const rows of groups.values()) {
      let runStart = 0;
      for (let k = 1; k <= rows.length; k++) {
        const same = k < rows.length && sameBar(data, rows[k]!, rows[k - 1]!);
        if (same) {
          repeat[rows[k]!] = 1;
          continue;
        }
        const runLength = k - runStart;
        if (runLength >= minRun) {
          for (let j = runStart + 1; j < k; j++) {
            flagged[rows[j]!] = 1;
            reason.set(rows[j]!, `bar identical to the previous one (${runLength} bars in a row)`);
          }
        }
        runStart = k;
      }
    }
    if (groups.size > 1) {
      const byTime = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const ts = data.bars.timestamp[i]!;
        const list = byTime.get(ts);
        if (list) list.push(i);
        else byTime.set(ts, [i]);
      }
      for (const rows of byTime.values()) {
        if (rows.length === groups.size && rows.every((i) => repeat[i])) {
          for (const i of rows) {
            flagged[i] = 1;
            reason.set(i, "every symbol repeats its previous bar (row carried forward)");
          }
        }
      }
    }
    const issues = [];
    for (let i = 0; i < n; i++) {
      if (flagged[i]) issues.push(issueAt(data, "stale", i, reason.get(i)!, "close"));
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: dropFlagged(data, flagged), repairedCount: issues.length };
  },
};
