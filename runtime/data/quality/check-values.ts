import type { SourcedBars } from "../csv/table-to-bars.js";
import { PRICE_FIELDS, VALUE_FIELDS } from "../frame/bar-columns.js";
import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { issueAt, rowsBySymbol } from "./check-types.js";
import { dropFlagged } from "./sourced-rows.js";

function valueFields(data: SourcedBars): { name: string; values: Float64Array }[] {
  const fields = VALUE_FIELDS.map((f) => ({ name: f as string, values: data.bars[f] }));
  if (data.bars.adjClose) fields.push({ name: "adj_close", values: data.bars.adjClose });
  return fields;
}

function copyBars(data: SourcedBars): SourcedBars {
  const b = data.bars;
  return {
    file: data.file,
    lines: Int32Array.from(data.lines),
    bars: {
      timestamp: Float64Array.from(b.timestamp),
      symbol: [...b.symbol],
      open: Float64Array.from(b.open),
      high: Float64Array.from(b.high),
      low: Float64Array.from(b.low),
      close: Float64Array.from(b.close),
      volume: Float64Array.from(b.volume),
      ...(b.adjClose ? { adjClose: Float64Array.from(b.adjClose) } : {}),
    },
  };
}

/** Missing values (NaN) in any value column. Repair `ffill` (per symbol) or `drop`. */
export const nanCheck: QualityCheckImpl = {
  check: "nan",
  run(data, policy): CheckOutcome {
    const issues = [];
    const n = data.bars.timestamp.length;
    const flagged = new Uint8Array(n);
    for (const { name, values } of valueFields(data)) {
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(values[i]!)) {
          issues.push(issueAt(data, "nan", i, `${name} is missing`, name));
          flagged[i] = 1;
        }
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    if (policy.method === "drop") {
      return { issues, repaired: dropFlagged(data, flagged), repairedCount: count(flagged) };
    }
    // ffill: carry the symbol's previous value; rows still NaN (leading) are dropped.
    const out = copyBars(data);
    const still = new Uint8Array(n);
    for (const rows of rowsBySymbol(out).values()) {
      for (const { values } of valueFields(out)) {
        for (let k = 0; k < rows.length; k++) {
          const i = rows[k]!;
          if (!Number.isNaN(values[i]!)) continue;
          if (k > 0) values[i] = values[rows[k - 1]!]!;
          if (Number.isNaN(values[i]!)) still[i] = 1;
        }
      }
    }
    return { issues, repaired: dropFlagged(out, still), repairedCount: count(flagged) };
  },
};

function count(flags: Uint8Array): number {
  let c = 0;
  for (const f of flags) c += f;
  return c;
}

/** Prices ≤ 0 or negative volume. Repair `drop`. */
export const nonPositiveCheck: QualityCheckImpl = {
  check: "non_positive",
  run(data, policy): CheckOutcome {
    const issues = [];
    const n = data.bars.timestamp.length;
    const flagged = new Uint8Array(n);
    for (const f of PRICE_FIELDS) {
      const values = data.bars[f];
      for (let i = 0; i < n; i++) {
        if (values[i]! <= 0) {
          issues.push(issueAt(data, "non_positive", i, `${f} is ${values[i]}`, f));
          flagged[i] = 1;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (data.bars.volume[i]! < 0) {
        issues.push(issueAt(data, "non_positive", i, `volume is ${data.bars.volume[i]}`, "volume"));
        flagged[i] = 1;
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: dropFlagged(data, flagged), repairedCount: count(flagged) };
  },
};

/**
 * OHLC inconsistencies: high below open/close/low, low above open/close.
 * Repair `clip` (high := max(o,h,l,c), low := min(o,h,l,c)) or `drop`.
 */
export const ohlcCheck: QualityCheckImpl = {
  check: "ohlc",
  run(data, policy): CheckOutcome {
    const issues = [];
    const { open, high, low, close } = data.bars;
    const n = open.length;
    const flagged = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const o = open[i]!;
      const h = high[i]!;
      const l = low[i]!;
      const c = close[i]!;
      const problems: string[] = [];
      if (h < Math.max(o, c)) problems.push(`high ${h} < ${o > c ? `open ${o}` : `close ${c}`}`);
      if (l > Math.min(o, c)) problems.push(`low ${l} > ${o < c ? `open ${o}` : `close ${c}`}`);
      if (h < l && problems.length === 0) problems.push(`high ${h} < low ${l}`);
      if (problems.length) {
        const column = problems[0]!.startsWith("high") ? "high" : "low";
        issues.push(issueAt(data, "ohlc", i, problems.join("; "), column));
        flagged[i] = 1;
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    if (policy.method === "drop") {
      return { issues, repaired: dropFlagged(data, flagged), repairedCount: count(flagged) };
    }
    const out = copyBars(data);
    for (let i = 0; i < n; i++) {
      if (!flagged[i]) continue;
      const vals = [open[i]!, high[i]!, low[i]!, close[i]!];
      (out.bars.high as Float64Array)[i] = Math.max(...vals);
      (out.bars.low as Float64Array)[i] = Math.min(...vals);
    }
    return { issues, repaired: out, repairedCount: count(flagged) };
  },
};
