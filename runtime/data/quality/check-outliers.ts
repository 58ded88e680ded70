import { dataMessages } from "../../messages/data.js";
import { median } from "../../stats/quantile.js";
import type { CheckOutcome, QualityCheckImpl } from "./check-types.js";
import { issueAt, rowsBySymbol } from "./check-types.js";
import { dropFlagged } from "./sourced-rows.js";

/**
 * Outlier returns by robust z-score: z = 0.6745 · (r − median) / MAD over each
 * symbol's close-to-close log returns; |z| above `threshold` (its default is
 * in schemas/data.schema.json `$defs/quality_outliers`, filled by
 * `resolveCheck`) is an outlier. (A data check over the whole file, not a
 * trading signal.) Repair `drop` removes the bar that ends the outlier return.
 */
export const outliersCheck: QualityCheckImpl = {
  check: "outliers",
  run(data, policy): CheckOutcome {
    const threshold = policy.threshold;
    if (threshold === undefined)
      throw new Error(dataMessages.qualityParameterUnset("outliers", "threshold"));
    const flagged = new Uint8Array(data.bars.timestamp.length);
    const issues = [];
    const { close } = data.bars;
    for (const rows of rowsBySymbol(data).values()) {
      if (rows.length < 3) continue;
      const r = new Float64Array(rows.length - 1);
      for (let k = 1; k < rows.length; k++)
        r[k - 1] = Math.log(close[rows[k]!]! / close[rows[k - 1]!]!);
      const finite = r.filter((x) => Number.isFinite(x));
      const med = median(finite);
      const mad = median(finite.map((x) => Math.abs(x - med)));
      if (!(mad > 0)) continue;
      for (let k = 0; k < r.length; k++) {
        const z = (0.6745 * (r[k]! - med)) / mad;
        if (Math.abs(z) > threshold) {
          const row = rows[k + 1]!;
          flagged[row] = 1;
          const pct = (Math.exp(r[k]!) - 1) * 100;
          issues.push(
            issueAt(
              data,
              "outliers",
              row,
              `return ${pct.toFixed(2)}% has robust z-score ${z.toFixed(1)} (threshold ${threshold})`,
              "close",
            ),
          );
        }
      }
    }
    if (policy.action !== "repair" || issues.length === 0) return { issues };
    return { issues, repaired: dropFlagged(data, flagged), repairedCount: issues.length };
  },
};
